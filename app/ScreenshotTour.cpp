#include "ScreenshotTour.h"

#include "MainWindow.h"
#include "charts/ChartsPage.h"
#include "models/ResultTableModel.h"
#include "pages/TablePage.h"
#include "predict/PredictChartsPage.h"
#include "predict/PredictPage.h"
#include "session/AnalysisSession.h"
#include "session/PredictSession.h"
#include "widgets/ResultTableView.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialog>
#include <QDir>
#include <QPushButton>
#include <QTabWidget>
#include <QTimer>

#include <cstdio>
#include <utility>

namespace clv {

ScreenshotTour::ScreenshotTour(MainWindow* window, QString directory, QObject* parent)
    : QObject(parent), m_window(window), m_directory(std::move(directory))
{
}

void ScreenshotTour::start(const QStringList& inputs, const QString& transactionColumns)
{
    QDir().mkpath(m_directory);
    m_window->resize(1400, 860);
    connect(
        m_window->findChild<AnalysisSession*>(), &AnalysisSession::resultsChanged, this,
        [this] {
            // Charts are computed on the worker pool after the tables: wait for them.
            connect(m_window->findChild<ChartsPage*>(QStringLiteral("chartsPage")), &ChartsPage::summariesReady, this,
                    &ScreenshotTour::shootTabs, Qt::SingleShotConnection);
        },
        Qt::SingleShotConnection);
    connect(m_window->findChild<AnalysisSession*>(), &AnalysisSession::failed, this, [](const QString& message) {
        std::fprintf(stderr, "clv-studio: %s\n", qPrintable(message));
        QApplication::exit(2);
    });
    if (transactionColumns.isEmpty())
        m_window->openInputs(inputs);
    else
        m_window->openTransactionTables(inputs, transactionColumns);
}

void ScreenshotTour::shoot(QWidget* widget, const QString& name)
{
    QApplication::processEvents();
    const QString file = QDir(m_directory).filePath(name + QStringLiteral(".png"));
    widget->grab().save(file);
    std::printf("%s\n", qPrintable(file));
}

void ScreenshotTour::shootTabs()
{
    auto* tabs = m_window->findChild<QTabWidget*>(QStringLiteral("tabs"));
    if (TablePage* ltv = m_window->findChild<TablePage*>(QStringLiteral("ltvPage"));
        ltv && ltv->model()->rowCount() > 0)
        ltv->view()->selectRow(0); // so that the customer chart has a customer
    // The predictive tabs are shot once their purchases are gathered and a fit is shown.
    const QStringList later = {QStringLiteral("predictPage"), QStringLiteral("cohortsPage"),
                               QStringLiteral("segmentsPage")};
    for (int i = 0; i < tabs->count(); ++i) {
        if (later.contains(tabs->widget(i)->objectName()))
            continue;
        tabs->setCurrentIndex(i);
        QApplication::processEvents();
        QString name = tabs->tabText(i).section(QLatin1Char(' '), 0, 0).toLower();
        if (tabs->widget(i) == m_window->findChild<ChartsPage*>(QStringLiteral("chartsPage"))) {
            for (auto chart : {ChartsPage::Chart::WeeklySpend, ChartsPage::Chart::LtvDistribution,
                               ChartsPage::Chart::TopCustomers, ChartsPage::Chart::CustomerWeeks}) {
                m_window->findChild<ChartsPage*>(QStringLiteral("chartsPage"))->setCurrentChart(chart);
                QApplication::processEvents();
                const QString file
                    = QDir(m_directory).filePath(QStringLiteral("charts-%1.png").arg(static_cast<int>(chart)));
                m_window->grab().save(file);
                std::printf("%s\n", qPrintable(file));
            }
            continue;
        }
        const QString file = QDir(m_directory).filePath(name + QStringLiteral(".png"));
        m_window->grab().save(file);
        std::printf("%s\n", qPrintable(file));
    }
    // The Help menu's dialogs, opened through their actions as a user would.
    for (const auto& [action, dialog] :
         {std::pair("keyboardShortcutsAction", "shortcutsDialog"), std::pair("aboutAction", "aboutDialog")}) {
        if (auto* trigger = m_window->findChild<QAction*>(QLatin1String(action)))
            trigger->trigger();
        QApplication::processEvents();
        if (auto* shown = m_window->findChild<QDialog*>(QLatin1String(dialog))) {
            const QString file = QDir(m_directory).filePath(QLatin1String(dialog) + QStringLiteral(".png"));
            shown->grab().save(file);
            std::printf("%s\n", qPrintable(file));
            shown->close();
        }
    }
    // File ▸ Generate Fake Data…, in the mode that simulates purchases for the models.
    if (auto* trigger = m_window->findChild<QAction*>(QStringLiteral("generateAction")))
        trigger->trigger();
    QApplication::processEvents();
    if (auto* shown = m_window->findChild<QDialog*>(QStringLiteral("generateDataDialog"))) {
        if (auto* mode = shown->findChild<QComboBox*>(QStringLiteral("modeCombo")))
            mode->setCurrentIndex(mode->findData(QStringLiteral("btyd")));
        QApplication::processEvents();
        const QString file = QDir(m_directory).filePath(QStringLiteral("generateDialog.png"));
        shown->grab().save(file);
        std::printf("%s\n", qPrintable(file));
        shown->close();
    }
    shootPredict();
}

void ScreenshotTour::shootPredict()
{
    auto* predict = m_window->findChild<PredictSession*>(QStringLiteral("predictSession"));
    if (predict->isBusy() || !predict->overview()) {
        // The purchases are still being gathered: come back when they are.
        connect(predict, &PredictSession::overviewChanged, this, &ScreenshotTour::shootPredict,
                Qt::SingleShotConnection);
        return;
    }
    auto* tabs = m_window->findChild<QTabWidget*>(QStringLiteral("tabs"));
    tabs->setCurrentWidget(m_window->findChild<QWidget*>(QStringLiteral("predictPage")));
    auto* end = m_window->findChild<QDateEdit*>(QStringLiteral("calibrationEndEdit"));
    const QDate first = end->minimumDate();
    const QDate last = end->maximumDate();
    end->setDate(first.addDays(first.daysTo(last) / 2));
    m_window->findChild<QCheckBox*>(QStringLiteral("holdoutCheck"))->setChecked(true);
    m_window->findChild<QDateEdit*>(QStringLiteral("holdoutEndEdit"))->setDate(last);
    for (const char* model : {"model_bgnbd", "model_pnbd", "model_mbgnbd", "model_gg"})
        m_window->findChild<QCheckBox*>(QLatin1String(model))->setChecked(true);
    connect(predict, &PredictSession::resultChanged, this, &ScreenshotTour::shootPredictViews,
            Qt::SingleShotConnection);
    connect(predict, &PredictSession::failed, this, [](const QString& message) {
        std::fprintf(stderr, "clv-studio: %s\n", qPrintable(message));
        QApplication::exit(2);
    });
    m_window->findChild<QPushButton*>(QStringLiteral("fitButton"))->click();
}

void ScreenshotTour::shootPredictViews()
{
    auto* views = m_window->findChild<QTabWidget*>(QStringLiteral("predictViews"));
    views->setCurrentIndex(0);
    shoot(m_window, QStringLiteral("predict-models"));
    views->setCurrentIndex(1);
    if (auto* page = m_window->findChild<TablePage*>(QStringLiteral("predictionsPage"));
        page && page->model()->rowCount() > 0)
        page->view()->selectRow(0); // the customer's purchases below, and their P(alive) chart
    shoot(m_window, QStringLiteral("predict-predictions"));
    views->setCurrentIndex(2);
    shootPredictCharts(0);
}

void ScreenshotTour::shootPredictCharts(int next)
{
    auto* charts = m_window->findChild<PredictChartsPage*>(QStringLiteral("predictChartsPage"));
    if (next >= PredictChartsPage::kChartCount) {
        for (const char* page : {"cohortsPage", "segmentsPage"}) {
            m_window->findChild<QTabWidget*>(QStringLiteral("tabs"))
                ->setCurrentWidget(m_window->findChild<QWidget*>(QLatin1String(page)));
            shoot(m_window, QString::fromLatin1(page).remove(QStringLiteral("Page")));
        }
        finish();
        return;
    }
    charts->setCurrentChart(static_cast<PredictChartsPage::Chart>(next));
    // Each chart is drawn when its figures are in; a short pause lets a pending job answer.
    QTimer::singleShot(400, this, [this, next] {
        shoot(m_window, QStringLiteral("predict-chart-%1").arg(next));
        shootPredictCharts(next + 1);
    });
}

void ScreenshotTour::finish()
{
    QTimer::singleShot(0, qApp, &QApplication::quit);
}

} // namespace clv
