// File ▸ Open Transactions and dropped transaction tables, on the real window offscreen: the
// file dialog, the column dialog, and the tables the read fills.
#include "UiTestSupport.h"

#include "MainWindow.h"
#include "TransactionDialogSupport.h"
#include "dialogs/TransactionImportDialog.h"
#include "pages/TablePage.h"
#include "session/AnalysisSession.h"
#include "widgets/MessageBar.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QMenu>
#include <QMimeData>
#include <QPushButton>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

using namespace clv;
using clv::test::part;

namespace {

using test::chooseColumns;
using test::combo;
using test::distinctCustomers;
using test::importDialog;
using test::kCdnowAmount;
using test::kCdnowDate;
using test::kCdnowId;
using test::kCdnowSample;
using test::okButton;
using test::openFromTheMenu;

const QString kSeedInput = QStringLiteral(CLV_TEST_DATA_DIR "/seed/input.txt");

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& text)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

QString labelText(QDialog* dialog, const char* name)
{
    return dialog->findChild<QLabel*>(QLatin1String(name))->text();
}

// Drags the files over the window and drops them, as a file manager does.
void dropFiles(MainWindow& w, const QStringList& paths)
{
    QMimeData mime;
    QList<QUrl> urls;
    for (const QString& path : paths)
        urls << QUrl::fromLocalFile(path);
    mime.setUrls(urls);
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&w, &enter);
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&w, &drop);
}

bool waitForResults(MainWindow& w)
{
    QSignalSpy spy(&w, &MainWindow::resultsShown);
    return spy.wait(60000);
}

int rows(MainWindow& w, const char* page)
{
    return part<TablePage>(w, page)->model()->rowCount();
}

QString messageText(MainWindow& w)
{
    return part<MessageBar>(w, "messageBar")->text();
}

} // namespace

class TestOpenTransactions : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() { test::isolateSettings(m_dir); }

    void testCdnowSampleWithColumnsOneThreeFiveFillsTheLtvTable()
    {
        MainWindow w;
        w.show();
        TransactionImportDialog* dialog = openFromTheMenu(w, kCdnowSample);
        QVERIFY(dialog);
        QVERIFY(labelText(dialog, "formatLabel").contains(QStringLiteral("whitespace")));
        QVERIFY(labelText(dialog, "formatLabel").contains(QStringLiteral("no header")));
        QCOMPARE(dialog->findChild<QTableWidget*>(QStringLiteral("previewTable"))->rowCount(), kPreviewRows);
        // A headerless table of five columns names none of them: the user chooses.
        QCOMPARE(combo(dialog, "idColumnCombo")->currentData().toInt(), -1);
        QVERIFY(!okButton(dialog)->isEnabled());
        chooseColumns(dialog, kCdnowId, kCdnowDate, kCdnowAmount);
        QVERIFY(okButton(dialog)->isEnabled());
        QSignalSpy results(&w, &MainWindow::resultsShown);
        okButton(dialog)->click();
        QVERIFY(results.wait(60000));
        QCOMPARE(rows(w, "ltvPage"), distinctCustomers(kCdnowSample));
        QVERIFY(rows(w, "weeklyPage") > 0);
        QCOMPARE(rows(w, "problemsPage"), 0);
    }

    void testTheSameColumnTwiceIsRefused()
    {
        MainWindow w;
        w.show();
        TransactionImportDialog* dialog = openFromTheMenu(w, kCdnowSample);
        QVERIFY(dialog);
        chooseColumns(dialog, kCdnowId, kCdnowDate, kCdnowDate);
        QVERIFY(!okButton(dialog)->isEnabled());
        QVERIFY(labelText(dialog, "problemLabel").contains(QStringLiteral("different columns")));
        QVERIFY(!dialog->options());
        dialog->reject();
    }

    void testColumnsNamedByTheHeaderArePreselected()
    {
        const QString path = writeFile(m_dir, QStringLiteral("orders.csv"),
                                       "order_no,Price,Customer,Date\r\n"
                                       "1,10.00,alice,2021-03-01\r\n"
                                       "2,5.50,bob,2021-03-02\r\n");
        MainWindow w;
        w.show();
        TransactionImportDialog* dialog = openFromTheMenu(w, path);
        QVERIFY(dialog);
        QVERIFY(labelText(dialog, "formatLabel").contains(QStringLiteral("CSV")));
        QVERIFY(labelText(dialog, "formatLabel").contains(QStringLiteral("with a header")));
        QCOMPARE(combo(dialog, "idColumnCombo")->currentData().toInt(), 2);
        QCOMPARE(combo(dialog, "dateColumnCombo")->currentData().toInt(), 3);
        QCOMPARE(combo(dialog, "amountColumnCombo")->currentData().toInt(), 1);
        QVERIFY(okButton(dialog)->isEnabled());
        QSignalSpy results(&w, &MainWindow::resultsShown);
        okButton(dialog)->click();
        QVERIFY(results.wait(60000));
        QCOMPARE(rows(w, "ltvPage"), 2);
    }

    void testBadRowsAreShownInTheProblemsTab()
    {
        const QString path = writeFile(m_dir, QStringLiteral("with-bad-rows.csv"),
                                       "customer_id,date,amount\n"
                                       "c1,2020-01-02,10.00\n"
                                       "c2,2020-13-45,5.00\n"
                                       "c3,2020-01-05,ten\n"
                                       "c1,2020-02-01,7.50\n"
                                       "c4,2020-03-01,1.25\n");
        MainWindow w;
        w.show();
        TransactionImportDialog* dialog = openFromTheMenu(w, path);
        QVERIFY(dialog);
        QSignalSpy results(&w, &MainWindow::resultsShown);
        okButton(dialog)->click();
        QVERIFY(results.wait(60000));
        TablePage* problems = part<TablePage>(w, "problemsPage");
        QCOMPARE(problems->model()->rowCount(), 2);
        // Columns: file, line, reason, raw line.
        const auto cell = [&](int row, int column) { return problems->model()->index(row, column).data().toString(); };
        QCOMPARE(cell(0, 1).toInt(), 3);
        QCOMPARE(cell(0, 3), QStringLiteral("c2,2020-13-45,5.00"));
        QCOMPARE(cell(1, 1).toInt(), 4);
        QCOMPARE(cell(1, 3), QStringLiteral("c3,2020-01-05,ten"));
        QVERIFY(!cell(0, 2).isEmpty() && !cell(1, 2).isEmpty());
        QCOMPARE(rows(w, "ltvPage"), 2); // c1 and c4: c2 and c3 have no usable row
    }

    void testAJsonEventFileIsRefusedInPlainWords()
    {
        MainWindow w;
        w.show();
        TransactionImportDialog* dialog = openFromTheMenu(w, kSeedInput);
        QVERIFY(dialog);
        QVERIFY(labelText(dialog, "problemLabel").contains(QStringLiteral("JSON events")));
        QVERIFY(!okButton(dialog)->isEnabled());
        QVERIFY(!combo(dialog, "idColumnCombo")->isEnabled());
        dialog->reject();
    }

    void testAnEmptyFileIsRefusedInPlainWords()
    {
        const QString path = writeFile(m_dir, QStringLiteral("empty.csv"), "\n\n");
        MainWindow w;
        w.show();
        TransactionImportDialog* dialog = openFromTheMenu(w, path);
        QVERIFY(dialog);
        QVERIFY(labelText(dialog, "problemLabel").contains(QStringLiteral("empty")));
        QVERIFY(!okButton(dialog)->isEnabled());
        dialog->reject();
    }

    void testEventFilesOpenedAfterTransactionsAreReadAsEvents()
    {
        MainWindow w;
        w.show();
        TransactionImportDialog* dialog = openFromTheMenu(w, kCdnowSample);
        QVERIFY(dialog);
        chooseColumns(dialog, kCdnowId, kCdnowDate, kCdnowAmount);
        okButton(dialog)->click();
        QVERIFY(waitForResults(w));
        w.openInputs({kSeedInput});
        QVERIFY(waitForResults(w));
        QCOMPARE(rows(w, "eventsPage"), 556);
        QCOMPARE(rows(w, "ltvPage"), 50);
        QCOMPARE(rows(w, "problemsPage"), 0);
    }

    void testOpenRecentReadsATableAsATableAgain()
    {
        {
            MainWindow w;
            TransactionImportDialog* dialog = openFromTheMenu(w, kCdnowSample);
            QVERIFY(dialog);
            chooseColumns(dialog, kCdnowId, kCdnowDate, kCdnowAmount);
            okButton(dialog)->click();
            QVERIFY(waitForResults(w));
            w.openInputs({kSeedInput});
            QVERIFY(waitForResults(w));
            w.close();
        }
        MainWindow again;
        QMenu* recent = again.findChild<QMenu*>(QStringLiteral("recentMenu"));
        QAction* table = nullptr;
        for (QAction* a : recent->actions())
            if (a->text().contains(QStringLiteral("CDNOW_sample.txt")))
                table = a;
        QVERIFY(table);
        QVERIFY(table->text().contains(QStringLiteral("transactions")));
        QSignalSpy results(&again, &MainWindow::resultsShown);
        table->trigger();
        QVERIFY(results.wait(60000));
        QCOMPARE(rows(again, "ltvPage"), distinctCustomers(kCdnowSample));
        QCOMPARE(rows(again, "problemsPage"), 0);
    }

    // A workspace stores events read from event files; storing tables as such is not there yet,
    // so they are refused with a reason rather than stored as something else.
    void testTablesAreNotSavedAsAWorkspace()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("tables.clvdb"));
        MainWindow w;
        w.show();
        TransactionImportDialog* dialog = openFromTheMenu(w, kCdnowSample);
        QVERIFY(dialog);
        chooseColumns(dialog, kCdnowId, kCdnowDate, kCdnowAmount);
        okButton(dialog)->click();
        QVERIFY(waitForResults(w));
        QSignalSpy failed(part<AnalysisSession>(w, "analysisSession"), &AnalysisSession::failed);
        w.findChild<QAction*>(QStringLiteral("saveWorkspaceAsAction"))->trigger();
        QVERIFY(
            test::answerFileDialog(test::shownChild<QFileDialog>(w, QStringLiteral("saveWorkspaceDialog")), {path}));
        QTRY_COMPARE(failed.count(), 1);
        QVERIFY2(messageText(w).contains(QStringLiteral("transaction tables")), qPrintable(messageText(w)));
        QVERIFY(!QFileInfo::exists(path));
        QCOMPARE(rows(w, "ltvPage"), distinctCustomers(kCdnowSample));
    }

    void testTablesAreNotAddedToAnOpenWorkspace()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("events.clvdb"));
        MainWindow w;
        w.show();
        w.openInputs({kSeedInput});
        QVERIFY(waitForResults(w));
        w.findChild<QAction*>(QStringLiteral("saveWorkspaceAsAction"))->trigger();
        QVERIFY(
            test::answerFileDialog(test::shownChild<QFileDialog>(w, QStringLiteral("saveWorkspaceDialog")), {path}));
        QVERIFY(waitForResults(w));
        QCOMPARE(part<AnalysisSession>(w, "analysisSession")->workspacePath(), path);
        QSignalSpy failed(part<AnalysisSession>(w, "analysisSession"), &AnalysisSession::failed);
        TransactionImportDialog* dialog = openFromTheMenu(w, kCdnowSample);
        QVERIFY(dialog);
        chooseColumns(dialog, kCdnowId, kCdnowDate, kCdnowAmount);
        okButton(dialog)->click();
        QTRY_COMPARE(failed.count(), 1);
        QVERIFY2(messageText(w).contains(QStringLiteral("workspace")), qPrintable(messageText(w)));
        QCOMPARE(rows(w, "ltvPage"), 50);
        // Event files are still added to it.
        w.openInputs({QStringLiteral(CLV_TEST_DATA_DIR "/seed/challenge-sample-events.txt")});
        QVERIFY(waitForResults(w));
        QCOMPARE(rows(w, "ltvPage"), 51);
    }

    void testADroppedTransactionTableOpensTheColumnDialog()
    {
        MainWindow w;
        w.show();
        dropFiles(w, {kCdnowSample});
        TransactionImportDialog* dialog = importDialog(w);
        QVERIFY(dialog);
        QCOMPARE(dialog->files(), QStringList{kCdnowSample});
        chooseColumns(dialog, kCdnowId, kCdnowDate, kCdnowAmount);
        QSignalSpy results(&w, &MainWindow::resultsShown);
        okButton(dialog)->click();
        QVERIFY(results.wait(60000));
        QCOMPARE(rows(w, "ltvPage"), distinctCustomers(kCdnowSample));
    }

    void testADroppedEventFileIsReadWithoutTheColumnDialog()
    {
        MainWindow w;
        w.show();
        dropFiles(w, {kSeedInput});
        QVERIFY(waitForResults(w));
        QVERIFY(!test::shownChild<TransactionImportDialog>(w, QStringLiteral("transactionImportDialog")));
        QCOMPARE(rows(w, "ltvPage"), 50);
    }
};

QTEST_MAIN(TestOpenTransactions)
#include "tst_opentransactions.moc"
