#include "ScreenshotTour.h"

#include "MainWindow.h"
#include "charts/ChartsPage.h"
#include "models/ResultTableModel.h"
#include "pages/TablePage.h"
#include "session/AnalysisSession.h"
#include "widgets/ResultTableView.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QDir>
#include <QTabWidget>
#include <QTimer>

#include <cstdio>
#include <utility>

namespace clv {

ScreenshotTour::ScreenshotTour(MainWindow* window, QString directory, QObject* parent)
    : QObject(parent), m_window(window), m_directory(std::move(directory))
{
}

void ScreenshotTour::start(const QStringList& inputs)
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
    m_window->openInputs(inputs);
}

void ScreenshotTour::shootTabs()
{
    auto* tabs = m_window->findChild<QTabWidget*>(QStringLiteral("tabs"));
    if (TablePage* ltv = m_window->findChild<TablePage*>(QStringLiteral("ltvPage"));
        ltv && ltv->model()->rowCount() > 0)
        ltv->view()->selectRow(0); // so that the customer chart has a customer
    for (int i = 0; i < tabs->count(); ++i) {
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
    QTimer::singleShot(0, qApp, &QApplication::quit);
}

} // namespace clv
