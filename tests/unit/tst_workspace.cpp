// The SQLite workspace (spec §6): real files in temporary folders, the real reader, pipeline
// and clv-etl binary; no mocks.
#include "WorkspaceTestSupport.h"

#include "LegacyWorkspace.h"
#include "io/PayloadHash.h"
#include "store/EventBlockCodec.h"
#include "store/WorkspaceRun.h"
#include "store/WorkspaceSchema.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QSqlRecord>

using namespace clv;
using namespace clv::test;

class TestWorkspace : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testSavedResultsReopenAsTheSameTables()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("w.clvdb");
        Parameters parameters;
        parameters.formula = LtvFormula::Weekly;
        parameters.weekStart = WeekStart::Monday;
        parameters.sessionGapSeconds = 45 * 60;
        parameters.lifespanYears = 5;
        parameters.topX = 7;
        TablesText saved;
        QByteArray rejected;
        {
            QString error;
            auto workspace = Workspace::open(path, &error);
            QVERIFY2(workspace, qPrintable(error));
            const IngestReport report = workspace->addFiles({kSeedInput, kChallengeInput});
            QVERIFY2(report.ok(), qPrintable(report.error));
            QCOMPARE(report.filesAdded, 2);
            const auto tables = analyseAndSave(*workspace, parameters);
            QVERIFY(tables);
            saved = textOf(*tables);
        }
        QString error;
        auto workspace = Workspace::open(path, &error);
        QVERIFY2(workspace, qPrintable(error));
        QCOMPARE(workspace->schemaVersion(), WorkspaceSchema::kCurrentVersion);
        QCOMPARE(workspace->storedParameters().value(), parameters);
        const std::shared_ptr<ReadResult> read = workspace->loadEvents(nullptr, &error);
        QVERIFY2(read, qPrintable(error));
        const auto reopened = workspace->loadResults(*read, &error);
        QVERIFY2(reopened, qPrintable(error));
        QCOMPARE(reopened->parameters, parameters);
        const TablesText again = textOf(*reopened);
        QCOMPARE(again.visits, saved.visits);
        QCOMPARE(again.weekly, saved.weekly);
        QCOMPARE(again.ltv, saved.ltv);
        QCOMPARE(again.names, saved.names);

        // And both equal a batch run over the same files, rejected lines included.
        const AnalysisOutcome direct = batch({kSeedInput, kChallengeInput}, false, parameters);
        QVERIFY(textOf(*direct.tables) == saved);
        QCOMPARE(rejectedText(*read), rejectedText(direct.read));
        QCOMPARE(read->rejections.size(), 2u);
        QCOMPARE(read->totals().lines, direct.read.totals().lines);
    }

    void testIncrementalIngestEqualsOneBatchOverAllFiles()
    {
        QTemporaryDir dir;
        const QStringList halves = splitSeed(dir);
        QString error;
        auto workspace = Workspace::open(dir.filePath("w.clvdb"), &error);
        QVERIFY2(workspace, qPrintable(error));
        QVERIFY(workspace->addFiles({halves[0]}).ok());
        QVERIFY(analyseAndSave(*workspace));
        QVERIFY(workspace->addFiles({halves[1]}).ok());
        const auto incremental = analyseAndSave(*workspace);
        QVERIFY(incremental);
        QCOMPARE(workspace->storedFileCount(), 2);
        QCOMPARE(workspace->storedEventCount(), 556);
        QVERIFY(textOf(*incremental) == textOf(*batch(halves, false).tables));
        QVERIFY(textOf(*incremental) == textOf(*batch({kSeedInput}, false).tables));
    }

    void testFileAlreadyIngestedIsSkippedWithAMessage()
    {
        QTemporaryDir dir;
        auto workspace = Workspace::open(dir.filePath("w.clvdb"), nullptr);
        QVERIFY(workspace);
        QCOMPARE(workspace->addFiles({kSeedInput}).filesAdded, 1);
        const IngestReport again = workspace->addFiles({kSeedInput});
        QVERIFY(again.ok());
        QCOMPARE(again.filesAdded, 0);
        QCOMPARE(again.filesSkipped, 1);
        QCOMPARE(again.messages, QStringList{"already in the workspace: " + kSeedInput});
        // The same bytes under another name are the same data.
        QVERIFY(QFile::copy(kSeedInput, dir.filePath("copy.txt")));
        const IngestReport copy = workspace->addFiles({dir.filePath("copy.txt")});
        QCOMPARE(copy.messages, QStringList{"already in the workspace: " + dir.filePath("copy.txt")});
        QCOMPARE(workspace->storedFileCount(), 1);
        QCOMPARE(workspace->storedEventCount(), 556);
    }

    // A file is hashed while it is read unless a stored file has its size: then it is hashed
    // first, and one stored already is not read at all.
    void testAFileOfAStoredSizeIsHashedBeforeItIsRead()
    {
        QTemporaryDir dir;
        auto workspace = Workspace::open(dir.filePath("w.clvdb"), nullptr);
        QVERIFY(workspace);
        QStringList stages;
        const JobControl control([&stages](const QString& stage, double) {
            if (stages.isEmpty() || stages.back() != stage)
                stages << stage;
        });
        QCOMPARE(workspace->addFiles({kSeedInput}, {}, &control).filesAdded, 1);
        QVERIFY2(stages.contains("Reading"), qPrintable(stages.join(',')));

        stages.clear();
        const IngestReport again = workspace->addFiles({kSeedInput}, {}, &control);
        QCOMPARE(again.filesSkipped, 1);
        QVERIFY2(stages.contains("Hashing") && !stages.contains("Reading"), qPrintable(stages.join(',')));

        // Other bytes of the same size are other data: read and stored.
        QFile seed(kSeedInput);
        QVERIFY(seed.open(QIODevice::ReadOnly));
        QByteArray bytes = seed.readAll();
        const qsizetype at = bytes.indexOf("\"customer_id\"");
        QVERIFY(at >= 0);
        bytes[at + 1] = 'C'; // a misspelt member: that line is rejected, the rest is the same
        QVERIFY(writeFile(dir.filePath("same-size.txt"), bytes));
        stages.clear();
        const IngestReport other = workspace->addFiles({dir.filePath("same-size.txt")}, {}, &control);
        QVERIFY(other.ok());
        QCOMPARE(other.filesAdded, 1);
        QVERIFY2(stages.indexOf("Hashing") < stages.indexOf("Reading"), qPrintable(stages.join(',')));
        QCOMPARE(workspace->storedFileCount(), 2);
    }

    void testDroppingDuplicatesGivesTheSameTablesInBatchAndWorkspace()
    {
        QTemporaryDir dir;
        const QStringList halves = splitSeed(dir);
        const AnalysisOutcome kept = batch(halves, false);
        const AnalysisOutcome dropped = batch(halves, true);
        QCOMPARE(kept.tables->events->size(), 556u); // the seed's repeated CUSTOMER records count
        QCOMPARE(dropped.tables->events->size(), 467u);
        QCOMPARE(dropped.duplicatesDropped, 89);

        auto workspace = Workspace::open(dir.filePath("w.clvdb"), nullptr);
        QVERIFY(workspace);
        QVERIFY(workspace->addFiles({halves[0]}).ok());
        QVERIFY(workspace->addFiles({halves[1]}).ok());
        QCOMPARE(workspace->storedEventCount(), 556); // stored whole: the option applies when counting
        workspace->setDropExactDuplicates(true);
        const auto withoutDuplicates = analyseAndSave(*workspace);
        QCOMPARE(withoutDuplicates->events->size(), 467u);
        QVERIFY(textOf(*withoutDuplicates) == textOf(*dropped.tables));

        // Results saved with the other setting are not this setting's results.
        workspace->setDropExactDuplicates(false);
        const std::shared_ptr<ReadResult> all = workspace->loadEvents();
        QCOMPARE(all->events->size(), 556u);
        QVERIFY(!workspace->loadResults(*all));
        QVERIFY(textOf(*Pipeline({}).run(all->events)) == textOf(*kept.tables));
    }

    void testArrayElementAndJsonLineAreTheSamePayload()
    {
        QCOMPARE(payloadText(" [{\"a\": 1},\r"), std::string_view("{\"a\": 1}"));
        QCOMPARE(payloadText("{\"a\": 1}]"), std::string_view("{\"a\": 1}"));
        QVERIFY(payloadHash("{\"a\": 1}", 0) != payloadHash("{\"a\": 1}", 1));

        QTemporaryDir dir;
        const std::string visit = test::visitLine("c1", "2017-02-13T10:00:00Z");
        const std::string order = test::orderLine("c1", "2017-02-13T10:05:00Z", "o1", "5.00 USD");
        QVERIFY(writeFile(dir.filePath("lines.jsonl"), QByteArray::fromStdString(visit + "\n" + order + "\n")));
        QVERIFY(writeFile(dir.filePath("array.json"), QByteArray::fromStdString("[" + visit + ",\n" + order + "]\n")));
        const QStringList inputs = {dir.filePath("lines.jsonl"), dir.filePath("array.json")};
        const AnalysisOutcome dropped = batch(inputs, true);
        QCOMPARE(dropped.duplicatesDropped, 2);

        auto workspace = Workspace::open(dir.filePath("w.clvdb"), nullptr);
        QVERIFY(workspace->addFiles(inputs).ok());
        workspace->setDropExactDuplicates(true);
        const auto tables = analyseAndSave(*workspace);
        QCOMPARE(tables->events->size(), 2u);
        QVERIFY(textOf(*tables) == textOf(*dropped.tables));
    }

    void testResultsOlderThanTheStoredEventsAreNotShown()
    {
        QTemporaryDir dir;
        const QStringList halves = splitSeed(dir);
        auto workspace = Workspace::open(dir.filePath("w.clvdb"), nullptr);
        QVERIFY(workspace->addFiles({halves[0]}).ok());
        QVERIFY(analyseAndSave(*workspace));
        QVERIFY(workspace->addFiles({halves[1]}).ok());
        const std::shared_ptr<ReadResult> read = workspace->loadEvents();
        QString error;
        QVERIFY(!workspace->loadResults(*read, &error));
        QVERIFY(error.isEmpty()); // stale is not an error: the caller re-runs
    }

    void testRerunWithTheStoredParametersWritesNothing()
    {
        QTemporaryDir dir;
        auto workspace = Workspace::open(dir.filePath("w.clvdb"), nullptr);
        const auto savedAt = [&] {
            QSqlQuery q(QSqlDatabase::database(workspace->connectionName()));
            return q.exec("SELECT saved_at FROM run_parameters") && q.next() ? q.value(0).toString() : QString();
        };
        AnalysisRequest request;
        request.inputs = {kSeedInput};
        const WorkspaceRunOutcome first = runWorkspaceAnalysis(*workspace, request);
        QVERIFY2(first.ok(), qPrintable(first.storeError));
        const QString firstSave = savedAt();
        QVERIFY(!firstSave.isEmpty());
        QTest::qWait(5);
        request.inputs.clear();
        const WorkspaceRunOutcome same = runWorkspaceAnalysis(*workspace, request);
        QVERIFY(same.ok());
        QCOMPARE(savedAt(), firstSave);
        QVERIFY(textOf(*same.analysis.tables) == textOf(*first.analysis.tables));
        request.parameters.formula = LtvFormula::Weekly;
        QVERIFY(runWorkspaceAnalysis(*workspace, request).ok());
        QVERIFY(savedAt() != firstSave);
        QCOMPARE(workspace->storedParameters()->formula, LtvFormula::Weekly);
    }

    void testCancelledIngestLeavesTheWorkspaceAsBefore()
    {
        QTemporaryDir dir;
        const QString big = dir.filePath("big.jsonl");
        QVERIFY(generateEvents(big, 3000));

        auto workspace = Workspace::open(dir.filePath("w.clvdb"), nullptr);
        QVERIFY(workspace->addFiles({kSeedInput}).ok());
        JobControl* self = nullptr;
        JobControl control([&self](const QString& stage, double fraction) {
            if (stage == QLatin1String("Storing") && fraction > 0)
                self->cancel();
        });
        self = &control;
        const IngestReport report = workspace->addFiles({big}, {}, &control);
        QVERIFY(report.cancelled);
        QCOMPARE(report.eventsAdded, 0);
        QCOMPARE(workspace->storedFileCount(), 1);
        QCOMPARE(workspace->storedEventCount(), 556);
        QCOMPARE(workspace->addFiles({big}).filesAdded, 1); // and the file can be added later
    }

    void testCancelledSaveKeepsThePreviousResults()
    {
        QTemporaryDir dir;
        QVERIFY(generateEvents(dir.filePath("events.jsonl"), 3000));
        auto workspace = Workspace::open(dir.filePath("w.clvdb"), nullptr);
        QVERIFY(workspace->addFiles({dir.filePath("events.jsonl")}).ok());
        const auto saved = analyseAndSave(*workspace);
        QVERIFY(saved);

        Parameters weekly;
        weekly.formula = LtvFormula::Weekly;
        const std::shared_ptr<ReadResult> read = workspace->loadEvents();
        const auto other = Pipeline(weekly).run(read->events);
        JobControl* self = nullptr;
        JobControl control([&self](const QString& stage, double fraction) {
            if (stage == QLatin1String("Saving") && fraction > 0)
                self->cancel();
        });
        self = &control;
        QString error;
        QVERIFY(!workspace->saveResults(*other, &error, &control));
        QCOMPARE(error, QStringLiteral("cancelled"));
        QCOMPARE(workspace->storedParameters()->formula, LtvFormula::Seed);
        QVERIFY(textOf(*workspace->loadResults(*read)) == textOf(*saved));
    }

    // A visits table of more than 200,000 rows is written from two threads: most rows through a
    // scratch file beside the workspace, copied in at the end. The tables are the batch run's,
    // a cancel while the scratch is filling keeps the previous results, and no scratch file
    // stays behind either way.
    void testBigVisitsTableWrittenFromTwoThreadsIsTheBatchRunsTable()
    {
        QTemporaryDir dir;
        const QString events = dir.filePath("events.jsonl");
        QVERIFY(generateEvents(events, 15000));
        const QStringList before = QDir(dir.path()).entryList(QDir::Files);
        auto workspace = Workspace::open(dir.filePath("w.clvdb"), nullptr);
        QVERIFY(workspace->addFiles({events}).ok());
        const std::shared_ptr<ReadResult> read = workspace->loadEvents();
        const std::shared_ptr<const ResultTables> saved = Pipeline(Parameters()).run(read->events);
        QVERIFY2(saved->visits.size() > 200000, "too few visits rows to be written from two threads");
        // Progress comes from the scratch's writer, which starts a little way in (after the
        // rows the workspace's own thread writes).
        double firstSaving = -1;
        JobControl watched([&firstSaving](const QString& stage, double fraction) {
            if (stage == QLatin1String("Saving") && firstSaving < 0)
                firstSaving = fraction;
        });
        QString error;
        QVERIFY2(workspace->saveResults(*saved, &error, &watched), qPrintable(error));
        QVERIFY2(firstSaving >= 0.05, qPrintable(QString::number(firstSaving)));
        const AnalysisOutcome direct = batch({events}, false);
        QVERIFY(textOf(*direct.tables) == textOf(*saved));
        QVERIFY(textOf(*workspace->loadResults(*read)) == textOf(*saved));
        QSqlQuery q(QSqlDatabase::database(workspace->connectionName()));
        QVERIFY(q.exec("SELECT COUNT(*), MIN(row_no), MAX(row_no) FROM result_visits") && q.next());
        QCOMPARE(q.value(0).toULongLong(), saved->visits.size());
        QCOMPARE(q.value(1).toULongLong(), 1u);
        QCOMPARE(q.value(2).toULongLong(), saved->visits.size());
        q.finish();
        QVERIFY(q.exec("PRAGMA database_list"));
        QStringList schemas;
        while (q.next())
            schemas << q.value(1).toString();
        q.finish();
        schemas.removeAll(QStringLiteral("temp"));
        QCOMPARE(schemas, QStringList{QStringLiteral("main")}); // the scratch is detached again

        Parameters weekly;
        weekly.formula = LtvFormula::Weekly;
        const auto other = Pipeline(weekly).run(read->events);
        JobControl* self = nullptr;
        JobControl control([&self](const QString& stage, double fraction) {
            if (stage == QLatin1String("Saving") && fraction > 0.5)
                self->cancel();
        });
        self = &control;
        QVERIFY(!workspace->saveResults(*other, &error, &control));
        QCOMPARE(error, QStringLiteral("cancelled"));
        QCOMPARE(workspace->storedParameters()->formula, LtvFormula::Seed);
        QVERIFY(textOf(*workspace->loadResults(*read)) == textOf(*saved));

        workspace.reset();
        QStringList after = QDir(dir.path()).entryList(QDir::Files);
        after.removeAll(QStringLiteral("w.clvdb-wal"));
        after.removeAll(QStringLiteral("w.clvdb-shm"));
        QCOMPARE(after, QStringList(before) << QStringLiteral("w.clvdb"));
    }

    // A save killed while its scratch file was being written leaves the file behind; the next
    // save removes it. A scratch whose process still runs may be in use and is kept, and so is
    // anything not named like a scratch.
    void testScratchFilesOfEndedProcessesAreRemovedByTheNextSave()
    {
        QTemporaryDir dir;
        auto workspace = Workspace::open(dir.filePath("w.clvdb"), nullptr);
        QVERIFY(workspace->addFiles({kSeedInput}).ok());
        QProcess ended;
        ended.start(QStringLiteral("true"), QStringList());
        QVERIFY(ended.waitForStarted());
        const qint64 endedPid = ended.processId();
        QVERIFY(ended.waitForFinished());
        const QString leftover = dir.filePath(QStringLiteral("w.clvdb-scratch-%1-a1B2c3").arg(endedPid));
        const QString inUse = dir.filePath(
            QStringLiteral("w.clvdb-scratch-%1-d4E5f6").arg(QCoreApplication::applicationPid()));
        const QString notScratch = dir.filePath(QStringLiteral("w.clvdb-scratch-notes.txt"));
        const QString otherWorkspace = dir.filePath(QStringLiteral("x.clvdb-scratch-%1-a1B2c3").arg(endedPid));
        for (const QString& file : {leftover, inUse, notScratch, otherWorkspace})
            QVERIFY(writeFile(file, "scratch"));
        QVERIFY(analyseAndSave(*workspace));
        QVERIFY(!QFile::exists(leftover));
        QVERIFY(QFile::exists(inUse));
        QVERIFY(QFile::exists(notScratch));
        QVERIFY(QFile::exists(otherWorkspace));
    }

    void testNewWorkspaceHasTheCurrentSchema()
    {
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.filePath("empty.clvdb"), QByteArray())); // an empty file is an empty database
        auto workspace = Workspace::open(dir.filePath("empty.clvdb"), nullptr);
        QVERIFY(workspace);
        QCOMPARE(workspace->schemaVersion(), WorkspaceSchema::kCurrentVersion);
        QSqlDatabase db = QSqlDatabase::database(workspace->connectionName());
        for (const QString& table : WorkspaceSchema::tables())
            QVERIFY2(db.tables().contains(table), qPrintable(table));
        QSqlQuery q(db);
        QVERIFY(q.exec("PRAGMA journal_mode") && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
        QVERIFY(q.exec("PRAGMA page_size") && q.next()); // large pages for the event blocks
        QCOMPARE(q.value(0).toInt(), 65536);
    }

    void testAttachedConnectionWorksAsAWorkspace()
    {
        // The path a shared PostgreSQL store takes (QPSQL), driven here through a plain
        // SQLite connection: no pragmas, no file checks, the same schema and statements.
        QTemporaryDir dir;
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("team"));
        db.setDatabaseName(dir.filePath("team.db"));
        QVERIFY(db.open());
        db = QSqlDatabase(); // the workspace takes the connection over
        QString error;
        auto workspace = Workspace::attach(QStringLiteral("team"), &error);
        QVERIFY2(workspace, qPrintable(error));
        QVERIFY(workspace->addFiles({kSeedInput}).ok());
        const auto tables = analyseAndSave(*workspace);
        QVERIFY(textOf(*tables) == textOf(*batch({kSeedInput}, false).tables));
        workspace.reset();
        QVERIFY(!QSqlDatabase::contains(QStringLiteral("team")));

        withRawConnection(dir.filePath("team.db"), [](QSqlDatabase& raw) {
            QVERIFY(QSqlQuery(raw).exec(
                QStringLiteral("UPDATE schema_info SET version = %1").arg(WorkspaceSchema::kCurrentVersion + 1)));
        });
        db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("team"));
        db.setDatabaseName(dir.filePath("team.db"));
        QVERIFY(db.open());
        db = QSqlDatabase();
        QVERIFY(!Workspace::attach(QStringLiteral("team"), &error));
        QVERIFY2(error.contains(kNewerMessage), qPrintable(error));
        QVERIFY(!QSqlDatabase::contains(QStringLiteral("team")));
    }

    void testNewerSchemaIsRefusedAndLeftUntouched()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("w.clvdb");
        QVERIFY(Workspace::open(path, nullptr)->addFiles({kSeedInput}).ok());
        withRawConnection(path, [](QSqlDatabase& db) {
            QVERIFY(QSqlQuery(db).exec(
                QStringLiteral("UPDATE schema_info SET version = %1").arg(WorkspaceSchema::kCurrentVersion + 1)));
        });
        const QByteArray before = readAll(path);
        QString error;
        WorkspaceOpenFailure failure = WorkspaceOpenFailure::None;
        QVERIFY(!Workspace::open(path, &error, WorkspaceOpenMode::CreateIfMissing, &failure));
        QCOMPARE(failure, WorkspaceOpenFailure::Refused);
        QVERIFY2(error.contains(kNewerMessage), qPrintable(error));
        const Run run = runEtl({"--from-workspace", path, "-o", dir.filePath("out")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(kNewerMessage), qPrintable(run.err));
        QCOMPARE(readAll(path), before);
    }

    void testSchema4EventRowsBecomeBlocksWithTheirIds()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("w.clvdb");
        const QString generated = dir.filePath("generated.jsonl");
        QVERIFY(generateEvents(generated, 5000)); // more events than one block holds
        const QStringList files{kSeedInput, kChallengeInput, generated};
        makeSchema4Workspace(path, files, 1000);
        qint64 rows = 0;
        withRawConnection(path, [&rows](QSqlDatabase& db) {
            QSqlQuery q(db);
            QVERIFY(q.exec("SELECT COUNT(*) FROM events") && q.next());
            rows = q.value(0).toLongLong();
        });
        QVERIFY(rows > qint64(EventBlockCodec::kEventsPerBlock));

        QString error;
        auto workspace = Workspace::open(path, &error, WorkspaceOpenMode::ExistingOnly);
        QVERIFY2(workspace, qPrintable(error));
        QCOMPARE(workspace->schemaVersion(), WorkspaceSchema::kCurrentVersion);
        QCOMPARE(workspace->storedEventCount(), rows);
        // The same tables as a batch run, and without duplicates the same as a batch run
        // without them: the raw lines came across whole, and were hashed as the reader hashes.
        for (const bool drop : {false, true}) {
            workspace->setDropExactDuplicates(drop);
            const std::shared_ptr<ReadResult> read = workspace->loadEvents(nullptr, &error);
            QVERIFY2(read, qPrintable(error));
            const AnalysisOutcome expected = batch(files, drop);
            QVERIFY(textOf(*Pipeline(Parameters{}).run(read->events)) == textOf(*expected.tables));
            QCOMPARE(rejectedText(*read), rejectedText(expected.read));
        }
        // Ids kept: the next file's events count on from the last converted one.
        QVERIFY(workspace->addFiles({dir.filePath("more.jsonl")}).problems.size() == 1); // no such file
        const QString more = dir.filePath("more.jsonl");
        QVERIFY(generateEvents(more, 50));
        QVERIFY(workspace->addFiles({more}).ok());
        workspace.reset();
        withRawConnection(path, [rows](QSqlDatabase& db) {
            QVERIFY(!db.tables().contains("events"));
            QVERIFY(!db.tables().contains("event_payloads"));
            QVERIFY(!db.tables().contains("event_lines"));
            QSqlQuery q(db);
            QVERIFY(q.exec("SELECT MIN(first_event_id) FROM event_blocks") && q.next());
            QCOMPARE(q.value(0).toLongLong(), 1000);
            QVERIFY(q.exec("SELECT first_event_id FROM event_blocks ORDER BY id DESC LIMIT 1") && q.next());
            QCOMPARE(q.value(0).toLongLong(), 1000 + rows);
            // An older file keeps the page size it was made with.
            QVERIFY(q.exec("PRAGMA page_size") && q.next());
            QCOMPARE(q.value(0).toInt(), 4096);
        });
    }

    // Each event's hash as the workspace stores it, in event order.
    static std::vector<std::uint64_t> storedPayloadHashes(const QString& path)
    {
        std::vector<std::uint64_t> stored;
        withRawConnection(path, [&stored](QSqlDatabase& db) {
            QSqlQuery q(db);
            QVERIFY(q.exec("SELECT b.event_count, h.hashes FROM event_blocks b JOIN event_payload_hashes h "
                           "ON h.block_id = b.id ORDER BY b.first_event_id"));
            while (q.next()) {
                std::vector<std::uint64_t> block(q.value(0).toULongLong());
                QString why;
                QVERIFY2(EventBlockCodec::decodePayloadHashes(q.value(1).toByteArray(), block.size(), block.data(),
                                                              &why),
                         qPrintable(why));
                stored.insert(stored.end(), block.begin(), block.end());
            }
        });
        return stored;
    }

    // The hashes the reader keeps for `files`, read one after the other.
    static std::vector<std::uint64_t> readerPayloadHashes(const QStringList& files)
    {
        ReaderOptions options;
        options.payloadHashes = true;
        std::vector<std::uint64_t> hashes;
        for (const QString& file : files) {
            const ReadResult read = EventReader(options).read({file});
            hashes.insert(hashes.end(), read.payloadHashes.begin(), read.payloadHashes.end());
        }
        return hashes;
    }

    // A file of more events than a block holds: every block keeps its own events' hashes.
    void testStoredPayloadHashesAreTheReadersInEveryBlock()
    {
        QTemporaryDir dir;
        const QString generated = dir.filePath("generated.jsonl");
        QVERIFY(generateEvents(generated, 5000));
        const QStringList files{kSeedInput, generated};
        QVERIFY(Workspace::open(dir.filePath("w.clvdb"), nullptr)->addFiles(files).ok());
        const std::vector<std::uint64_t> expected = readerPayloadHashes(files);
        QVERIFY(expected.size() > 556 + EventBlockCodec::kEventsPerBlock);
        QVERIFY(storedPayloadHashes(dir.filePath("w.clvdb")) == expected);
    }

    // Schema 5 kept raw lines; opened, they become the hashes the reader would have kept, and
    // the lines go. A line holding a JSON array gives several events, told apart by place, also
    // when a block ends among them; a file's first event is its line's first, even on the line
    // number where the file before ended.
    void testSchema5RawLinesBecomeTheReadersPayloadHashes()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("w.clvdb");
        const QString arrays = dir.filePath("arrays.json");
        const std::string visit = test::visitLine("c1", "2017-02-13T10:00:00Z");
        const std::string order = test::orderLine("c1", "2017-02-13T10:05:00Z", "o1", "5.00 USD");
        const std::vector<std::string> arrayLines = {"[" + visit + ", " + order + ", " + visit + "]", visit,
                                                     " " + order + "\r"};
        QVERIFY(writeFile(arrays, QByteArray::fromStdString(test::joinLines(arrayLines))));
        const QString late = dir.filePath("late.jsonl");
        QVERIFY(writeFile(late, QByteArray::fromStdString("not an event\nnot one either\n" + order + "\n")));
        const QStringList files{kSeedInput, arrays, late, kChallengeInput};
        withRawConnection(path, [&](QSqlDatabase& db) {
            fillSchema4Workspace(db, files);
            QString error;
            QVERIFY2(WorkspaceSchema::upgrade(db, WorkspaceSchema::steps(), 5, &error), qPrintable(error));
            QVERIFY(db.tables().contains("event_lines"));
            QVERIFY(!db.tables().contains("event_payload_hashes"));
            // The arrays file's block cut in two after the array's second record, as a block
            // that ends where it is full is cut: both halves keep the array's line.
            ReadResult read = EventReader().read({arrays});
            QCOMPARE(read.events->size(), 5u);
            QSqlQuery q(db);
            QVERIFY(q.exec("SELECT id, first_event_id FROM event_blocks WHERE file_id = 2") && q.next());
            const qint64 id = q.value(0).toLongLong();
            const qint64 first = q.value(1).toLongLong();
            QVERIFY(q.prepare("UPDATE event_blocks SET event_count = 2, last_line = 1, events = ? WHERE id = ?"));
            q.addBindValue(EventBlockCodec::encodeEvents(*read.events, 0, 2));
            q.addBindValue(id);
            QVERIFY(q.exec());
            QVERIFY(q.prepare("UPDATE event_lines SET lines = ? WHERE block_id = ?"));
            q.addBindValue(EventBlockCodec::encodeLines(arrayLines[0] + "\n"));
            q.addBindValue(id);
            QVERIFY(q.exec());
            QVERIFY(q.prepare("INSERT INTO event_blocks (id, file_id, first_event_id, event_count, first_line, "
                              "last_line, events) VALUES (100, 2, ?, 3, 1, 3, ?)"));
            q.addBindValue(first + 2);
            q.addBindValue(EventBlockCodec::encodeEvents(*read.events, 2, 3));
            QVERIFY(q.exec());
            QVERIFY(q.prepare("INSERT INTO event_lines (block_id, lines) VALUES (100, ?)"));
            q.addBindValue(EventBlockCodec::encodeLines(test::joinLines(arrayLines)));
            QVERIFY(q.exec());
        });

        QString error;
        auto workspace = Workspace::open(path, &error, WorkspaceOpenMode::ExistingOnly);
        QVERIFY2(workspace, qPrintable(error));
        QCOMPARE(workspace->schemaVersion(), WorkspaceSchema::kCurrentVersion);
        workspace.reset();

        const std::vector<std::uint64_t> expected = readerPayloadHashes(files);
        QCOMPARE(expected.size(), 556u + 5u + 1u + 2u);
        QVERIFY(storedPayloadHashes(path) == expected);
        withRawConnection(path, [](QSqlDatabase& db) { QVERIFY(!db.tables().contains("event_lines")); });
    }

    // A schema 5 block without its raw lines cannot be hashed: the file is refused and stays
    // a schema 5 workspace.
    void testSchema5BlockWithoutRawLinesIsRefusedAndLeftUntouched()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("w.clvdb");
        withRawConnection(path, [](QSqlDatabase& db) {
            fillSchema4Workspace(db, {kSeedInput});
            QString error;
            QVERIFY2(WorkspaceSchema::upgrade(db, WorkspaceSchema::steps(), 5, &error), qPrintable(error));
            QSqlQuery q(db);
            QVERIFY(q.exec("DELETE FROM event_lines"));
        });
        QString error;
        QVERIFY(!Workspace::open(path, &error, WorkspaceOpenMode::ExistingOnly));
        QVERIFY2(error.contains("from schema 5 to 6") && error.contains("has no raw lines"), qPrintable(error));
        withRawConnection(path, [](QSqlDatabase& db) {
            QString why;
            QCOMPARE(WorkspaceSchema::storedVersion(db, &why), 5);
            QVERIFY(db.tables().contains("event_lines"));
            QVERIFY(!db.tables().contains("event_payload_hashes"));
            QSqlQuery q(db);
            QVERIFY(q.exec("SELECT SUM(event_count) FROM event_blocks") && q.next());
            QCOMPARE(q.value(0).toInt(), 556);
        });
    }

    void testSchemaStepsRunInOneTransaction()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("w.clvdb");
        QVERIFY(Workspace::open(path, nullptr)->addFiles({kSeedInput}).ok());
        withRawConnection(path, [](QSqlDatabase& db) {
            constexpr int current = WorkspaceSchema::kCurrentVersion;
            std::vector<SchemaStep> broken = WorkspaceSchema::steps();
            broken.push_back({current, {"ALTER TABLE customers ADD COLUMN segment TEXT", "THIS IS NOT SQL"}});
            QString error;
            QVERIFY(!WorkspaceSchema::upgrade(db, broken, current + 1, &error));
            QVERIFY2(error.contains(QStringLiteral("from schema %1 to %2").arg(current).arg(current + 1)),
                     qPrintable(error));
            QCOMPARE(WorkspaceSchema::storedVersion(db, &error), current);
            QVERIFY(!db.record("customers").contains("segment"));

            std::vector<SchemaStep> next = WorkspaceSchema::steps();
            next.push_back({current, {"ALTER TABLE customers ADD COLUMN segment TEXT"}});
            QVERIFY2(WorkspaceSchema::upgrade(db, next, current + 1, &error), qPrintable(error));
            QCOMPARE(WorkspaceSchema::storedVersion(db, &error), current + 1);
            QVERIFY(db.record("customers").contains("segment"));
            QSqlQuery q(db);
            QVERIFY(q.exec("SELECT SUM(event_count) FROM event_blocks") && q.next());
            QCOMPARE(q.value(0).toInt(), 556);
        });
        QString error;
        QVERIFY(!Workspace::open(path, &error));
        QVERIFY2(error.contains(QStringLiteral("(schema %1, this program reads up to %2)")
                                    .arg(WorkspaceSchema::kCurrentVersion + 1)
                                    .arg(WorkspaceSchema::kCurrentVersion)),
                 qPrintable(error));
    }

    void testVersion1FileGainsTheCustomerIndexesWhenOpened()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("w.clvdb");
        makeSchema4Workspace(path, {kSeedInput});
        // Made as version 1 files were: without the indexes of version 2 (nor the fit tables of
        // version 4).
        withRawConnection(path, [](QSqlDatabase& db) {
            QSqlQuery q(db);
            for (const QString& table : WorkspaceSchema::predictionTables())
                QVERIFY(q.exec("DROP TABLE " + table));
            QVERIFY(q.exec("DROP INDEX result_ltv_by_customer"));
            QVERIFY(q.exec("DROP INDEX result_weekly_by_customer"));
            QVERIFY(q.exec("UPDATE schema_info SET version = 1"));
        });
        QString error;
        auto workspace = Workspace::open(path, &error, WorkspaceOpenMode::ExistingOnly);
        QVERIFY2(workspace, qPrintable(error));
        QCOMPARE(workspace->schemaVersion(), WorkspaceSchema::kCurrentVersion);
        QCOMPARE(workspace->storedEventCount(), 556);
        workspace.reset();
        withRawConnection(path, [](QSqlDatabase& db) {
            QSqlQuery q(db);
            QVERIFY(q.exec("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name LIKE '%_by_customer' "
                           "AND tbl_name IN ('result_ltv', 'result_weekly')"));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), 2);
            QCOMPARE(WorkspaceSchema::storedVersion(db, nullptr), WorkspaceSchema::kCurrentVersion);
        });
    }

    void testVersion2FileDropsItsCentResultsAndGainsTheNotebookAmountsWhenOpened()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("w.clvdb");
        const QString fresh = dir.filePath("fresh.clvdb");
        QVERIFY(Workspace::open(fresh, nullptr));
        makeSchema4Workspace(path, {kSeedInput});
        // Made as version 2 files were: a weekly table without amount_per_week, and results
        // computed from cents (and no fit tables, which came with version 4).
        withRawConnection(path, [](QSqlDatabase& db) {
            QSqlQuery q(db);
            QVERIFY(q.exec("INSERT INTO run_parameters VALUES (1, 'seed', 1800, 'monday', 10, 10, 0, 556, 'then')"));
            QVERIFY(q.exec("INSERT INTO result_ltv VALUES (1, 'someone', 1.5, 1, 1, 150, 1, 1, 0, 0)"));
            for (const QString& table : WorkspaceSchema::predictionTables())
                QVERIFY(q.exec("DROP TABLE " + table));
            QVERIFY(q.exec("ALTER TABLE result_weekly DROP COLUMN amount_per_week"));
            QVERIFY(q.exec("UPDATE schema_info SET version = 2"));
        });
        auto columns = [](const QString& file) {
            QStringList names;
            withRawConnection(file, [&names](QSqlDatabase& db) {
                QSqlQuery q(db);
                QVERIFY(q.exec("SELECT name, type, \"notnull\" FROM pragma_table_info('result_weekly') ORDER BY cid"));
                while (q.next())
                    names << q.value(0).toString() + ' ' + q.value(1).toString() + ' ' + q.value(2).toString();
            });
            return names;
        };
        QVERIFY(!columns(path).join(',').contains("amount_per_week"));

        QString error;
        auto workspace = Workspace::open(path, &error, WorkspaceOpenMode::ExistingOnly);
        QVERIFY2(workspace, qPrintable(error));
        QCOMPARE(workspace->schemaVersion(), WorkspaceSchema::kCurrentVersion);
        QCOMPARE(workspace->storedEventCount(), 556);
        QVERIFY(!workspace->storedParameters()); // the results made from cents are gone ...
        std::shared_ptr<ReadResult> read = workspace->loadEvents(nullptr, &error);
        QVERIFY2(read, qPrintable(error));
        QVERIFY(!workspace->loadResults(*read));
        // ... so the next run saves its own, and they reopen as the batch run's tables.
        const auto tables = analyseAndSave(*workspace);
        QVERIFY(tables);
        read = workspace->loadEvents(nullptr, &error);
        QVERIFY2(read, qPrintable(error));
        const auto reopened = workspace->loadResults(*read, &error);
        QVERIFY2(reopened, qPrintable(error));
        QVERIFY(textOf(*reopened) == textOf(*batch({kSeedInput}, false).tables));
        QVERIFY(textOf(*reopened).weekly.contains("b033af15661d,2,4,171.32999999999998,42.832499999999996\n"));
        workspace.reset();

        // The same table, column for column, and index, as a new workspace's.
        QCOMPARE(columns(path), columns(fresh));
        QVERIFY(columns(path).contains("amount_per_week DOUBLE PRECISION 1"));
        withRawConnection(path, [](QSqlDatabase& db) {
            QSqlQuery q(db);
            QVERIFY(q.exec("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' "
                           "AND name = 'result_weekly_by_customer'"));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), 1);
        });
    }

    void testDamagedOrForeignFileIsRefusedAndLeftUntouched_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QByteArray random(64 * 1024, Qt::Uninitialized);
        QRandomGenerator generator(42);
        for (char& c : random)
            c = static_cast<char>(generator.bounded(256));
        QTest::newRow("random bytes") << random;
        QTest::newRow("text file") << QByteArray("just some notes, not a database\n").repeated(100);
        QTest::newRow("SQLite header, then garbage") << QByteArray("SQLite format 3", 16) + random;
        QTest::newRow("another program's database") << QByteArray(); // made in the test below
    }
    void testDamagedOrForeignFileIsRefusedAndLeftUntouched()
    {
        QFETCH(QByteArray, bytes);
        QTemporaryDir dir;
        const QString path = dir.filePath("w.clvdb");
        if (bytes.isEmpty())
            withRawConnection(path,
                              [](QSqlDatabase& db) { QVERIFY(QSqlQuery(db).exec("CREATE TABLE notes (x TEXT)")); });
        else
            QVERIFY(writeFile(path, bytes));
        const QByteArray before = readAll(path);
        QString error;
        WorkspaceOpenFailure failure = WorkspaceOpenFailure::None;
        QVERIFY(!Workspace::open(path, &error, WorkspaceOpenMode::CreateIfMissing, &failure));
        QCOMPARE(failure, WorkspaceOpenFailure::Refused);
        qInfo("%s", qPrintable(error));
        QVERIFY2(error.contains(path) && (error.contains("not a CLV Studio workspace") || error.contains("damaged")),
                 qPrintable(error));
        const Run run = runEtl({"--workspace", path, kSeedInput, "-o", dir.filePath("out")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains("cannot open the workspace"));
        QCOMPARE(readAll(path), before);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"w.clvdb"}); // no journal, no WAL
    }

    void testDamagedPagesGiveAClearErrorAndStayUntouched()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("w.clvdb");
        QVERIFY(Workspace::open(path, nullptr)->addFiles({kSeedInput}).ok());
        QByteArray bytes = readAll(path);
        QVERIFY(bytes.size() > 20 * 4096);
        QRandomGenerator generator(7);
        for (qsizetype i = 3 * 4096; i < 20 * 4096; ++i) // the header and schema pages stay readable
            bytes[i] = static_cast<char>(generator.bounded(256));
        QVERIFY(writeFile(path, bytes));

        QString error;
        if (auto workspace = Workspace::open(path, &error)) {
            QVERIFY(!workspace->loadEvents(nullptr, &error));
            QVERIFY(!workspace->addFiles({kChallengeInput}).ok());
        }
        QVERIFY2(error.contains("malformed"), qPrintable(error));
        const Run stored = runEtl({"--from-workspace", path, "-o", dir.filePath("out")});
        QCOMPARE(stored.exitCode, 2);
        QVERIFY2(stored.err.contains("malformed"), qPrintable(stored.err));
        const Run add = runEtl({"--workspace", path, kChallengeInput, "-o", dir.filePath("out")});
        QCOMPARE(add.exitCode, 2);
        QCOMPARE(readAll(path), bytes);
    }

    void testUnwritableLocationIsReported()
    {
        // Tests run as root, who may write anywhere: a "folder" that is a regular file stops everyone.
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.filePath("plain-file"), "x"));
        const QString path = dir.filePath("plain-file/w.clvdb");
        QString error;
        WorkspaceOpenFailure failure = WorkspaceOpenFailure::None;
        QVERIFY(!Workspace::open(path, &error, WorkspaceOpenMode::CreateIfMissing, &failure));
        QCOMPARE(failure, WorkspaceOpenFailure::Unwritable);
        QVERIFY2(error.contains("is not a folder that a file can be created in"), qPrintable(error));
        const Run run = runEtl({"--workspace", path, kSeedInput, "-o", dir.filePath("out")});
        QCOMPARE(run.exitCode, 3);
        QVERIFY(run.err.contains("cannot open the workspace"));
    }

    void testKilledWhileSavingLeavesThePreviousWorkspace()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("w.clvdb");
        QCOMPARE(runEtl({"--workspace", path, kSeedInput, "-o", dir.filePath("out1"), "--quiet"}).exitCode, 0);
        TablesText before;
        {
            auto workspace = Workspace::open(path, nullptr);
            const auto read = workspace->loadEvents();
            before = textOf(*workspace->loadResults(*read));
        }

        QFile big(dir.filePath("big.jsonl"));
        QVERIFY(generateEvents(big.fileName(), 40000));
        QString error;

        QProcess etl;
        etl.start(QStringLiteral(CLV_ETL_BINARY), {"--workspace", path, big.fileName(), "-o", dir.filePath("out2")});
        QVERIFY(etl.waitForStarted());
        // Kill once the uncommitted transaction is spilling into the write-ahead log.
        QElapsedTimer clock;
        clock.start();
        qint64 walBytes = 0;
        while (etl.state() != QProcess::NotRunning && clock.elapsed() < 120000) {
            walBytes = QFileInfo(path + "-wal").size();
            if (walBytes > (4 << 20))
                break;
            etl.waitForFinished(10);
        }
        QVERIFY2(etl.state() != QProcess::NotRunning, "clv-etl finished before it could be killed");
        qInfo("killing clv-etl after %lld ms, with %lld bytes in the write-ahead log", clock.elapsed(), walBytes);
        etl.kill();
        etl.waitForFinished();
        QCOMPARE(etl.exitStatus(), QProcess::CrashExit);
        QVERIFY2(walBytes > (4 << 20), "killed before the write-ahead log grew");

        // The log grows as the ingest commits (its pages fit the cache until then), so the kill
        // lands in that commit or, on a quick machine, just after it, while the results are
        // written. Either way the workspace is whole: the earlier state with its results, or
        // the new file committed and the earlier results no longer shown as current.
        auto workspace = Workspace::open(path, &error);
        QVERIFY2(workspace, qPrintable(error));
        const qint64 files = workspace->storedFileCount();
        const auto read = workspace->loadEvents();
        QVERIFY(read);
        const auto tables = workspace->loadResults(*read);
        workspace.reset();
        const Run rerun = runEtl({"--from-workspace", path, "-o", dir.filePath("out3")});
        QCOMPARE(rerun.exitCode, 0);
        if (files == 1) {
            qInfo("killed within the ingest's commit");
            QCOMPARE(read->events->size(), std::size_t{556});
            QVERIFY(tables && textOf(*tables) == before);
            QVERIFY(rerun.out.contains("Read 556 records from 1 file(s)"));
        } else {
            qInfo("killed after the ingest's commit");
            QCOMPARE(files, qint64{2});
            QVERIFY(!tables || textOf(*tables) != before);
            QCOMPARE(runEtl({kSeedInput, big.fileName(), "-o", dir.filePath("batch"), "--quiet"}).exitCode, 0);
            for (const char* file : {"output_t1.txt", "output_ltv_specs.txt", "output_ltv_final.txt"})
                QVERIFY(readAll(dir.filePath("out3/") + file) == readAll(dir.filePath("batch/") + file));
        }
    }

    void testOneFileIntoAnEmptyWorkspaceIsAnalysedAsItWasRead()
    {
        // The events just read and stored are handed to the analysis as read, not unpacked
        // again: what the analysis gets must be what loading them back gives.
        QTemporaryDir dir;
        const QString input = dir.filePath("events.jsonl");
        QVERIFY(writeFile(input, readAll(kChallengeInput) + "\xff\xfe not UTF-8, not JSON\n"));
        QStringList stages;
        const JobControl control([&](const QString& stage, double) { stages << stage; });
        const QString path = dir.filePath("w.clvdb");
        QString error;
        auto workspace = Workspace::open(path, &error);
        QVERIFY2(workspace, qPrintable(error));
        QVERIFY(workspace->addFiles({input}).ok());
        const auto asRead = workspace->loadEvents(&control);
        QVERIFY(asRead);
        QVERIFY2(!stages.contains("Loading"), "the events just stored were unpacked again");
        const auto again = workspace->loadEvents(&control); // only once: then from the blocks
        QVERIFY(again && again->events != asRead->events && stages.contains("Loading"));

        auto reopened = Workspace::open(path, &error, WorkspaceOpenMode::ExistingOnly);
        QVERIFY2(reopened, qPrintable(error));
        const auto loaded = reopened->loadEvents();
        QVERIFY(loaded);
        QCOMPARE(asRead->files.size(), std::size_t{1});
        QCOMPARE(asRead->files[0].path, loaded->files[0].path);
        QCOMPARE(asRead->files[0].display, loaded->files[0].display);
        QCOMPARE(asRead->files[0].bytes, loaded->files[0].bytes);
        QCOMPARE(asRead->bytesRead, loaded->bytesRead);
        const FileStats a = asRead->totals();
        const FileStats b = loaded->totals();
        QVERIFY(a.lines == b.lines && a.records == b.records && a.accepted == b.accepted && a.rejected == b.rejected);
        QVERIFY(a.rejected > 0);
        QCOMPARE(rejectedText(*asRead), rejectedText(*loaded));
        QCOMPARE(eventsText(*asRead->events), eventsText(*loaded->events));
        QVERIFY(textOf(*Pipeline({}).run(asRead->events)) == textOf(*Pipeline({}).run(loaded->events)));

        // Two files: loaded from the blocks as ever.
        const QStringList halves = splitSeed(dir);
        auto two = Workspace::open(dir.filePath("two.clvdb"), &error);
        QVERIFY2(two, qPrintable(error));
        QCOMPARE(two->addFiles(halves).filesAdded, 2);
        stages.clear();
        QVERIFY(two->loadEvents(&control));
        QVERIFY(stages.contains("Loading"));
    }

    void testNewWorkspaceIsBuiltAsideAndAppearsOnlyWhenWhole()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("new.clvdb");
        QFile big(dir.filePath("big.jsonl"));
        QVERIFY(generateEvents(big.fileName(), 40000));

        QProcess etl;
        etl.start(QStringLiteral(CLV_ETL_BINARY), {"--workspace", path, big.fileName(), "-o", dir.filePath("out1")});
        QVERIFY(etl.waitForStarted());
        // Killed while its staging grows: nothing may be at the workspace's name yet.
        QElapsedTimer clock;
        clock.start();
        // The staged file itself; its scratch file (NAME-scratch-PID-X) may be there too.
        const QRegularExpression stagedName(QStringLiteral("\\.saving-%1-[a-z0-9]+$").arg(etl.processId()));
        QString staged;
        while (etl.state() != QProcess::NotRunning && clock.elapsed() < 120000) {
            staged.clear();
            for (const QString& file : stagingFilesOf(path))
                if (stagedName.match(file).hasMatch())
                    staged = file;
            if (!staged.isEmpty() && QFileInfo(staged).size() > (4 << 20))
                break;
            etl.waitForFinished(10);
        }
        QVERIFY2(etl.state() != QProcess::NotRunning, "clv-etl finished before it could be killed");
        QVERIFY2(!QFile::exists(path), "the workspace appeared before it was whole");
        for (const QString& file : stagingFilesOf(path))
            QVERIFY2(!file.endsWith("-wal"), "the staging is written through a write-ahead log");
        etl.kill();
        etl.waitForFinished();
        QCOMPARE(etl.exitStatus(), QProcess::CrashExit);
        QVERIFY(!QFile::exists(path));
        // What the killed build left goes, its scratch file with it; a running program's
        // staging is left alone by another build of the same target.
        QVERIFY(writeFile(QStringLiteral("%1-scratch-%2-a1b2c3").arg(staged).arg(etl.processId()), "rows"));
        QVERIFY(writeFile(path + ".saving-1-abcdef", "init's")); // pid 1 runs

        // The next run over the same name starts afresh and puts the whole workspace in place.
        QCOMPARE(runEtl({big.fileName(), "-o", dir.filePath("batch"), "--quiet"}).exitCode, 0);
        const Run built = runEtl({"--workspace", path, big.fileName(), "-o", dir.filePath("out2")});
        QCOMPARE(built.exitCode, 0);
        QVERIFY2(built.out.contains("Workspace " + QDir::toNativeSeparators(path) + ":"), qPrintable(built.out));
        QCOMPARE(stagingFilesOf(path), QStringList{path + ".saving-1-abcdef"}); // the killed one's is gone
        for (const char* file : {"output_t1.txt", "output_ltv_specs.txt", "output_ltv_final.txt"})
            QVERIFY(readAll(dir.filePath("out2/") + file) == readAll(dir.filePath("batch/") + file));
        {
            QString error;
            auto workspace = Workspace::open(path, &error, WorkspaceOpenMode::ExistingOnly);
            QVERIFY2(workspace, qPrintable(error));
            const QJsonObject counts
                = QJsonDocument::fromJson(readAll(dir.filePath("batch/run.json"))).object().value("counts").toObject();
            QCOMPARE(workspace->storedEventCount(), counts.value("accepted").toInteger());
        }
        const Run reopened = runEtl({"--from-workspace", path, "-o", dir.filePath("out3")});
        QCOMPARE(reopened.exitCode, 0);
        QVERIFY(readAll(dir.filePath("out3/output_t1.txt")) == readAll(dir.filePath("batch/output_t1.txt")));

        // A run that fails leaves no workspace behind either.
        const QString other = dir.filePath("other.clvdb");
        QVERIFY(writeFile(dir.filePath("bad.jsonl"), "not json\n"));
        const Run failed = runEtl(
            {"--workspace", other, dir.filePath("bad.jsonl"), "--strict", "-o", dir.filePath("out4")});
        QCOMPARE(failed.exitCode, 2);
        QVERIFY(!QFile::exists(other));
        QVERIFY(stagingFilesOf(other).isEmpty());
    }

    void testCliWorkspaceAddsFilesAndAnalysesEverythingStored()
    {
        QTemporaryDir dir;
        const QStringList halves = splitSeed(dir);
        const QString path = dir.filePath("w.clvdb");
        auto out = [&](const QString& name) { return dir.filePath(name); };
        QCOMPARE(runEtl({kSeedInput, "-o", out("batch")}).exitCode, 0);

        const Run first = runEtl({"--workspace", path, halves[0], "-o", out("first")});
        QCOMPARE(first.exitCode, 0);
        QVERIFY2(first.out.contains("1 file(s) added"), qPrintable(first.out));
        const Run second = runEtl({"--workspace", path, halves[1], "-o", out("second")});
        QCOMPARE(second.exitCode, 0);
        QVERIFY2(second.out.contains("Read 556 records from 2 file(s)"), qPrintable(second.out));
        const Run repeated = runEtl({"--workspace", path, halves[0], "-o", out("repeated")});
        QCOMPARE(repeated.exitCode, 0);
        QVERIFY(repeated.out.contains("already in the workspace: " + halves[0]));
        const Run stored = runEtl({"--from-workspace", path, "-o", out("stored"), "--top", "3"});
        QCOMPARE(stored.exitCode, 0);
        for (const char* file : {"output_t1.txt", "output_ltv_specs.txt", "output_ltv_final.txt"})
            for (const char* run : {"second", "repeated", "stored"})
                QVERIFY2(readAll(out(run) + "/" + file) == readAll(out("batch") + "/" + file),
                         qPrintable(QStringLiteral("%1/%2").arg(run, file)));
        QVERIFY(readAll(out("stored/run.json")).contains("\"accepted\": 556"));

        QCOMPARE(runEtl({kSeedInput, "--drop-duplicates", "-o", out("batch-unique")}).exitCode, 0);
        const Run unique = runEtl({"--from-workspace", path, "--drop-duplicates", "-o", out("stored-unique")});
        QCOMPARE(unique.exitCode, 0);
        QVERIFY(unique.out.contains("Dropped 89 exact duplicate event(s)."));
        for (const char* file : {"output_t1.txt", "output_ltv_specs.txt", "output_ltv_final.txt"})
            QVERIFY(readAll(out("stored-unique/") + file) == readAll(out("batch-unique/") + file));
        QVERIFY(readAll(out("batch-unique/output_t1.txt")) != readAll(out("batch/output_t1.txt")));
    }

    void testCliWorkspaceUsageAndMissingFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("w.clvdb");
        QCOMPARE(runEtl({"--from-workspace", path, kSeedInput}).exitCode, 1);
        QCOMPARE(runEtl({"--workspace", path, "--from-workspace", path, kSeedInput}).exitCode, 1);
        const Run missing = runEtl({"--from-workspace", path, "-o", dir.filePath("out")});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY(missing.err.contains("no such file"));
        QVERIFY(!QFile::exists(path)); // --from-workspace never creates one
        const Run help = runEtl({"--help"});
        for (const char* option : {"--workspace <FILE>", "--from-workspace <FILE>", "--drop-duplicates"})
            QVERIFY2(help.out.contains(option), option);
    }
};

QTEST_GUILESS_MAIN(TestWorkspace)
#include "tst_workspace.moc"
