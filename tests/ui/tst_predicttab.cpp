// The Predict, Cohorts and Segments tabs of the real window, offscreen, on the CDNOW sample:
// fit from the tab, read the estimates as shown, re-fit, cancel, export, and settings.
#include "../unit/TestSupport.h"
#include "UiTestSupport.h"

#include "MainWindow.h"
#include "TransactionDialogSupport.h"
#include "dialogs/TransactionImportDialog.h"
#include "generate/FakeDataGenerator.h"
#include "generate/WordLists.h"
#include "pages/TablePage.h"
#include "predict/ModelComparisonModel.h"
#include "predict/PredictPage.h"
#include "predict/PredictSettingsPanel.h"
#include "session/AnalysisSession.h"
#include "session/PredictSession.h"
#include "widgets/MessageBar.h"
#include "widgets/ResultTableView.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFile>
#include <QFileDialog>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace clv;
using clv::test::part;

namespace {

int sampleCustomers()
{
    return test::distinctCustomers(test::kCdnowSample);
}

// Opens the sample from File ▸ Open Transactions with its id, date and amount columns.
bool openSample(MainWindow& w)
{
    QSignalSpy shown(&w, &MainWindow::resultsShown);
    return test::openCdnowSampleFromTheMenu(w) && shown.wait(60000);
}

// Waits for the purchases to be gathered after the results arrived.
bool waitForPurchases(MainWindow& w)
{
    auto* predict = part<PredictSession>(w, "predictSession");
    return QTest::qWaitFor([predict] { return predict->overview() && !predict->isBusy(); }, 30000);
}

QDate day(int y, int m, int d)
{
    return {y, m, d};
}

// The number an estimate cell starts with ("0.242593 (0.0125)" → 0.242593).
double estimate(const QAbstractItemModel& model, int row, int column)
{
    return model.data(model.index(row, column)).toString().section(QLatin1Char(' '), 0, 0).toDouble();
}

int rowNamed(const QAbstractItemModel& model, const QString& name)
{
    for (int r = 0; r < model.rowCount(); ++r)
        if (model.headerData(r, Qt::Vertical).toString() == name)
            return r;
    return -1;
}

int columnOf(const QAbstractItemModel& model, const QString& title)
{
    for (int c = 0; c < model.columnCount(); ++c)
        if (model.headerData(c, Qt::Horizontal).toString().startsWith(title))
            return c;
    return -1;
}

// Sets the calibration and holdout ends, the models, and presses Fit; waits for the answer.
bool fit(MainWindow& w, QDate calibrationEnd, std::optional<QDate> holdoutEnd, const QStringList& models)
{
    auto* panel = w.findChild<PredictSettingsPanel*>();
    panel->findChild<QDateEdit*>(QStringLiteral("calibrationEndEdit"))->setDate(calibrationEnd);
    panel->findChild<QCheckBox*>(QStringLiteral("holdoutCheck"))->setChecked(holdoutEnd.has_value());
    if (holdoutEnd)
        panel->findChild<QDateEdit*>(QStringLiteral("holdoutEndEdit"))->setDate(*holdoutEnd);
    for (const char* key : {"bgnbd", "pnbd", "mbgnbd", "gg"})
        panel->findChild<QCheckBox*>(QStringLiteral("model_%1").arg(QLatin1String(key)))
            ->setChecked(models.contains(QLatin1String(key)));
    auto* predict = part<PredictSession>(w, "predictSession");
    QSignalSpy changed(predict, &PredictSession::resultChanged);
    auto* button = panel->findChild<QPushButton*>(QStringLiteral("fitButton"));
    if (!button->isEnabled())
        return false;
    button->click();
    return changed.wait(60000);
}

// A realistic event file of a few thousand customers: repeat buyers enough for BG/NBD.
QString writeEventFile(const QTemporaryDir& dir)
{
    GeneratorOptions options;
    options.mode = GeneratorMode::Realistic;
    options.customers = 3000;
    const auto words = WordLists::load(WordLists::defaultDirectory(), nullptr);
    QString path = dir.filePath(QStringLiteral("events.jsonl"));
    QFile file(path);
    if (!words || !file.open(QIODevice::WriteOnly) || !FakeDataGenerator(options, *words).write(file).ok())
        return {};
    return path;
}

QAction* action(MainWindow& w, const char* name)
{
    return w.findChild<QAction*>(QLatin1String(name));
}

// Answers the named file dialog once the window shows it, and waits for the results.
bool answerAndWait(MainWindow& w, const char* dialog, const QString& path)
{
    QSignalSpy shown(&w, &MainWindow::resultsShown);
    return test::answerFileDialog(test::shownChild<QFileDialog>(w, QLatin1String(dialog)), {path}) && shown.wait(60000);
}

} // namespace

class TestPredictTab : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() { test::isolateSettings(m_dir); }

    void testFitShowsThePublishedBgNbdEstimatesAndPredictions()
    {
        MainWindow w;
        w.show();
        QVERIFY(openSample(w));
        QVERIFY(waitForPurchases(w));
        auto* tabs = part<QTabWidget>(w, "tabs");
        tabs->setCurrentWidget(part<QWidget>(w, "predictPage"));
        auto* counts = part<QLabel>(w, "calibrationCountsLabel");
        QVERIFY(fit(w, day(1997, 9, 30), day(1998, 6, 30), {"bgnbd", "gg"}));
        // The window said how the data split before fitting.
        QVERIFY2(counts->text().contains(QStringLiteral("2,357 customers")), qPrintable(counts->text()));

        auto* view = part<QTableView>(w, "modelComparisonView");
        const QAbstractItemModel& models = *view->model();
        QAbstractItemModelTester tester(view->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        const int bg = columnOf(models, QStringLiteral("BG/NBD"));
        QVERIFY(bg >= 0);
        // Fader, Hardie & Lee (2005): r 0.243, α 4.414, a 0.793, b 2.426; from the raw sample
        // within half a percent.
        const std::pair<const char*, double> published[] = {{"r", 0.243}, {"alpha", 4.414}, {"a", 0.793}, {"b", 2.426}};
        for (const auto& [name, value] : published) {
            const int row = rowNamed(models, QLatin1String(name));
            QVERIFY2(row >= 0, name);
            const double shown = estimate(models, row, bg);
            QVERIFY2(std::abs(shown / value - 1) < 0.005, qPrintable(QStringLiteral("%1 = %2").arg(name).arg(shown)));
        }
        QCOMPARE(models.data(models.index(rowNamed(models, QStringLiteral("Converged")), bg)).toString(),
                 QStringLiteral("Yes"));
        // Only one purchase model: it is the best by AIC, and says so.
        QVERIFY(models.headerData(bg, Qt::Horizontal).toString().contains(QStringLiteral("best AIC")));

        auto* predictions = part<TablePage>(w, "predictionsPage");
        QAbstractItemModelTester predictionsTester(predictions->model(),
                                                   QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_COMPARE(predictions->model()->rowCount(), sampleCustomers());
        // Every customer has a P(alive) in (0, 1] and a CLV (Gamma-Gamma was fitted).
        const int pAliveColumn = 5;
        const int clvColumn = 8;
        for (int r = 0; r < predictions->model()->rowCount(); r += 97) {
            const double p
                = predictions->model()->data(predictions->model()->index(r, pAliveColumn), Qt::UserRole).toDouble();
            QVERIFY(p > 0 && p <= 1);
            QVERIFY(!predictions->model()->data(predictions->model()->index(r, clvColumn)).toString().isEmpty());
        }
        // Filtering by customer id keeps the ids that contain the text.
        predictions->filterEdit()->setText(QStringLiteral("0001"));
        QTRY_VERIFY(predictions->model()->rowCount() > 0 && predictions->model()->rowCount() < 100);
        for (int r = 0; r < predictions->model()->rowCount(); ++r)
            QVERIFY(predictions->model()
                        ->data(predictions->model()->index(r, 0))
                        .toString()
                        .contains(QStringLiteral("0001")));
    }

    void testChangingTheCalibrationEndFitsAgainWithoutReading()
    {
        MainWindow w;
        w.show();
        QVERIFY(openSample(w));
        QVERIFY(waitForPurchases(w));
        QVERIFY(fit(w, day(1997, 9, 30), std::nullopt, {"bgnbd"}));
        auto* session = part<AnalysisSession>(w, "analysisSession");
        QSignalSpy reads(session, &AnalysisSession::resultsChanged);
        auto* predict = part<PredictSession>(w, "predictSession");
        QCOMPARE(*predict->result()->run.summary->calibrationEnd, QDate(1970, 1, 1).daysTo(day(1997, 9, 30)));
        QSignalSpy changed(predict, &PredictSession::resultChanged);
        part<QDateEdit>(w, "calibrationEndEdit")->setDate(day(1997, 12, 31));
        QVERIFY(changed.wait(60000));
        QCOMPARE(*predict->result()->run.summary->calibrationEnd, QDate(1970, 1, 1).daysTo(day(1997, 12, 31)));
        QVERIFY(part<QLabel>(w, "fitSummaryLabel")->text().contains(QStringLiteral("1997-12-31")));
        QCOMPARE(reads.count(), 0); // the events were not read again
    }

    void testHoldoutFollowsTheCalibrationEnd()
    {
        MainWindow w;
        w.show();
        QVERIFY(openSample(w));
        QVERIFY(waitForPurchases(w));
        auto* end = part<QDateEdit>(w, "calibrationEndEdit");
        auto* holdout = part<QCheckBox>(w, "holdoutCheck");
        auto* panel = w.findChild<PredictSettingsPanel*>();
        // Through the last purchase day there is nothing left to hold out.
        end->setDate(end->maximumDate());
        holdout->setChecked(true);
        QVERIFY(!holdout->isEnabled());
        QVERIFY(!panel->settings().summary.holdoutEnd);
        // An earlier end leaves days to hold out, and the checked box counts again.
        end->setDate(day(1997, 9, 30));
        QVERIFY(holdout->isEnabled());
        QVERIFY(panel->settings().summary.holdoutEnd.has_value());
        QVERIFY(part<QLabel>(w, "calibrationCountsLabel")->text().contains(QStringLiteral("Holdout")));
    }

    void testPredictionsCopyNeutralisesFormulasWhenAsked()
    {
        // The sample with its first customer renamed to something a spreadsheet would run.
        QTemporaryDir dir;
        QFile sample(test::kCdnowSample);
        QVERIFY(sample.open(QIODevice::ReadOnly));
        QByteArray text = sample.readAll();
        text.replace(" 00004 ", " =1+1 ");
        QFile renamed(dir.filePath(QStringLiteral("formula.txt")));
        QVERIFY(renamed.open(QIODevice::WriteOnly) && renamed.write(text) == text.size());
        renamed.close();

        MainWindow w;
        w.show();
        TransactionImportDialog* dialog = test::openFromTheMenu(w, renamed.fileName());
        QVERIFY(dialog);
        test::chooseColumns(dialog, test::kCdnowId, test::kCdnowDate, test::kCdnowAmount);
        QSignalSpy shown(&w, &MainWindow::resultsShown);
        test::okButton(dialog)->click();
        QVERIFY(shown.wait(60000));
        QVERIFY(waitForPurchases(w));
        QVERIFY(fit(w, day(1997, 9, 30), std::nullopt, {"bgnbd"}));

        auto* page = part<TablePage>(w, "predictionsPage");
        page->filterEdit()->setText(QStringLiteral("=1+1"));
        QTRY_COMPARE(page->model()->rowCount(), 1);
        ResultTableView* view = page->view();
        auto copied = [&] {
            view->selectionModel()->select(view->model()->index(0, 0), QItemSelectionModel::ClearAndSelect);
            QString csv;
            bool ready = false;
            view->selectionAsCsv([&](const QString& text) {
                csv = text;
                ready = true;
            });
            return QTest::qWaitFor([&] { return ready; }, 10000) ? csv.split(QLatin1Char('\n')).value(1)
                                                                 : QStringLiteral("(no answer)");
        };
        QAction* safe = w.findChild<QAction*>(QStringLiteral("csvSafeAction"));
        safe->setChecked(false);
        QCOMPARE(copied(), QStringLiteral("=1+1"));
        safe->setChecked(true);
        QCOMPARE(copied(), QStringLiteral("'=1+1"));
        safe->setChecked(false);
    }

    void testCancelledFitLeavesThePreviousOne()
    {
        MainWindow w;
        w.show();
        QVERIFY(openSample(w));
        QVERIFY(waitForPurchases(w));
        QVERIFY(fit(w, day(1997, 9, 30), std::nullopt, {"bgnbd"}));
        auto* predict = part<PredictSession>(w, "predictSession");
        const std::shared_ptr<const PredictResult> before = predict->result();
        QSignalSpy cancelled(predict, &PredictSession::cancelled);
        // All four models take long enough to be stopped in the middle.
        for (const char* key : {"pnbd", "mbgnbd", "gg"})
            part<QCheckBox>(w, (std::string("model_") + key).c_str())->setChecked(true);
        part<QPushButton>(w, "fitButton")->click();
        QTRY_VERIFY(predict->isFitting());
        auto* cancel = part<QPushButton>(w, "cancelJobButton");
        QTRY_VERIFY(cancel->isVisible());
        cancel->click();
        QVERIFY(cancelled.wait(30000));
        QCOMPARE(predict->result(), before);
        QVERIFY(part<MessageBar>(w, "messageBar")->text().contains(QStringLiteral("cancelled")));
        QVERIFY(part<QPushButton>(w, "fitButton")->isEnabled());
    }

    void testExportWritesTheModelCohortAndSegmentFiles()
    {
        MainWindow w;
        w.show();
        QVERIFY(openSample(w));
        QVERIFY(waitForPurchases(w));
        QVERIFY(fit(w, day(1997, 9, 30), day(1998, 6, 30), {"bgnbd", "gg"}));
        QTemporaryDir out;
        auto* session = part<AnalysisSession>(w, "analysisSession");
        QSignalSpy exported(session, &AnalysisSession::exported);
        w.exportCsvsTo(out.path());
        QVERIFY(exported.wait(30000));
        for (const char* name : {"model_fit.json", "customer_predictions.csv", "model_tracking.csv",
                                 "model_holdout.csv", "cohorts.csv", "rfm_segments.csv", "output_ltv_final.txt"})
            QVERIFY2(QFileInfo::exists(QDir(out.path()).filePath(QLatin1String(name))), name);
        QFile fitFile(QDir(out.path()).filePath(QStringLiteral("model_fit.json")));
        QVERIFY(fitFile.open(QIODevice::ReadOnly));
        const QJsonObject fitJson = QJsonDocument::fromJson(fitFile.readAll()).object();
        QCOMPARE(fitJson.value(QStringLiteral("calibration_end")).toString(), QStringLiteral("1997-09-30"));
        QCOMPARE(fitJson.value(QStringLiteral("customers")).toInt(), sampleCustomers());
        QFile predictions(QDir(out.path()).filePath(QStringLiteral("customer_predictions.csv")));
        QVERIFY(predictions.open(QIODevice::ReadOnly));
        QCOMPARE(predictions.readAll().count('\n'), sampleCustomers() + 1);
    }

    void testWorkspaceKeepsTheFitAndReopensItWithoutFitting()
    {
        QTemporaryDir dir;
        const QString events = writeEventFile(dir);
        QVERIFY(!events.isEmpty());
        const QString path = dir.filePath(QStringLiteral("fit.clvdb"));
        std::vector<double> first;
        std::vector<double> second;
        {
            MainWindow w;
            w.show();
            w.openInputs({events});
            QSignalSpy shown(&w, &MainWindow::resultsShown);
            QVERIFY(shown.wait(60000));
            QVERIFY(waitForPurchases(w));
            auto* predict = part<PredictSession>(w, "predictSession");
            const QDate last = part<QDateEdit>(w, "calibrationEndEdit")->maximumDate();
            QVERIFY(fit(w, last.addDays(-60), std::nullopt, {"bgnbd", "gg"}));
            QVERIFY(predict->result() && !predict->result()->run.fits.empty());
            QVERIFY2(predict->result()->run.fits.front().converged,
                     qPrintable(predict->result()->run.problems.join(';')));
            first = predict->result()->run.fits.front().params;
            // Save As stores the fit with the events.
            action(w, "saveWorkspaceAsAction")->trigger();
            QVERIFY(answerAndWait(w, "saveWorkspaceDialog", path));
            // The window holds the events as the workspace gives them now, and the fit over them.
            QTRY_VERIFY(predict->result() != nullptr);
            QCOMPARE(predict->result()->run.fits.front().params, first);
            // A later fit with the workspace open replaces the stored one.
            auto* session = part<AnalysisSession>(w, "analysisSession");
            QVERIFY(fit(w, last.addDays(-30), std::nullopt, {"bgnbd", "gg"}));
            second = predict->result()->run.fits.front().params;
            QVERIFY(second != first);
            QTRY_VERIFY(!session->isBusy()); // the fit is stored by a job of its own
        }
        MainWindow w;
        w.show();
        auto* predict = part<PredictSession>(w, "predictSession");
        int fits = 0;
        connect(predict, &PredictSession::fitted, this, [&fits] { ++fits; });
        action(w, "openWorkspaceAction")->trigger();
        QVERIFY(answerAndWait(w, "openWorkspaceDialog", path));
        QTRY_VERIFY(predict->result() != nullptr);
        QCOMPARE(predict->result()->run.fits.front().params, second);
        QCOMPARE(fits, 0); // shown from the stored parameters, not fitted again
        QCOMPARE(part<QDateEdit>(w, "calibrationEndEdit")->date(),
                 QDate(1970, 1, 1).addDays(*predict->result()->run.summary->calibrationEnd));
        QVERIFY(part<QCheckBox>(w, "model_gg")->isChecked());
        QVERIFY(!part<QCheckBox>(w, "model_pnbd")->isChecked());
        QTRY_COMPARE(part<TablePage>(w, "predictionsPage")->model()->rowCount(),
                     int(predict->result()->customerCount()));
    }

    void testPredictSettingsPersist()
    {
        {
            MainWindow w;
            w.show();
            QVERIFY(openSample(w));
            QVERIFY(waitForPurchases(w));
            part<QDateEdit>(w, "calibrationEndEdit")->setDate(day(1997, 9, 30));
            part<QCheckBox>(w, "model_pnbd")->setChecked(true);
            part<QSpinBox>(w, "horizonSpin")->setValue(39);
            w.close();
        }
        MainWindow w;
        w.show();
        QVERIFY(part<QCheckBox>(w, "model_pnbd")->isChecked());
        QCOMPARE(part<QSpinBox>(w, "horizonSpin")->value(), 39);
        QVERIFY(openSample(w));
        QVERIFY(waitForPurchases(w));
        QCOMPARE(part<QDateEdit>(w, "calibrationEndEdit")->date(), day(1997, 9, 30));
    }
};

QTEST_MAIN(TestPredictTab)
#include "tst_predicttab.moc"
