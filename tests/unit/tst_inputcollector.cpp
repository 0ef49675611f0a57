// What a folder contributes to a run, and what it leaves out: entries named like event files
// that cannot be read as one are skipped with a reason, and the rest of the run goes on.
#include "TestSupport.h"

#include "UnreadableEntries.h"
#include "etl/Analysis.h"
#include "export/RunReport.h"
#include "io/InputCollector.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace clv;

namespace {

QStringList messages(const std::vector<SkippedInput>& skipped)
{
    QStringList list;
    for (const SkippedInput& s : skipped)
        list << s.message();
    return list;
}

} // namespace

class TestInputCollector : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testFifoBrokenLinkAndLinkLoopAreSkippedWithTheirReason()
    {
        QTemporaryDir dir;
        QVERIFY(test::makeFolderWithUnreadableEntries(dir.path()));
        const CollectedInputs collected = collectInputs({dir.path()}, false);
        QCOMPARE(collected.files.size(), 1u);
        QCOMPARE(collected.files[0].display, QDir(dir.path()).filePath("good.jsonl"));
        QVERIFY2(collected.problems.isEmpty(), qPrintable(collected.problems.join('\n')));
        QCOMPARE(messages(collected.skipped), test::unreadableEntryMessages(dir.path()));
        QCOMPARE(collected.skipped[1].path, QDir(dir.path()).filePath("fifo.jsonl"));
        QCOMPARE(collected.skipped[1].reason, QStringLiteral("not a regular file (a FIFO)"));
    }

    void testSkippedEntriesAreNamedAsTheFolderWasInSubFolders()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir("sub"));
        QVERIFY(test::makeFolderWithUnreadableEntries(dir.filePath("sub")));
        QCOMPARE(collectInputs({dir.path()}, false).skipped.size(), 0u); // not recursive: not looked at
        const CollectedInputs collected = collectInputs({dir.path()}, true);
        QCOMPARE(collected.files.size(), 1u);
        QCOMPARE(messages(collected.skipped), test::unreadableEntryMessages(dir.filePath("sub")));
    }

    void testUnreadableFileIsSkipped()
    {
        if (geteuid() == 0)
            QSKIP("root reads a file whatever its permissions");
        QTemporaryDir dir;
        QVERIFY(test::makeFolderWithUnreadableEntries(dir.path()));
        const QString locked = test::addLockedFile(dir.path());
        QVERIFY(!locked.isEmpty());
        const CollectedInputs collected = collectInputs({dir.path()}, false);
        test::unlockFile(locked);
        QCOMPARE(collected.files.size(), 1u);
        QVERIFY(messages(collected.skipped).contains(locked + QStringLiteral(": skipped, not readable")));
    }

    void testFolderOfNothingReadableIsAProblem()
    {
        QTemporaryDir dir;
        QVERIFY(test::makeFolderWithUnreadableEntries(dir.path()));
        QVERIFY(QFile::remove(dir.filePath("good.jsonl")));
        const CollectedInputs collected = collectInputs({dir.path()}, false);
        QVERIFY(collected.files.empty());
        QCOMPARE(collected.problems,
                 QStringList{dir.path() + QStringLiteral(": folder holds no readable event files")});
        QCOMPARE(collected.skipped.size(), 4u);
    }

    // The reader never opens the FIFO (it would wait for a writer) and reads the good file.
    void testTheRunGoesOnAndRunJsonListsTheSkippedEntries()
    {
        QTemporaryDir dir;
        QVERIFY(test::makeFolderWithUnreadableEntries(dir.path()));
        const AnalysisOutcome outcome = runAnalysis(AnalysisRequest{{dir.path()}, {}, {}});
        QVERIFY(outcome.tables);
        QCOMPARE(outcome.read.totals().accepted, qint64(1));
        QVERIFY(outcome.read.inputProblems.isEmpty());
        QCOMPARE(messages(outcome.read.skippedInputs), test::unreadableEntryMessages(dir.path()));

        const QJsonObject report
            = QJsonDocument::fromJson(runReportJson({}, outcome.read, *outcome.tables, outcome.timings)).object();
        const QJsonArray skipped = report.value("skipped_inputs").toArray();
        QCOMPARE(skipped.size(), 4);
        QCOMPARE(skipped[1].toObject().value("path").toString(), QDir(dir.path()).filePath("fifo.jsonl"));
        QCOMPARE(skipped[1].toObject().value("reason").toString(), QStringLiteral("not a regular file (a FIFO)"));
        QCOMPARE(skipped[2].toObject().value("reason").toString(), QStringLiteral("a link loop"));
        QVERIFY(report.value("input_problems").toArray().isEmpty());
    }

    void testRunJsonHasAnEmptyListWhenNothingWasSkipped()
    {
        const ReadResult read = test::readLines({test::visitLine("c", "2017-01-06T12:01:00Z")});
        const auto tables = test::analyse({test::visitLine("c", "2017-01-06T12:01:00Z")});
        const QJsonObject report = QJsonDocument::fromJson(runReportJson({}, read, *tables, {})).object();
        QVERIFY(report.value("skipped_inputs").isArray());
        QVERIFY(report.value("skipped_inputs").toArray().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestInputCollector)
#include "tst_inputcollector.moc"
