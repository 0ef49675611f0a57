// The real main window, offscreen, driven through its File menu like a user would.
#include "../unit/TestSupport.h"
#include "UiTestSupport.h"

#include "../unit/UnreadableEntries.h"
#include "AppSettings.h"
#include "MainWindow.h"
#include "RecentFiles.h"
#include "TableBacking.h"
#include "WindowPlacement.h"
#include "charts/ChartsPage.h"
#include "dialogs/GenerateDataDialog.h"
#include "generate/FakeDataGenerator.h"
#include "models/ResultTableModel.h"
#include "models/TableModels.h"
#include "pages/TablePage.h"
#include "session/AnalysisSession.h"
#include "store/Workspace.h"
#include "widgets/MessageBar.h"
#include "widgets/ParametersPanel.h"
#include "widgets/RawLineDialog.h"
#include "widgets/ResultTableView.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QScreen>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QTimer>

using namespace clv;
using clv::test::part;

namespace {

const QString kSeedInput = QStringLiteral(CLV_TEST_DATA_DIR "/seed/input.txt");
const QString kChallenge = QStringLiteral(CLV_TEST_DATA_DIR "/seed/challenge-sample-events.txt");

// What Copy as CSV puts on the clipboard for the view's selection.
QString selectionCsv(const ResultTableView* view)
{
    QString text;
    bool ready = false;
    view->selectionAsCsv([&](const QString& csv) {
        text = csv;
        ready = true;
    });
    if (!QTest::qWaitFor([&] { return ready; }, 10000))
        return QStringLiteral("(no answer)");
    return text;
}

QAction* action(MainWindow& w, const char* name)
{
    return w.findChild<QAction*>(QLatin1String(name));
}

// Waits until new results are in every tab (the window fills them one per event-loop turn).
bool waitForResults(MainWindow& w, int timeoutMs = 60000)
{
    QSignalSpy spy(&w, &MainWindow::resultsShown);
    return spy.wait(timeoutMs);
}

// An action of the Help menu, found the way a user finds it: in the menu bar's Help menu.
QAction* helpMenuAction(MainWindow& w, const char* name)
{
    for (QAction* top : w.menuBar()->actions())
        if (top->menu() && top->text() == QLatin1String("&Help"))
            for (QAction* a : top->menu()->actions())
                if (a->objectName() == QLatin1String(name))
                    return a;
    return nullptr;
}

QString cell(TablePage* page, int row, int column)
{
    return page->model()->data(page->model()->index(row, column)).toString();
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() { test::isolateSettings(m_dir); }

    void testOpenFilesFromTheFileMenuShowsTheSeedTables()
    {
        MainWindow w;
        w.show();
        QSignalSpy results(&w, &MainWindow::resultsShown);
        action(w, "openFilesAction")->trigger();
        QVERIFY(
            test::answerFileDialog(test::shownChild<QFileDialog>(w, QStringLiteral("openFilesDialog")), {kSeedInput}));
        QVERIFY(results.count() == 1 || results.wait(60000));
        QCOMPARE(part<TablePage>(w, "eventsPage")->model()->rowCount(), 556);
        QCOMPARE(part<TablePage>(w, "visitsPage")->model()->rowCount(), 556);
        QCOMPARE(part<TablePage>(w, "weeklyPage")->model()->rowCount(), 124);
        QCOMPARE(part<TablePage>(w, "ltvPage")->model()->rowCount(), 50);
        QCOMPARE(cell(part<TablePage>(w, "ltvPage"), 0, 1), QStringLiteral("c670daa7e51c"));
        QCOMPARE(cell(part<TablePage>(w, "ltvPage"), 0, 2), QStringLiteral("23516.35"));
        QCOMPARE(part<TablePage>(w, "problemsPage")->model()->rowCount(), 0);
        QVERIFY(w.findChild<QLabel*>(QStringLiteral("summaryLabel"))->text().contains(QStringLiteral("556 events")));
    }

    void testOpenFolderReadsItsEventFiles()
    {
        QTemporaryDir dir;
        QVERIFY(QDir().mkpath(dir.filePath("data/input")));
        QVERIFY(QFile::copy(kSeedInput, dir.filePath("data/input/input.txt")));
        MainWindow w;
        w.show();
        QSignalSpy results(&w, &MainWindow::resultsShown);
        action(w, "openFolderAction")->trigger();
        QVERIFY(test::answerFileDialog(test::shownChild<QFileDialog>(w, QStringLiteral("openFolderDialog")),
                                       {dir.filePath("data/input")}));
        QVERIFY(results.count() == 1 || results.wait(60000));
        QCOMPARE(part<TablePage>(w, "eventsPage")->model()->rowCount(), 556);
        QCOMPARE(w.defaultOutputFolder(), QDir::cleanPath(dir.filePath("data/output")));
    }

    void testChangingAParameterReRunsWithoutReadingAgain()
    {
        MainWindow w;
        w.openInputs({kSeedInput});
        QVERIFY(waitForResults(w));
        const auto read = part<AnalysisSession>(w, "analysisSession")->readResult();
        const QString before = cell(part<TablePage>(w, "ltvPage"), 0, 2);
        auto* formula
            = part<ParametersPanel>(w, "parametersPanel")->findChild<QComboBox*>(QStringLiteral("formulaCombo"));
        formula->setCurrentIndex(formula->findData(QStringLiteral("weekly")));
        QVERIFY(waitForResults(w));
        QCOMPARE(part<AnalysisSession>(w, "analysisSession")->readResult(), read); // the same parsed events
        QCOMPARE(part<AnalysisSession>(w, "analysisSession")->parameters().formula, LtvFormula::Weekly);
        QVERIFY(cell(part<TablePage>(w, "ltvPage"), 0, 2) != before);
    }

    void testFileMenuActionsHaveTheirShortcuts_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("keys");
        QTest::newRow("open files") << "openFilesAction"
                                    << "Ctrl+O";
        QTest::newRow("open folder") << "openFolderAction"
                                     << "Ctrl+Shift+O";
        QTest::newRow("save workspace as") << "saveWorkspaceAsAction"
                                           << "Ctrl+Shift+S";
        QTest::newRow("export csvs") << "exportCsvsAction"
                                     << "Ctrl+E";
        QTest::newRow("quit") << "quitAction"
                              << "Ctrl+Q";
    }

    void testFileMenuActionsHaveTheirShortcuts()
    {
        QFETCH(QString, name);
        QFETCH(QString, keys);
        MainWindow w;
        QAction* a = action(w, qPrintable(name));
        QVERIFY(a);
        QCOMPARE(a->shortcut(), QKeySequence(keys));
    }

    void testKeyboardShortcutsFromTheHelpMenuListEveryKey()
    {
        MainWindow w;
        w.show();
        QAction* entry = helpMenuAction(w, "keyboardShortcutsAction");
        QVERIFY(entry);
        entry->trigger();
        auto* dialog = test::shownChild<QDialog>(w, QStringLiteral("shortcutsDialog"));
        QVERIFY(dialog);
        auto* table = dialog->findChild<QTableWidget*>(QStringLiteral("shortcutsTable"));
        QVERIFY(table);
        QMap<QString, QString> keysByAction;
        for (int row = 0; row < table->rowCount(); ++row)
            keysByAction.insert(table->item(row, 0)->text(), table->item(row, 1)->text());
        auto native = [](const char* keys) {
            return QKeySequence(QLatin1String(keys)).toString(QKeySequence::NativeText);
        };
        QCOMPARE(keysByAction.value(QStringLiteral("File ▸ Open Event Files…")), native("Ctrl+O"));
        QCOMPARE(keysByAction.value(QStringLiteral("File ▸ Save Workspace As…")), native("Ctrl+Shift+S"));
        QCOMPARE(keysByAction.value(QStringLiteral("Copy as CSV")), native("Ctrl+C")); // each table's, listed once
        // Every action of the window that has a key is listed, and nothing else.
        QSet<QString> withKeys;
        for (const QAction* a : w.findChildren<QAction*>())
            if (!a->shortcut().isEmpty())
                withKeys.insert(a->shortcut().toString(QKeySequence::NativeText));
        QCOMPARE(QSet<QString>(keysByAction.cbegin(), keysByAction.cend()), withKeys);
        QCOMPARE(table->rowCount(), withKeys.size());
        dialog->close();
    }

    void testAboutFromTheHelpMenuNamesTheVersionsAndLicences()
    {
        MainWindow w;
        w.show();
        QAction* entry = helpMenuAction(w, "aboutAction");
        QVERIFY(entry);
        entry->trigger();
        auto* dialog = test::shownChild<QDialog>(w, QStringLiteral("aboutDialog"));
        QVERIFY(dialog);
        QVERIFY(dialog->isModal()); // opened with open(): window-modal, no nested event loop
        const QString text = dialog->findChild<QLabel*>(QStringLiteral("aboutText"))->text();
        QVERIFY2(text.contains(QStringLiteral("Qt %1").arg(QLatin1String(qVersion()))), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("built with Qt " QT_VERSION_STR)));
        QVERIFY(text.contains(QStringLiteral("CLV Studio " CLV_VERSION)));
        QVERIFY(text.contains(QStringLiteral("Boost 1.")));
        QVERIFY(text.contains(QStringLiteral("LGPLv3")));
        QVERIFY(text.contains(QStringLiteral("Boost Software License 1.0")));
        dialog->close();
    }

    void testExportCsvsWritesTheSeedTablesAndAsksBeforeReplacing()
    {
        QTemporaryDir out;
        MainWindow w;
        w.show();
        w.openInputs({kSeedInput});
        QVERIFY(waitForResults(w));
        QSignalSpy exported(part<AnalysisSession>(w, "analysisSession"), &AnalysisSession::exported);
        action(w, "exportCsvsAction")->trigger();
        QVERIFY(test::answerFileDialog(test::shownChild<QFileDialog>(w, QStringLiteral("exportFolderDialog")),
                                       {out.path()}));
        QVERIFY(exported.count() == 1 || exported.wait(30000));
        for (const char* file : {"output_t1.txt", "output_ltv_specs.txt", "output_ltv_final.txt"}) {
            const QString diff = test::compareAsMultisets(
                test::readCsv(out.filePath(file)), test::readCsv(QStringLiteral(CLV_TEST_DATA_DIR "/seed/") + file));
            QVERIFY2(diff.isEmpty(), qPrintable(diff));
        }
        QVERIFY(QFileInfo::exists(out.filePath("run.json")));
        QVERIFY(part<MessageBar>(w, "messageBar")->text().contains(QStringLiteral("output_t1.txt")));

        // A second export into the same folder asks first; Cancel keeps the files, Yes replaces.
        for (QMessageBox::StandardButton answer : {QMessageBox::Cancel, QMessageBox::Yes}) {
            action(w, "exportCsvsAction")->trigger();
            QVERIFY(test::answerFileDialog(test::shownChild<QFileDialog>(w, QStringLiteral("exportFolderDialog")),
                                           {out.path()}));
            auto* box = test::shownChild<QMessageBox>(w, QStringLiteral("replaceFilesBox"));
            QVERIFY(box);
            QVERIFY(box->text().contains(QStringLiteral("output_t1.txt")));
            box->button(answer)->click();
        }
        QVERIFY(exported.count() == 2 || exported.wait(30000));
        QTest::qWait(100);
        QCOMPARE(exported.count(), 2); // the cancelled one wrote nothing
    }

    void testNeutraliseFormulasFromTheFileMenuAppliesToTheExport()
    {
        QTemporaryDir dir;
        const QString input = dir.filePath("hostile.jsonl");
        QFile file(input);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray::fromStdString(test::customerLine("=1+2", "2017-01-06T12:00:00Z") + "\n"
                                             + test::visitLine("=1+2", "2017-01-06T12:01:00Z") + "\n"));
        file.close();
        MainWindow w;
        w.show();
        w.openInputs({input});
        QVERIFY(waitForResults(w));
        QSignalSpy exported(part<AnalysisSession>(w, "analysisSession"), &AnalysisSession::exported);
        QAction* safe = action(w, "csvSafeAction");
        QVERIFY(safe && safe->isCheckable() && !safe->isChecked());
        int exports = 0;
        for (const bool neutralise : {false, true}) {
            safe->setChecked(neutralise);
            const QString out = dir.filePath(neutralise ? "safe" : "plain");
            QVERIFY(QDir().mkpath(out)); // the folder dialog chooses existing folders
            action(w, "exportCsvsAction")->trigger();
            QVERIFY(
                test::answerFileDialog(test::shownChild<QFileDialog>(w, QStringLiteral("exportFolderDialog")), {out}));
            ++exports;
            QVERIFY(exported.count() == exports || exported.wait(30000));
            const test::CsvRows ltv = test::readRfc4180(out + "/output_ltv_final.txt");
            QCOMPARE(ltv.size(), 1u);
            QCOMPARE(ltv[0][0], std::string(neutralise ? "'=1+2" : "=1+2"));
        }
        w.close(); // the choice persists
        MainWindow again;
        QVERIFY(action(again, "csvSafeAction")->isChecked());
        action(again, "csvSafeAction")->setChecked(false);
        again.close();
    }

    void testExportFailureIsShownAndLosesNothing()
    {
        QTemporaryDir dir;
        QFile blocker(dir.filePath("not-a-folder"));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        MainWindow w;
        w.openInputs({kSeedInput});
        QVERIFY(waitForResults(w));
        QSignalSpy failed(part<AnalysisSession>(w, "analysisSession"), &AnalysisSession::exportFailed);
        w.exportCsvsTo(dir.filePath("not-a-folder/out"));
        QVERIFY(failed.wait(30000));
        QCOMPARE(part<MessageBar>(w, "messageBar")->kind(), MessageBar::Kind::Error);
        QVERIFY(part<MessageBar>(w, "messageBar")->isVisibleTo(&w));
        QVERIFY(part<MessageBar>(w, "messageBar")->text().contains(QStringLiteral("Export failed")));
    }

    void testProblemsTabShowsRejectedLinesAndTheRawLine()
    {
        MainWindow w;
        w.show();
        w.openInputs({kChallenge});
        QVERIFY(waitForResults(w));
        TablePage* problems = part<TablePage>(w, "problemsPage");
        QVERIFY(problems);
        QCOMPARE(problems->model()->rowCount(), 2);
        QVERIFY(cell(problems, 0, 2).contains(QStringLiteral("invalid event_time")));
        part<QTabWidget>(w, "tabs")->setCurrentWidget(problems);
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QTRY_VERIFY(problems->view()->visualRect(problems->model()->index(1, 3)).isValid());
        const QRect cellRect = problems->view()->visualRect(problems->model()->index(1, 3));
        QTest::mouseClick(problems->view()->viewport(), Qt::LeftButton, {}, cellRect.center());
        QTest::mouseDClick(problems->view()->viewport(), Qt::LeftButton, {}, cellRect.center());
        RawLineDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = w.findChild<RawLineDialog*>()) != nullptr);
        QVERIFY(dialog->findChild<QPlainTextEdit*>(QStringLiteral("rawText"))
                    ->toPlainText()
                    .contains(QStringLiteral("2017-01-06:12:55.55.555Z")));
        QVERIFY(dialog->windowTitle().contains(QStringLiteral("challenge-sample-events.txt:4")));
    }

    void testCopySelectionAsCsv()
    {
        MainWindow w;
        w.show();
        w.openInputs({kSeedInput});
        QVERIFY(waitForResults(w));
        ResultTableView* view = part<TablePage>(w, "ltvPage")->view();
        view->selectionModel()->select(QItemSelection(view->model()->index(0, 1), view->model()->index(1, 2)),
                                       QItemSelectionModel::Select);
        const QStringList lines = selectionCsv(view).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines[0], QStringLiteral("customer_id,customer_ltv"));
        QCOMPARE(lines[1], QStringLiteral("c670daa7e51c,23516.35"));
    }

    // Copy as CSV follows File > Neutralise Formulas, as the export does.
    void testCopyAsCsvNeutralisesFormulasWhenAsked()
    {
        QTemporaryDir dir;
        QFile input(dir.filePath("formula.jsonl"));
        QVERIFY(input.open(QIODevice::WriteOnly));
        input.write(
            R"({"type":"CUSTOMER","verb":"NEW","key":"=2+3","event_time":"2017-01-06T12:46:46.384Z","last_name":"Smith","adr_city":"Middletown","adr_state":"AK"})"
            "\n");
        input.close();
        MainWindow w;
        w.show();
        w.openInputs({input.fileName()});
        QVERIFY(waitForResults(w));
        ResultTableView* view = part<TablePage>(w, "ltvPage")->view();
        auto copied = [&] {
            view->selectionModel()->select(view->model()->index(0, 1), QItemSelectionModel::ClearAndSelect);
            return selectionCsv(view).split(QLatin1Char('\n')).value(1);
        };
        QAction* safe = action(w, "csvSafeAction");
        safe->setChecked(false);
        QCOMPARE(copied(), QStringLiteral("=2+3"));
        safe->setChecked(true);
        QCOMPARE(copied(), QStringLiteral("'=2+3"));
        safe->setChecked(false);
    }

    void testCancelALongLoadKeepsThePreviousResults()
    {
        // About a million events: long enough to cancel in the middle.
        QTemporaryDir dir;
        GeneratorOptions options;
        options.mode = GeneratorMode::Realistic;
        options.customers = 60000;
        const auto words = WordLists::load(WordLists::defaultDirectory(), nullptr);
        QVERIFY(words);
        QFile big(dir.filePath("big.jsonl"));
        QVERIFY(big.open(QIODevice::WriteOnly));
        QVERIFY(FakeDataGenerator(options, *words).write(big).ok());
        big.close();

        MainWindow w;
        w.show();
        w.openInputs({kSeedInput});
        QVERIFY(waitForResults(w));
        QSignalSpy cancelled(part<AnalysisSession>(w, "analysisSession"), &AnalysisSession::cancelled);
        QSignalSpy progress(part<AnalysisSession>(w, "analysisSession"), &AnalysisSession::progress);
        int ticks = 0;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, [&ticks] { ++ticks; });
        ticker.start(5);
        w.openInputs({big.fileName()});
        QVERIFY(progress.wait(30000)); // the load is under way and reporting
        const int ticksAtFirstProgress = ticks;
        w.findChild<QPushButton*>(QStringLiteral("cancelJobButton"))->click();
        QVERIFY(cancelled.count() == 1 || cancelled.wait(30000));
        // The event loop kept running while the load ran on the worker pool.
        QVERIFY2(ticksAtFirstProgress > 0 || ticks > 0, "the UI thread did not run during the load");
        QCOMPARE(part<TablePage>(w, "ltvPage")->model()->rowCount(), 50);
        QCOMPARE(part<AnalysisSession>(w, "analysisSession")->inputs(), QStringList{kSeedInput});
        QVERIFY(part<MessageBar>(w, "messageBar")->text().contains(QStringLiteral("Cancelled")));
    }

    void testDroppedFilesAreOpened()
    {
        MainWindow w;
        w.show();
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(kSeedInput)});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &drop);
        QVERIFY(waitForResults(w));
        QCOMPARE(part<TablePage>(w, "ltvPage")->model()->rowCount(), 50);
    }

    void testSettingsAndRecentFilesPersist()
    {
        {
            MainWindow w;
            w.openInputs({kSeedInput});
            QVERIFY(waitForResults(w));
            Parameters p = part<ParametersPanel>(w, "parametersPanel")->parameters();
            p.lifespanYears = 3.5;
            p.topX = 7;
            part<ParametersPanel>(w, "parametersPanel")->setParameters(p);
            w.close();
        }
        MainWindow again;
        QCOMPARE(part<ParametersPanel>(again, "parametersPanel")->parameters().lifespanYears, 3.5);
        QCOMPARE(part<ParametersPanel>(again, "parametersPanel")->parameters().topX, 7);
        QMenu* recent = again.findChild<QMenu*>(QStringLiteral("recentMenu"));
        QVERIFY(!recent->actions().isEmpty());
        QVERIFY(recent->actions().first()->text().contains(QStringLiteral("input.txt")));
        QSignalSpy results(&again, &MainWindow::resultsShown);
        recent->actions().first()->trigger();
        QVERIFY(results.wait(60000));
        QCOMPARE(part<TablePage>(again, "ltvPage")->model()->rowCount(), 50);
    }

    // The File ▸ Open Recent menu follows each open at once, most recent first, one entry per
    // set of inputs, and Clear Recent empties it (in this window and the next).
    void testRecentMenuFollowsEachOpenAndClear()
    {
        MainWindow w;
        QMenu* recent = w.findChild<QMenu*>(QStringLiteral("recentMenu"));
        for (const QString& input : {kSeedInput, kChallenge, kSeedInput}) {
            w.openInputs({input});
            QVERIFY(waitForResults(w));
        }
        const QList<QAction*> actions = recent->actions();
        QVERIFY(actions.size() >= 4); // two entries, a separator, Clear Recent
        QVERIFY(actions.at(0)->text().contains(QStringLiteral("input.txt")));
        QVERIFY(actions.at(1)->text().contains(QStringLiteral("challenge-sample-events.txt")));
        for (int i = 2; i < actions.size() && !actions.at(i)->isSeparator(); ++i)
            QVERIFY2(!actions.at(i)->text().contains(QStringLiteral("input.txt")), "one entry per set of inputs");
        QCOMPARE(RecentFiles::load().size(), actions.size() - 2);

        actions.last()->trigger(); // Clear Recent
        QCOMPARE(recent->actions().size(), 1);
        QVERIFY(!recent->actions().first()->isEnabled());
        QVERIFY(RecentFiles::load().isEmpty());
        MainWindow next;
        QCOMPARE(next.findChild<QMenu*>(QStringLiteral("recentMenu"))->actions().size(), 1);
    }

    // A settings file from an older version, or edited by hand, cannot take the analysis
    // outside the core's limits: a number beyond one is brought to it, and what cannot be
    // read (an unknown name, not a number) is the default.
    void testRestoredParametersAreBroughtIntoTheLimits_data()
    {
        QTest::addColumn<QVariantMap>("stored");
        QTest::addColumn<int>("gapMinutes");
        QTest::addColumn<double>("lifespanYears");
        QTest::addColumn<int>("topX");
        QTest::addColumn<QString>("formula");
        QTest::addColumn<QString>("weekStart");
        QTest::newRow("beyond the limits, unknown names") << QVariantMap{{"sessionGapMinutes", 999999},
                                                                         {"topX", -5},
                                                                         {"lifespanYears", 1e9},
                                                                         {"formula", "bogus"},
                                                                         {"weekStart", "friday"}}
                                                          << 1440 << 100.0 << 1 << "seed"
                                                          << "sunday";
        // 40,000,000 minutes overflowed an int once multiplied by 60; 1e10 is no int at all.
        QTest::newRow("beyond an int, not a number") << QVariantMap{{"sessionGapMinutes", 40000000},
                                                                    {"topX", "1e10"},
                                                                    {"lifespanYears", "nan"},
                                                                    {"formula", "weekly"},
                                                                    {"weekStart", "monday"}}
                                                     << 1440 << 10.0 << 1000000 << "weekly"
                                                     << "monday";
        QTest::newRow("below the limits, unreadable gap")
            << QVariantMap{{"sessionGapMinutes", "thirty"}, {"topX", 0}, {"lifespanYears", -3}} << 30 << 0.1 << 1
            << "seed"
            << "sunday";
    }
    void testRestoredParametersAreBroughtIntoTheLimits()
    {
        QFETCH(QVariantMap, stored);
        QFETCH(int, gapMinutes);
        QFETCH(double, lifespanYears);
        QFETCH(int, topX);
        QFETCH(QString, formula);
        QFETCH(QString, weekStart);
        {
            QSettings settings;
            settings.remove(QStringLiteral("parameters"));
            for (auto it = stored.cbegin(); it != stored.cend(); ++it)
                settings.setValue(QStringLiteral("parameters/") + it.key(), it.value());
        }
        MainWindow w;
        ParametersPanel* panel = part<ParametersPanel>(w, "parametersPanel");
        QCOMPARE(panel->findChild<QSpinBox*>(QStringLiteral("sessionGapSpin"))->value(), gapMinutes);
        QCOMPARE(panel->findChild<QDoubleSpinBox*>(QStringLiteral("lifespanSpin"))->value(), lifespanYears);
        QCOMPARE(panel->findChild<QSpinBox*>(QStringLiteral("topXSpin"))->value(), topX);
        QCOMPARE(panel->findChild<QComboBox*>(QStringLiteral("formulaCombo"))->currentData().toString(), formula);
        QCOMPARE(panel->findChild<QComboBox*>(QStringLiteral("weekStartCombo"))->currentData().toString(), weekStart);
        QCOMPARE(w.findChild<QSpinBox*>(QStringLiteral("ltvTopXSpin"))->value(), topX);
        QCOMPARE(part<AnalysisSession>(w, "analysisSession")->parameters(), panel->parameters());
        QSettings().remove(QStringLiteral("parameters")); // the next window starts from the defaults
    }

    // A setting changed on the window's thread is seen at once by every later reader, and
    // reaches the file on disk from the settings' own thread.
    void testSettingsReachTheFileFromTheirOwnThread()
    {
        const QString file = QSettings().fileName();
        const auto fileSays = [&file](const char* text) {
            QFile f(file);
            return f.open(QIODevice::ReadOnly) && f.readAll().contains(text);
        };
        AppSettings().setNeutraliseFormulas(false);
        QTRY_VERIFY(fileSays("neutraliseFormulas=false"));

        AppSettings().setNeutraliseFormulas(true);
        QVERIFY(AppSettings().neutraliseFormulas());
        QCOMPARE(QSettings().value(QStringLiteral("export/neutraliseFormulas")).toBool(), true);
        QTRY_VERIFY(fileSays("neutraliseFormulas=true"));
        AppSettings().setNeutraliseFormulas(false);
    }

    // The offscreen platform's screen is 800x600, smaller than the preferred 1280x800: with
    // no saved geometry the window takes nine tenths of it, centred.
    void testWindowWithoutSavedGeometryFitsItsScreen()
    {
        QSettings().remove(QStringLiteral("window"));
        MainWindow w;
        const QRect available = w.screen()->availableGeometry();
        QVERIFY2(available.width() < 1280 / 0.9 || available.height() < 800 / 0.9, "the screen is not small");
        QCOMPARE(w.geometry(), initialWindowGeometry(QSize(1280, 800), available));
        QVERIFY(w.width() <= available.width() * 9 / 10 && w.height() <= available.height() * 9 / 10);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(available.contains(w.frameGeometry()));
        QVERIFY((w.geometry().center() - available.center()).manhattanLength() <= 2);
    }

    void testGenerateFakeDataFromTheFileMenuOpensTheNewFile()
    {
        QTemporaryDir dir;
        MainWindow w;
        w.show();
        QSignalSpy results(&w, &MainWindow::resultsShown);
        action(w, "generateAction")->trigger();
        auto* dialog = test::shownChild<GenerateDataDialog>(w, QStringLiteral("generateDataDialog"));
        QVERIFY(dialog);
        auto* mode = dialog->findChild<QComboBox*>(QStringLiteral("modeCombo"));
        mode->setCurrentIndex(mode->findData(QStringLiteral("seed")));
        dialog->findChild<QSpinBox*>(QStringLiteral("customersSpin"))->setValue(20);
        dialog->findChild<QSpinBox*>(QStringLiteral("maxEventsSpin"))->setValue(1);
        dialog->findChild<QLineEdit*>(QStringLiteral("outputEdit"))->setText(dir.filePath("data/input/input.txt"));
        QVERIFY(dialog->findChild<QCheckBox*>(QStringLiteral("openWhenDoneCheck"))->isChecked());
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("generateButton")), Qt::LeftButton);
        QVERIFY(results.wait(60000));
        QCOMPARE(part<AnalysisSession>(w, "analysisSession")->inputs(),
                 QStringList{dir.filePath("data/input/input.txt")});
        QCOMPARE(part<TablePage>(w, "eventsPage")->model()->rowCount(), 80); // 20 customers × 1 round × 4 events
        QVERIFY(part<MessageBar>(w, "messageBar")->text().contains(QStringLiteral("Generated 80 events")));
    }

    void testExportChartFromTheFileMenu()
    {
        QTemporaryDir dir;
        MainWindow w;
        w.show();
        QSignalSpy charts(part<ChartsPage>(w, "chartsPage"), &ChartsPage::summariesReady);
        w.openInputs({kSeedInput});
        QVERIFY(charts.wait(60000));
        part<QTabWidget>(w, "tabs")->setCurrentWidget(part<ChartsPage>(w, "chartsPage"));
        QAction* exportChart = action(w, "exportChartAction");
        QVERIFY(exportChart->isEnabled());
        exportChart->trigger();
        QVERIFY(test::answerFileDialog(test::shownChild<QFileDialog>(w, QStringLiteral("exportChartDialog")),
                                       {dir.filePath("weekly.png")}));
        QImage image(dir.filePath("weekly.png"));
        QVERIFY(!image.isNull());
        QVERIFY(image.width() > 200);
        QVERIFY(part<MessageBar>(w, "messageBar")->text().contains(QStringLiteral("weekly.png")));
    }

    void testSaveWorkspaceAsThenOpenAndAddToIt()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("team.clvdb");
        {
            MainWindow w;
            w.show();
            w.openInputs({kSeedInput});
            QVERIFY(waitForResults(w));
            QSignalSpy results(&w, &MainWindow::resultsShown);
            action(w, "saveWorkspaceAsAction")->trigger();
            QVERIFY(test::answerFileDialog(test::shownChild<QFileDialog>(w, QStringLiteral("saveWorkspaceDialog")),
                                           {path}));
            QVERIFY(results.wait(60000));
            QVERIFY(QFileInfo::exists(path));
            QCOMPARE(part<AnalysisSession>(w, "analysisSession")->workspacePath(), path);
            QVERIFY(w.windowTitle().contains(QStringLiteral("team.clvdb")));
            QVERIFY(part<MessageBar>(w, "messageBar")->text().contains(QStringLiteral("Saved the workspace")));
        }
        MainWindow w;
        w.show();
        QSignalSpy results(&w, &MainWindow::resultsShown);
        action(w, "openWorkspaceAction")->trigger();
        QVERIFY(
            test::answerFileDialog(test::shownChild<QFileDialog>(w, QStringLiteral("openWorkspaceDialog")), {path}));
        QVERIFY(results.wait(60000));
        QTRY_COMPARE(part<TablePage>(w, "ltvPage")->model()->rowCount(), 50);
        QCOMPARE(cell(part<TablePage>(w, "ltvPage"), 0, 1), QStringLiteral("c670daa7e51c"));
        QCOMPARE(part<AnalysisSession>(w, "analysisSession")->readResult()->totals().accepted, qint64(556));

        // With a workspace open, opening files adds them; a file already stored is skipped.
        w.openInputs({kSeedInput});
        QVERIFY(waitForResults(w));
        QVERIFY(part<MessageBar>(w, "messageBar")->text().contains(QStringLiteral("already in the workspace")));
        QCOMPARE(part<AnalysisSession>(w, "analysisSession")->readResult()->events->size(), 556u);
        w.openInputs({kChallenge});
        QVERIFY(waitForResults(w));
        QCOMPARE(part<AnalysisSession>(w, "analysisSession")->readResult()->events->size(), 558u);
        QTRY_COMPARE(part<TablePage>(w, "problemsPage") != nullptr, true);
    }

    // Paged tables keep connections to the workspace open, so its latest commits stay in the
    // -wal file: Save As must copy them too, and saving over the open file must not let an old
    // -wal be replayed onto the new one.
    void testSaveAsWhileTablesArePagedKeepsEveryCommit()
    {
        QTemporaryDir dir;
        const QString first = dir.filePath("first.clvdb");
        const QString second = dir.filePath("second.clvdb");
        MainWindow w;
        w.show();
        action(w, "pagedTablesAction")->setChecked(true);
        w.openInputs({kSeedInput});
        QVERIFY(waitForResults(w));
        auto saveAs = [&](const QString& path) {
            QSignalSpy results(&w, &MainWindow::resultsShown);
            action(w, "saveWorkspaceAsAction")->trigger();
            auto* dialog = test::shownChild<QFileDialog>(w, QStringLiteral("saveWorkspaceDialog"));
            if (!dialog)
                return false;
            dialog->setOption(QFileDialog::DontConfirmOverwrite); // the question box is another test's
            if (!test::answerFileDialog(dialog, {path}))
                return false;
            if (!results.wait(60000)) {
                qWarning() << "no results:" << part<MessageBar>(w, "messageBar")->text();
                return false;
            }
            const QFileInfo target(path);
            return target.absoluteDir().entryList({target.fileName() + ".saving*"}, QDir::Files).isEmpty();
        };
        auto storedEvents = [](const QString& path) {
            QString error;
            auto workspace = Workspace::open(path, &error, WorkspaceOpenMode::ExistingOnly);
            return workspace ? workspace->storedEventCount() : -1;
        };
        QVERIFY(saveAs(first));
        QVERIFY(part<TableBacking>(w, "tableBacking")->isPaged());
        w.openInputs({kChallenge}); // a small ingest: it stays in first.clvdb-wal
        QVERIFY(waitForResults(w));
        QTRY_VERIFY(part<TableBacking>(w, "tableBacking")->isPaged());
        QCOMPARE(part<AnalysisSession>(w, "analysisSession")->readResult()->events->size(), 558u);

        QVERIFY(saveAs(second));
        QCOMPARE(storedEvents(second), 558);
        // Over the open file itself.
        QVERIFY(saveAs(second));
        QVERIFY(part<TableBacking>(w, "tableBacking")->isPaged());
        QTRY_COMPARE(part<TablePage>(w, "ltvPage")->model()->rowCount(), 51); // the challenge sample adds a customer
        QCOMPARE(storedEvents(second), 558);
        QCOMPARE(storedEvents(first), 558);
        action(w, "pagedTablesAction")->setChecked(false); // the choice persists: leave it as found
    }

    void testLtvTableFromTheWorkspaceWhenChosenInTheViewMenu()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("paged.clvdb");
        {
            MainWindow w;
            w.show();
            QAction* paged = action(w, "pagedTablesAction");
            QVERIFY(paged && paged->isCheckable() && !paged->isChecked());
            w.openInputs({kSeedInput});
            QVERIFY(waitForResults(w));
            // Chosen without a workspace: the tables stay in memory.
            paged->setChecked(true);
            QVERIFY(!part<TableBacking>(w, "tableBacking")->isPaged());
            QVERIFY(!dynamic_cast<PagedLtvModel*>(part<TablePage>(w, "ltvPage")->model()));

            QSignalSpy results(&w, &MainWindow::resultsShown);
            action(w, "saveWorkspaceAsAction")->trigger();
            QVERIFY(test::answerFileDialog(test::shownChild<QFileDialog>(w, QStringLiteral("saveWorkspaceDialog")),
                                           {path}));
            QVERIFY(results.wait(60000));
            QVERIFY(part<TableBacking>(w, "tableBacking")->isPaged());
            QVERIFY(
                w.findChild<QLabel*>(QStringLiteral("summaryLabel"))->text().contains("tables paged from paged.clvdb"));
            auto* ltv = dynamic_cast<PagedLtvModel*>(part<TablePage>(w, "ltvPage")->model());
            QVERIFY(ltv);
            QTRY_COMPARE(ltv->rowCount(), 50);
            QTRY_COMPARE(cell(part<TablePage>(w, "ltvPage"), 0, 1), QStringLiteral("c670daa7e51c"));
            QVERIFY(qobject_cast<WorkspaceTableModel*>(part<TablePage>(w, "weeklyPage")->model()));
            // The events and visits stay in memory: their rows are in the workspace's event blocks.
            QVERIFY(!qobject_cast<WorkspaceTableModel*>(part<TablePage>(w, "visitsPage")->model()));
            QVERIFY(!qobject_cast<WorkspaceTableModel*>(part<TablePage>(w, "eventsPage")->model()));

            // The filter box and a header click reach the paged model.
            part<TablePage>(w, "ltvPage")->filterEdit()->setText(QStringLiteral("C670"));
            QTest::keyClick(part<TablePage>(w, "ltvPage")->filterEdit(), Qt::Key_Return);
            QTRY_COMPARE(ltv->rowCount(), 1);
            QTRY_COMPARE(cell(part<TablePage>(w, "ltvPage"), 0, 1), QStringLiteral("c670daa7e51c"));
            part<TablePage>(w, "ltvPage")->filterEdit()->clear();
            QTest::keyClick(part<TablePage>(w, "ltvPage")->filterEdit(), Qt::Key_Return);
            QTRY_COMPARE(ltv->rowCount(), 50);
            part<TablePage>(w, "ltvPage")->view()->sortByColumn(0, Qt::DescendingOrder);
            QTRY_COMPARE(cell(part<TablePage>(w, "ltvPage"), 0, 0), QStringLiteral("50"));

            // A re-run with other parameters is not what the workspace stores: memory again.
            Parameters p = part<AnalysisSession>(w, "analysisSession")->parameters();
            p.lifespanYears = 4;
            part<AnalysisSession>(w, "analysisSession")->setParameters(p);
            QVERIFY(waitForResults(w));
            QVERIFY(!part<TableBacking>(w, "tableBacking")->isPaged());
            QVERIFY(!dynamic_cast<PagedLtvModel*>(part<TablePage>(w, "ltvPage")->model()));
            QVERIFY(!w.findChild<QLabel*>(QStringLiteral("summaryLabel"))->text().contains("paged"));
            w.close();
        }
        // The choice is remembered, and an opened workspace is shown paged.
        MainWindow w;
        w.show();
        QVERIFY(action(w, "pagedTablesAction")->isChecked());
        QSignalSpy results(&w, &MainWindow::resultsShown);
        action(w, "openWorkspaceAction")->trigger();
        QVERIFY(
            test::answerFileDialog(test::shownChild<QFileDialog>(w, QStringLiteral("openWorkspaceDialog")), {path}));
        QVERIFY(results.wait(60000));
        QVERIFY(part<TableBacking>(w, "tableBacking")->isPaged());
        QTRY_COMPARE(part<TablePage>(w, "ltvPage")->model()->rowCount(), 50);
        QTRY_COMPARE(cell(part<TablePage>(w, "ltvPage"), 49, 1).isEmpty(), false);
        QTRY_VERIFY(!cell(part<TablePage>(w, "weeklyPage"), 0, 0).isEmpty());

        // Off again: the memory tables, with the same rows.
        action(w, "pagedTablesAction")->setChecked(false);
        QVERIFY(!part<TableBacking>(w, "tableBacking")->isPaged());
        QVERIFY(!dynamic_cast<PagedLtvModel*>(part<TablePage>(w, "ltvPage")->model()));
        QCOMPARE(part<TablePage>(w, "ltvPage")->model()->rowCount(), 50);
        QCOMPARE(cell(part<TablePage>(w, "ltvPage"), 0, 1), QStringLiteral("c670daa7e51c"));
        w.close();
    }

    // A FIFO, a broken link and a link loop in an opened folder are said as info; the good
    // file is read and shown.
    void testSkippedFolderEntriesAreSaidInTheMessageBar()
    {
        QTemporaryDir dir;
        QVERIFY(test::makeFolderWithUnreadableEntries(dir.path()));
        MainWindow w;
        w.openInputs({dir.path()});
        QVERIFY(waitForResults(w));
        QCOMPARE(part<TablePage>(w, "eventsPage")->model()->rowCount(), 1);
        QVERIFY(part<MessageBar>(w, "messageBar")->isVisibleTo(&w));
        QCOMPARE(part<MessageBar>(w, "messageBar")->kind(), MessageBar::Kind::Info);
        for (const QString& message : test::unreadableEntryMessages(dir.path()))
            QVERIFY2(part<MessageBar>(w, "messageBar")->text().contains(message),
                     qPrintable(part<MessageBar>(w, "messageBar")->text()));
    }

    void testOpeningSomethingUnreadableSaysSo()
    {
        MainWindow w;
        w.openInputs({m_dir.filePath("does-not-exist.jsonl")});
        QSignalSpy failed(part<AnalysisSession>(w, "analysisSession"), &AnalysisSession::failed);
        QVERIFY(failed.wait(30000));
        QCOMPARE(part<MessageBar>(w, "messageBar")->kind(), MessageBar::Kind::Error);
        QVERIFY(part<MessageBar>(w, "messageBar")->text().contains(QStringLiteral("no such file")));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
