// A new workspace stores its files before their SHA-256 is known and hashes them on idle
// processor time (WorkspaceIngester, Workspace::settleContentHashes): every file still ends
// up with its true hash before the workspace is put in place, the same bytes named twice are
// still stored once, and a later run still recognises a stored file.

#include "WorkspaceTestSupport.h"

#include "store/WorkspaceFile.h"
#include "store/WorkspaceRun.h"

#include <QCryptographicHash>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace clv;
using namespace clv::test;

namespace {

QString sha256Of(const QString& path)
{
    return QString::fromLatin1(QCryptographicHash::hash(readAll(path), QCryptographicHash::Sha256).toHex());
}

// display name -> stored content_sha256
std::map<QString, QString> storedHashes(const QString& workspace)
{
    std::map<QString, QString> hashes;
    withRawConnection(workspace, [&](QSqlDatabase& db) {
        QSqlQuery q(db);
        QVERIFY(q.exec("SELECT path, content_sha256 FROM source_files"));
        while (q.next())
            hashes[q.value(0).toString()] = q.value(1).toString();
    });
    return hashes;
}

// The seed input with one byte changed: the same size, other bytes.
QString sameSizeOtherBytes(const QTemporaryDir& dir)
{
    QByteArray bytes = readAll(kSeedInput);
    const qsizetype at = bytes.indexOf("\"customer_id\"");
    bytes[at + 1] = 'C'; // a misspelt member: that line is rejected, the rest is the same
    const QString path = dir.filePath("same-size.txt");
    return writeFile(path, bytes) ? path : QString();
}

} // namespace

class TestStagedHashes : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testANewWorkspaceHoldsEveryFilesTrueHash()
    {
        QTemporaryDir dir;
        const QString other = sameSizeOtherBytes(dir);
        const QString copy = dir.filePath("copy.txt");
        QVERIFY(!other.isEmpty() && QFile::copy(kSeedInput, copy));
        const QString path = dir.filePath("w.clvdb");
        // Four files into a new workspace in one run: a copy of the first (the same bytes: stored
        // once), one of the same size with other bytes (stored), and one of another size.
        const Run run = runEtl(
            {"--workspace", path, kSeedInput, copy, other, kChallengeInput, "-o", dir.filePath("o")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains("already in the workspace: " + copy), qPrintable(run.out));
        const auto hashes = storedHashes(path);
        QCOMPARE(hashes.size(), std::size_t(3));
        for (const QString& file : {kSeedInput, other, kChallengeInput})
            QCOMPARE(hashes.at(QFileInfo(file).absoluteFilePath()), sha256Of(file));

        // A later run recognises each stored file by that hash.
        const Run again = runEtl({"--workspace", path, copy, kChallengeInput, "-o", dir.filePath("o2")});
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.out.contains("already in the workspace: " + copy)
                     && again.out.contains("already in the workspace: " + kChallengeInput),
                 qPrintable(again.out));
        QCOMPARE(storedHashes(path).size(), std::size_t(3));
    }

    void testHashesArePendingUntilTheRunSettlesThem()
    {
        QTemporaryDir dir;
        StagedWorkspaceFile staged(dir.filePath("w.clvdb"));
        QString error;
        auto workspace = Workspace::open(staged.path(), &error, WorkspaceOpenMode::Staging);
        QVERIFY2(workspace, qPrintable(error));
        // Two files of different sizes: both stored before either hash is written.
        QCOMPARE(workspace->addFiles({kSeedInput, kChallengeInput}).filesAdded, 2);
        QVERIFY(workspace->hasPendingContentHashes());
        auto hashes = storedHashes(staged.path());
        QCOMPARE(hashes.size(), std::size_t(2));
        QCOMPARE(hashes.at(kSeedInput), QString("pending-1"));
        QCOMPARE(hashes.at(kChallengeInput), QString("pending-2"));
        // A second call compares its files with the stored hashes: they are written first.
        const IngestReport again = workspace->addFiles({kSeedInput});
        QCOMPARE(again.filesSkipped, 1);
        QVERIFY(!workspace->hasPendingContentHashes());
        hashes = storedHashes(staged.path());
        for (const QString& file : {kSeedInput, kChallengeInput})
            QCOMPARE(hashes.at(file), sha256Of(file));

        // The run that builds a workspace settles them before it returns.
        StagedWorkspaceFile second(dir.filePath("w2.clvdb"));
        auto built = Workspace::open(second.path(), &error, WorkspaceOpenMode::Staging);
        QVERIFY2(built, qPrintable(error));
        AnalysisRequest request;
        request.inputs = {kSeedInput, kChallengeInput};
        const WorkspaceRunOutcome run = runWorkspaceAnalysis(*built, request);
        QVERIFY2(run.ok(), qPrintable(run.storeError + run.ingest.error));
        QVERIFY(!built->hasPendingContentHashes());
        hashes = storedHashes(second.path());
        QCOMPARE(hashes.size(), std::size_t(2));
        for (const QString& file : {kSeedInput, kChallengeInput})
            QCOMPARE(hashes.at(file), sha256Of(file));
    }

    void testAFailedIngestLeavesNothingPending()
    {
        QTemporaryDir dir;
        StagedWorkspaceFile staged(dir.filePath("w.clvdb"));
        QString error;
        auto workspace = Workspace::open(staged.path(), &error, WorkspaceOpenMode::Staging);
        QVERIFY2(workspace, qPrintable(error));
        const QString bad = dir.filePath("bad.jsonl");
        QVERIFY(writeFile(bad, "not json\n"));
        ReaderOptions strict;
        strict.strict = true;
        const IngestReport report = workspace->addFiles({kSeedInput, bad}, strict);
        QVERIFY(report.stoppedStrict);
        QVERIFY(!workspace->hasPendingContentHashes()); // the seed's row went with the rollback
        QCOMPARE(workspace->storedFileCount(), 0);
    }

    void testAnExistingWorkspaceHashesBeforeItCommits()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("w.clvdb");
        QString error;
        auto workspace = Workspace::open(path, &error);
        QVERIFY2(workspace, qPrintable(error));
        QCOMPARE(workspace->addFiles({kSeedInput}).filesAdded, 1);
        QVERIFY(!workspace->hasPendingContentHashes()); // seen by others at once: hashed first
        const auto hashes = storedHashes(path);
        QCOMPARE(hashes.size(), std::size_t(1));
        QCOMPARE(hashes.at(kSeedInput), sha256Of(kSeedInput));
    }
};

QTEST_GUILESS_MAIN(TestStagedHashes)
#include "tst_stagedhashes.moc"
