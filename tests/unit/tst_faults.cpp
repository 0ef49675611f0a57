// Faults a user meets, with the real parts: the output folder removed or made read-only
// between the run and the export, a full disk during the export (a small tmpfs when this
// machine lets the test mount one, and always a per-process file size limit), a cancel at
// every stage, and event files that change while they are read. In every case nothing valid
// is lost, no partial output file is left, and the failure is told in plain words.
#include "TestSupport.h"
#include "WorkspaceTestSupport.h"

#include "etl/Analysis.h"
#include "export/OutputExporter.h"
#include "export/OutputSet.h"
#include "session/AnalysisSession.h"
#include "store/WorkspaceRun.h"

#include <QDir>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <csignal>
#include <sys/resource.h>
#include <sys/stat.h>
#include <thread>

using namespace clv;
using namespace clv::test;

namespace {

const QString kSampleInput = QStringLiteral(CLV_TEST_DATA_DIR "/../../data/sample/events.jsonl");
const QStringList kOutputFiles = {"output_t1.txt", "output_ltv_specs.txt", "output_ltv_final.txt", "rejected.csv",
                                  "run.json"};

// A tmpfs of a given size mounted on a fresh folder, for a real "no space left" and a real
// read-only file system. Mounting needs privileges a machine may not grant: mounted() says.
class ScratchMount {
public:
    explicit ScratchMount(qint64 bytes) : m_path(m_parent.filePath(QStringLiteral("mnt")))
    {
        QDir().mkpath(m_path);
        m_mounted = run({"-t", "tmpfs", "-o", QStringLiteral("size=%1").arg(bytes), "tmpfs", m_path});
    }
    ~ScratchMount()
    {
        if (m_mounted)
            QProcess::execute(QStringLiteral("umount"), {m_path});
    }
    bool mounted() const { return m_mounted; }
    QString path() const { return m_path; }
    bool makeReadOnly() { return run({"-o", "remount,ro", m_path}); }

private:
    static bool run(const QStringList& arguments)
    {
        QProcess p;
        p.start(QStringLiteral("mount"), arguments);
        return p.waitForFinished(20000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    }
    QTemporaryDir m_parent;
    QString m_path;
    bool m_mounted = false;
};

#define REQUIRE_MOUNT(mount)                                                                                 \
    if (!(mount).mounted())                                                                                  \
        QSKIP("this machine does not let the test mount a tmpfs; the file-size-limit tests cover the write " \
              "failure");

// Every file in `folder` with its bytes: "nothing changed" is this map being equal.
QMap<QString, QByteArray> snapshot(const QString& folder)
{
    QMap<QString, QByteArray> files;
    const QDir dir(folder);
    for (const QString& name : dir.entryList(QDir::Files | QDir::Hidden | QDir::System))
        files.insert(name, readAll(dir.filePath(name)));
    return files;
}

// clv-etl with the size of any file it writes limited, as a nearly full disk would: writes
// past the limit fail with EFBIG (SIGXFSZ ignored, so the write returns the error).
Run runEtlWithFileSizeLimit(const QStringList& arguments, rlim_t bytes)
{
    QProcess p;
    p.setChildProcessModifier([bytes] {
        std::signal(SIGXFSZ, SIG_IGN);
        const rlimit limit{bytes, bytes};
        setrlimit(RLIMIT_FSIZE, &limit);
    });
    p.start(QStringLiteral(CLV_ETL_BINARY), arguments);
    p.waitForFinished(120000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

// Runs one session job to its end; returns the spy of the signal that ended it.
bool waitIdle(AnalysisSession& session)
{
    return QTest::qWaitFor([&] { return !session.isBusy(); }, 60000);
}

QByteArray sampleLines(int customers)
{
    std::string text;
    for (int c = 0; c < customers; ++c) {
        const std::string id = std::string("cust").append(std::to_string(c));
        text += customerLine(id, "2017-02-10T10:00:00Z") + "\n";
        text += visitLine(id, "2017-02-10T10:05:00Z") + "\n";
        text += orderLine(id, "2017-02-10T10:06:00Z", std::string("o").append(std::to_string(c)), "5.00 USD") + "\n";
    }
    return QByteArray::fromStdString(text);
}

} // namespace

class TestFaults : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // ---- a full disk during the export --------------------------------------------------

    void testFileSizeLimitDuringExportKeepsThePreviousFiles()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath("out");
        QCOMPARE(runEtl({kSeedInput, "-o", out, "--quiet"}).exitCode, 0);
        const auto before = snapshot(out);
        // The sample's visits table is larger than 64 KiB, the seed's files are not.
        const Run run = runEtlWithFileSizeLimit({kSampleInput, "-o", out}, 64 * 1024);
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains("output_t1.txt") && run.err.contains("File too large"), qPrintable(run.err));
        QVERIFY2(run.err.contains("previous files"), qPrintable(run.err));
        QCOMPARE(snapshot(out), before); // no partial file, no temporary file left behind
    }

    // A workspace run writes its output files while it saves the results; when the save then
    // fails, the files written meanwhile go, and the output folder is as it was: the previous
    // files unchanged, a folder that was not there still not there.
    void testWorkspaceSaveFailingAfterTheAnalysisLeavesTheOutputsAsTheyWere()
    {
        QTemporaryDir dir;
        const QString events = dir.filePath("events.jsonl");
        QVERIFY(generateEvents(events, 3000));
        // The whole workspace's size, and a limit the stored events fit under but the results do not.
        const QString measured = dir.filePath("measured.clvdb");
        QCOMPARE(runEtl({"--workspace", measured, events, "-o", dir.filePath("measured"), "--quiet"}).exitCode, 0);
        const qint64 limit = QFileInfo(measured).size() * 7 / 10;
        QVERIFY2(QFileInfo(dir.filePath("measured/output_t1.txt")).size() < limit, "the visits file is too big");

        const QString out = dir.filePath("out");
        QCOMPARE(runEtl({kSeedInput, "-o", out, "--quiet"}).exitCode, 0);
        const auto before = snapshot(out);
        const QString workspace = dir.filePath("w.clvdb");
        const Run run = runEtlWithFileSizeLimit({"--workspace", workspace, events, "-o", out}, rlim_t(limit));
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains("it was left as it was before this run"), qPrintable(run.err));
        QCOMPARE(snapshot(out), before);
        QVERIFY(!QFile::exists(workspace));

        const QString fresh = dir.filePath("fresh");
        QCOMPARE(runEtlWithFileSizeLimit({"--workspace", workspace, events, "-o", fresh}, rlim_t(limit)).exitCode, 3);
        QVERIFY(!QFileInfo::exists(fresh));
    }

    void testDiskFullDuringExportKeepsThePreviousFiles()
    {
        ScratchMount disk(96 * 1024);
        REQUIRE_MOUNT(disk);
        QCOMPARE(runEtl({kSeedInput, "-o", disk.path(), "--quiet"}).exitCode, 0);
        const auto before = snapshot(disk.path());
        QCOMPARE(before.size(), kOutputFiles.size());
        const Run run = runEtl({kSampleInput, "-o", disk.path()});
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains("No space left on device"), qPrintable(run.err));
        QCOMPARE(snapshot(disk.path()), before);
    }

    void testDiskFullDuringExportInTheAppIsReportedAndLeavesNothing()
    {
        ScratchMount disk(96 * 1024);
        REQUIRE_MOUNT(disk);
        AnalysisSession session;
        QSignalSpy results(&session, &AnalysisSession::resultsChanged);
        QSignalSpy failed(&session, &AnalysisSession::exportFailed);
        session.open({kSampleInput});
        QVERIFY(waitIdle(session));
        QCOMPARE(results.size(), 1);
        session.exportOutputs(disk.path());
        QVERIFY(waitIdle(session));
        QCOMPARE(failed.size(), 1);
        QVERIFY2(failed.at(0).at(0).toString().contains("No space left on device"),
                 qPrintable(failed.at(0).at(0).toString()));
        QVERIFY(snapshot(disk.path()).isEmpty());
        QVERIFY(session.results()); // the results are still there to export elsewhere
    }

    // ---- the output folder changes between the run and the export --------------------------

    void testOutputFolderRemovedAfterTheRunIsMadeAgain()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath("project/output");
        AnalysisSession session;
        QSignalSpy exported(&session, &AnalysisSession::exported);
        session.open({kSeedInput});
        QVERIFY(waitIdle(session));
        session.exportOutputs(out);
        QVERIFY(waitIdle(session));
        QCOMPARE(exported.size(), 1);
        QVERIFY(QDir(dir.filePath("project")).removeRecursively());
        session.exportOutputs(out);
        QVERIFY(waitIdle(session));
        QCOMPARE(exported.size(), 2);
        for (const QString& name : kOutputFiles)
            QVERIFY2(QFileInfo(QDir(out).filePath(name)).size() > 0, qPrintable(name));
    }

    void testOutputFolderMadeReadOnlyAfterTheRunIsReported()
    {
        ScratchMount disk(4 << 20);
        REQUIRE_MOUNT(disk);
        AnalysisSession session;
        QSignalSpy exported(&session, &AnalysisSession::exported);
        QSignalSpy failed(&session, &AnalysisSession::exportFailed);
        session.open({kSeedInput});
        QVERIFY(waitIdle(session));
        session.exportOutputs(disk.path());
        QVERIFY(waitIdle(session));
        QCOMPARE(exported.size(), 1);
        const auto before = snapshot(disk.path());
        QVERIFY(disk.makeReadOnly());
        session.exportOutputs(disk.path());
        QVERIFY(waitIdle(session));
        QCOMPARE(failed.size(), 1);
        // Qt's own words: it asks whether the file it replaces may be written first.
        const QString message = failed.at(0).at(0).toString();
        QVERIFY2(message.contains("output_t1.txt") && message.contains("is not writable"), qPrintable(message));
        QCOMPARE(snapshot(disk.path()), before);

        const Run run = runEtl({kSeedInput, "-o", disk.path()});
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains("is not writable"), qPrintable(run.err));
        QCOMPARE(snapshot(disk.path()), before);
    }

    // ---- cancel at every stage -------------------------------------------------------------

    void testCancelAtEachStageOfARunProducesNothing_data()
    {
        QTest::addColumn<QString>("stage");
        QTest::addColumn<bool>("dropDuplicates");
        QTest::newRow("Reading") << "Reading" << false;
        QTest::newRow("Reading, dropping duplicates") << "Reading" << true;
        QTest::newRow("Grouping") << "Grouping" << false;
        QTest::newRow("Analysing") << "Analysing" << false;
        QTest::newRow("Ranking") << "Ranking" << false;
    }

    void testCancelAtEachStageOfARunProducesNothing()
    {
        QFETCH(QString, stage);
        QFETCH(bool, dropDuplicates);
        AnalysisRequest request;
        request.inputs = {kSeedInput};
        request.dropExactDuplicates = dropDuplicates;
        bool seen = false;
        JobControl* self = nullptr;
        JobControl control([&](const QString& reported, double) {
            if (reported == stage) {
                seen = true;
                self->cancel();
            }
        });
        self = &control;
        const AnalysisOutcome outcome = runAnalysis(request, &control);
        QVERIFY2(seen, "the stage was never reported");
        QVERIFY(outcome.cancelled);
        QVERIFY(!outcome.tables);
    }

    void testCancelAtEachStageOfAWorkspaceRunKeepsTheWorkspace_data()
    {
        QTest::addColumn<QString>("stage");
        for (const char* stage : {"Reading", "Hashing", "Storing", "Loading", "Grouping", "Analysing", "Saving"})
            QTest::newRow(stage) << QString::fromLatin1(stage);
    }

    void testCancelAtEachStageOfAWorkspaceRunKeepsTheWorkspace()
    {
        QFETCH(QString, stage);
        QTemporaryDir dir;
        const QString path = dir.filePath("w.clvdb");
        QString error;
        auto workspace = Workspace::open(path, &error);
        QVERIFY2(workspace, qPrintable(error));
        AnalysisRequest first;
        first.inputs = {kChallengeInput};
        QVERIFY(runWorkspaceAnalysis(*workspace, first).ok());
        const qint64 events = workspace->storedEventCount();
        const auto read = workspace->loadEvents();
        const TablesText before = textOf(*workspace->loadResults(*read));

        // Large enough that every stage reports (loading reports every 65,536 events).
        const QString big = dir.filePath("big.jsonl");
        QVERIFY(generateEvents(big, 4500));
        AnalysisRequest second;
        second.inputs = {big};
        bool seen = false;
        JobControl* self = nullptr;
        JobControl control([&](const QString& reported, double) {
            if (reported == stage) {
                seen = true;
                self->cancel();
            }
        });
        self = &control;
        const WorkspaceRunOutcome outcome = runWorkspaceAnalysis(*workspace, second, &control);
        QVERIFY2(seen, "the stage was never reported");
        QVERIFY(!outcome.ok());
        workspace.reset();

        // Reopened from the file: what was stored before the run, complete.
        workspace = Workspace::open(path, &error, WorkspaceOpenMode::ExistingOnly);
        QVERIFY2(workspace, qPrintable(error));
        const qint64 eventsNow = workspace->storedEventCount();
        if (stage == QLatin1String("Reading") || stage == QLatin1String("Hashing")
            || stage == QLatin1String("Storing")) {
            QCOMPARE(eventsNow, events); // the file was not added
            const auto readNow = workspace->loadEvents();
            QVERIFY(textOf(*workspace->loadResults(*readNow)) == before);
        } else {
            // The files went in (their transaction completed); the results are the old ones
            // until a run completes, and a run over the same events then succeeds.
            QVERIFY(eventsNow > events);
            AnalysisRequest again;
            QVERIFY(runWorkspaceAnalysis(*workspace, again).ok());
        }
    }

    void testCancelledExportLeavesTheFolderAsItWas()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath("out");
        QCOMPARE(runEtl({kChallengeInput, "-o", out, "--quiet"}).exitCode, 0);
        const auto before = snapshot(out);
        AnalysisRequest request;
        request.inputs = {kSeedInput};
        const AnalysisOutcome outcome = runAnalysis(request);
        QVERIFY(outcome.tables);
        // Cancelled once the first file is written (to its temporary file).
        JobControl* self = nullptr;
        JobControl control([&self](const QString& stage, double fraction) {
            if (stage == QLatin1String("Exporting") && fraction > 0)
                self->cancel();
        });
        self = &control;
        ExportRequest exportRequest;
        exportRequest.directory = out;
        exportRequest.control = &control;
        const ExportResult result = exportOutputs(exportRequest, outcome.read, *outcome.tables);
        QVERIFY(result.cancelled);
        QVERIFY(result.written.isEmpty());
        QVERIFY2(result.error.contains("cancelled"), qPrintable(result.error));
        QCOMPARE(snapshot(out), before);
    }

    // A file that stops because the export was cancelled while it was written says so, as a
    // cancel between files does, and leaves the folder as it was.
    void testExportCancelledWithinAFileSaysCancelled()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath("out");
        QCOMPARE(runEtl({kChallengeInput, "-o", out, "--quiet"}).exitCode, 0);
        const auto before = snapshot(out);
        JobControl control;
        const std::vector<NamedOutput> outputs = {
            {QStringLiteral("output_t1.txt"), [](QIODevice& d) { return d.write("first\n") == 6; }},
            {QStringLiteral("output_ltv_specs.txt"),
             [&control](QIODevice& d) {
                 d.write("half a ");
                 control.cancel();
                 return false;
             }},
        };
        const OutputSetResult result = writeOutputSet(out, outputs, &control);
        QVERIFY(result.cancelled);
        QVERIFY2(result.error.contains("cancelled"), qPrintable(result.error));
        QCOMPARE(snapshot(out), before);
    }

    // ---- event files changing while they are read -------------------------------------------

    void testFileTruncatedWhileReadKeepsWhatWasReadAndSaysSo()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("growing.jsonl");
        QVERIFY(writeFile(path, sampleLines(20000))); // 60,000 lines, about 8 MB
        ReaderOptions options;
        options.pieceBytes = 16 << 10; // many small steps, so the change lands mid-read...
        QThreadPool pool;              // ...however many cores the machine has (a step is
        pool.setMaxThreadCount(2);     // pieceBytes x threads x 4)
        options.pool = &pool;
        bool truncated = false;
        JobControl control([&](const QString& stage, double) {
            if (stage == QLatin1String("Reading") && !truncated) {
                truncated = true;
                QFile file(path);
                QVERIFY(file.open(QIODevice::ReadWrite));
                QVERIFY(file.resize(file.size() / 2 + 17)); // mid-line, too
            }
        });
        const ReadResult r = EventReader(options).read({path}, &control);
        QVERIFY(truncated);
        QCOMPARE(r.inputProblems.size(), 1);
        QVERIFY2(r.inputProblems.at(0).contains("changed while it was read"), qPrintable(r.inputProblems.at(0)));
        // What was read is kept, and adds up.
        QVERIFY(r.totals().accepted > 0);
        QVERIFY(r.totals().accepted < 60000);
        QCOMPARE(r.totals().accepted + r.totals().rejected, r.totals().records);
    }

    void testFileAppendedWhileReadIsReadToItsEndAndSaysSo()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("growing.jsonl");
        QVERIFY(writeFile(path, sampleLines(20000)));
        ReaderOptions options;
        options.pieceBytes = 16 << 10;
        QThreadPool pool;
        pool.setMaxThreadCount(2);
        options.pool = &pool;
        bool appended = false;
        JobControl control([&](const QString& stage, double) {
            if (stage == QLatin1String("Reading") && !appended) {
                appended = true;
                QFile file(path);
                QVERIFY(file.open(QIODevice::Append));
                file.write(QByteArray::fromStdString(visitLine("cust1", "2017-02-11T10:05:00Z") + "\n"));
            }
        });
        const ReadResult r = EventReader(options).read({path}, &control);
        QVERIFY(appended);
        QCOMPARE(r.inputProblems.size(), 1);
        QVERIFY(r.inputProblems.at(0).contains("changed while it was read"));
        QCOMPARE(r.totals().accepted, qint64(60001));
        QCOMPARE(r.totals().rejected, qint64(0));
    }

    // A pipe has no size to hold it to: it is read whole, without a "changed" warning.
    void testPipeIsReadWithoutAChangeWarning()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("events.fifo");
        QVERIFY(mkfifo(QFile::encodeName(path).constData(), 0600) == 0);
        const QByteArray bytes = sampleLines(2000);
        std::thread writer([&] {
            QFile fifo(path);
            if (fifo.open(QIODevice::WriteOnly))
                fifo.write(bytes);
        });
        const ReadResult r = EventReader().read({path});
        writer.join();
        QVERIFY2(r.inputProblems.isEmpty(), qPrintable(r.inputProblems.join('\n')));
        QCOMPARE(r.totals().accepted, qint64(6000));
    }

    void testUnchangedFileGivesNoProblem()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("still.jsonl");
        QVERIFY(writeFile(path, sampleLines(2000)));
        ReaderOptions options;
        options.pieceBytes = 16 << 10;
        const ReadResult r = EventReader(options).read({path});
        QVERIFY2(r.inputProblems.isEmpty(), qPrintable(r.inputProblems.join('\n')));
        QCOMPARE(r.totals().accepted, qint64(6000));
    }
};

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
