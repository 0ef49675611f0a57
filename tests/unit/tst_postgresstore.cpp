// The workspace on a real PostgreSQL server (spec §13): started by the test in a scratch folder.

#include "WorkspaceTestSupport.h"

#include "LegacyWorkspace.h"
#include "PostgresServer.h"
#include "store/OpenWorkspace.h"
#include "store/WorkspaceLocation.h"
#include "store/WorkspaceSchema.h"

#include <QElapsedTimer>
#include <QSqlRecord>

using namespace clv;
using namespace clv::test;

namespace {

const char* const kOutputs[] = {"output_t1.txt", "output_ltv_specs.txt", "output_ltv_final.txt", "rejected.csv"};

// run.json without what the clock gives (its timings, the time it finished).
QByteArray runJsonWithoutTimings(const QString& dir)
{
    QByteArray text = readAll(dir + "/run.json");
    const qsizetype start = text.indexOf("\"timings_ms\"");
    if (start >= 0)
        text.remove(start, text.indexOf('}', start) - start + 1);
    const qsizetype finished = text.indexOf("\"finished_utc\"");
    if (finished >= 0)
        text.remove(finished, text.indexOf('\n', finished) - finished + 1);
    return text;
}

// The output files byte for byte; run.json too (but its timings) when both runs were of the
// same kind (it says what a run read and added).
void compareOutputs(const QString& dir, const QString& expectedDir, bool sameKindOfRun = true)
{
    for (const char* file : kOutputs) {
        const QByteArray expected = readAll(expectedDir + "/" + file);
        QVERIFY2(!expected.isEmpty(), file);
        QVERIFY2(readAll(dir + "/" + file) == expected, qPrintable(dir + "/" + file));
    }
    if (sameKindOfRun)
        QCOMPARE(runJsonWithoutTimings(dir), runJsonWithoutTimings(expectedDir));
}

qint64 scalar(QSqlDatabase& db, const QString& sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next()) {
        qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        return -1;
    }
    return q.value(0).toLongLong();
}

QProcess* startEtl(const QStringList& arguments, QObject* parent)
{
    auto* p = new QProcess(parent);
    p->start(QStringLiteral(CLV_ETL_BINARY), arguments);
    return p;
}

} // namespace

// What the stored events take on the server, TOAST tables (where the blocks are) included.
constexpr char kStoredEventBytes[]
    = "SELECT pg_total_relation_size('event_blocks') + pg_total_relation_size('event_payload_hashes')";

class TestPostgresStore : public QObject {
    Q_OBJECT

    PostgresServer m_server;
    QString m_skip;
    int m_databases = 0;
    QTemporaryDir m_dir;

    // A fresh database of its own for each test.
    QString newDatabase()
    {
        const QString name = QStringLiteral("workspace%1").arg(++m_databases);
        return m_server.createDatabase(name) ? name : QString();
    }

    // Runs `work` with a connection of the test's own to `database`.
    template <typename Work>
    void withConnection(const QString& database, Work work)
    {
        {
            QSqlDatabase db = m_server.connect(QStringLiteral("raw"), database);
            QVERIFY(db.isOpen());
            work(db);
        }
        QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (PostgresServer::binaryFolder().isEmpty()) {
            m_skip = QStringLiteral("the PostgreSQL server's programs (initdb, pg_ctl) are not installed: "
                                    "packaging/install-deps.sh test installs them (Debian: postgresql)");
            return;
        }
        QVERIFY2(QSqlDatabase::isDriverAvailable("QPSQL"), "Qt's PostgreSQL driver is missing (libqt6sql6-psql)");
        const QString why = m_server.start();
        QVERIFY2(why.isEmpty(), qPrintable(why));
    }

    void init()
    {
        const QString name = QString::fromLatin1(QTest::currentTestFunction());
        if (!m_skip.isEmpty() && name != QLatin1String("testPasswordInTheAddressIsRefused")
            && name != QLatin1String("testServerAddressesAreReadAsWritten"))
            QSKIP(qPrintable(m_skip));
    }

    void testServerAddressesAreReadAsWritten()
    {
        const WorkspaceLocation full = WorkspaceLocation::parse("postgresql://ana@db.example:6543/sales");
        QVERIFY(full.isServer());
        QCOMPARE(full.host(), QStringLiteral("db.example"));
        QCOMPARE(full.port(), 6543);
        QCOMPARE(full.user(), QStringLiteral("ana"));
        QCOMPARE(full.database(), QStringLiteral("sales"));
        QCOMPARE(WorkspaceLocation::parse("postgres://db.example/sales").toString(),
                 QStringLiteral("postgresql://db.example/sales"));
        QCOMPARE(WorkspaceLocation::server("db.example", 6543, "sales", "ana").toString(), full.toString());
        const WorkspaceLocation file = WorkspaceLocation::parse("/tmp/w.clvdb");
        QVERIFY(file.isValid() && !file.isServer());
        QCOMPARE(file.filePath(), QStringLiteral("/tmp/w.clvdb"));
        QString error;
        QVERIFY(!WorkspaceLocation::parse("postgresql://db.example:6543/", &error).isValid());
        QVERIFY2(error.contains("names no database"), qPrintable(error));
        QVERIFY(!WorkspaceLocation::parse("postgresql://db.example/sales?sslmode=require", &error).isValid());
        QVERIFY2(error.contains("PGSSLMODE"), qPrintable(error));
    }

    void testPasswordInTheAddressIsRefused_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("address");
        QTest::newRow("--workspace") << "--workspace"
                                     << "postgresql://ana:s3cr3t@127.0.0.1:5432/sales";
        QTest::newRow("--from-workspace") << "--from-workspace"
                                          << "postgres://ana:s3cr3t@localhost/sales";
        QTest::newRow("empty password") << "--workspace"
                                        << "postgresql://ana:@127.0.0.1/sales";
    }

    void testPasswordInTheAddressIsRefused()
    {
        QFETCH(QString, option);
        QFETCH(QString, address);
        QStringList arguments{option, address, "-o", m_dir.filePath("refused")};
        if (option == "--workspace")
            arguments << kSeedInput;
        const Run run = runEtl(arguments);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("holds a password") && run.err.contains("PGPASSWORD")
                     && run.err.contains("~/.pgpass"),
                 qPrintable(run.err));
        QVERIFY2(!run.err.contains("s3cr3t"), "the refusal repeats the password");
        QVERIFY(!QFileInfo::exists(m_dir.filePath("refused")));
    }

    void testRoundTripGivesTheSqliteRunsOutputs()
    {
        const QString database = newDatabase();
        QVERIFY(!database.isEmpty());
        const QString url = m_server.address(database);
        const QString file = m_dir.filePath("roundtrip.clvdb");
        const QStringList halves = splitSeed(m_dir);
        // The same three runs on each store: two files one after the other (with the challenge
        // sample's rejected lines), then a re-run from the stored events alone.
        for (const auto& [store, name] :
             {std::pair(url, QStringLiteral("pg")), std::pair(file, QStringLiteral("lite"))}) {
            const Run first = runEtl(
                {"--workspace", store, halves[0], kChallengeInput, "-o", m_dir.filePath(name + "1")});
            QVERIFY2(first.exitCode == 0, qPrintable(first.err));
            const Run second = runEtl({"--workspace", store, halves[1], halves[0], "-o", m_dir.filePath(name + "2")});
            QVERIFY2(second.exitCode == 0, qPrintable(second.err));
            QVERIFY2(second.out.contains("already in the workspace: " + halves[0]), qPrintable(second.out));
            const Run stored = runEtl({"--from-workspace", store, "-o", m_dir.filePath(name + "3")});
            QVERIFY2(stored.exitCode == 0 && stored.err.isEmpty(), qPrintable(stored.err));
            // Written from the results packed by the second run (BYTEA on the server), not analysed.
            QVERIFY2(stored.out.contains("stored results of all 3 stored file(s) are current"), qPrintable(stored.out));
            QVERIFY(!readAll(m_dir.filePath(name + "3/run.json")).contains("\"analyse\""));
        }
        for (const char* run : {"1", "2", "3"})
            compareOutputs(m_dir.filePath(QStringLiteral("pg") + run), m_dir.filePath(QStringLiteral("lite") + run));
        QVERIFY(!readAll(m_dir.filePath("pg3/rejected.csv")).isEmpty());

        // The window's way in: the results stored on the server are read back as tables.
        QString error;
        auto workspace = openWorkspace(url, &error, WorkspaceOpenMode::ExistingOnly);
        QVERIFY2(workspace, qPrintable(error));
        QVERIFY(workspace->isOnServer());
        QCOMPARE(workspace->path(), url);
        const auto read = workspace->loadEvents(nullptr, &error);
        QVERIFY2(read, qPrintable(error));
        const auto tables = workspace->loadResults(*read, &error);
        QVERIFY2(tables, qPrintable(error));
        const AnalysisOutcome batchRun = batch({kChallengeInput, kSeedInput}, false);
        QCOMPARE(read->totals().accepted, batchRun.read.totals().accepted);
        QCOMPARE(tables->ltv.size(), batchRun.tables->ltv.size());
    }

    void testOlderSchemaOnTheServerIsBroughtUpToDate()
    {
        const QString database = newDatabase();
        QVERIFY(!database.isEmpty());
        const QString url = m_server.address(database);
        // Made as version 1 workspaces were: events in rows, without version 2's indexes nor
        // version 4's fit tables. Two files: the conversion writes the first one's block while
        // it still has the second's rows to read.
        withConnection(database, [](QSqlDatabase& db) {
            fillSchema4Workspace(db, {kChallengeInput, kSeedInput});
            QSqlQuery q(db);
            for (const QString& table : WorkspaceSchema::predictionTables())
                QVERIFY(q.exec("DROP TABLE " + table));
            QVERIFY(q.exec("DROP INDEX result_ltv_by_customer"));
            QVERIFY(q.exec("DROP INDEX result_weekly_by_customer"));
            QVERIFY(q.exec("UPDATE schema_info SET version = 1"));
        });
        QString error;
        auto workspace = openWorkspace(url, &error, WorkspaceOpenMode::ExistingOnly);
        QVERIFY2(workspace, qPrintable(error));
        QCOMPARE(workspace->schemaVersion(), WorkspaceSchema::kCurrentVersion);
        QCOMPARE(workspace->storedEventCount(), 558);
        workspace.reset();
        withConnection(database, [](QSqlDatabase& db) {
            QCOMPARE(scalar(db, "SELECT COUNT(*) FROM event_blocks"), 2);
            QCOMPARE(scalar(db, "SELECT COUNT(*) FROM event_payload_hashes"), 2);
            QCOMPARE(scalar(db, "SELECT COUNT(*) FROM pg_indexes WHERE indexname LIKE '%_by_customer'"), 3);
            QCOMPARE(scalar(db, "SELECT version FROM schema_info"), WorkspaceSchema::kCurrentVersion);
            for (const QString& table : WorkspaceSchema::tables())
                QVERIFY2(db.tables().contains(table), qPrintable(table));
        });
        // The converted hashes, read back from the server, drop the same duplicates as a batch run.
        for (const QString& drop : {QString(), QStringLiteral("--drop-duplicates")}) {
            QStringList batchArguments{kChallengeInput, kSeedInput, "-o", m_dir.filePath("old-batch" + drop)};
            QStringList storedArguments{"--from-workspace", url, "-o", m_dir.filePath("old2" + drop)};
            if (!drop.isEmpty()) {
                batchArguments << drop;
                storedArguments << drop;
            }
            QCOMPARE(runEtl(batchArguments).exitCode, 0);
            QCOMPARE(runEtl(storedArguments).exitCode, 0);
            for (const char* file : kOutputs)
                QVERIFY2(readAll(m_dir.filePath("old2" + drop + "/") + file)
                             == readAll(m_dir.filePath("old-batch" + drop + "/") + file),
                         file);
        }
        QVERIFY(readAll(m_dir.filePath("old2--drop-duplicates/output_t1.txt"))
                != readAll(m_dir.filePath("old2/output_t1.txt"))); // the seed repeats CUSTOMER records
    }

    void testEmptyDatabaseIsNoWorkspaceToReRun()
    {
        const QString database = newDatabase();
        QVERIFY(!database.isEmpty());
        const Run run = runEtl({"--from-workspace", m_server.address(database), "-o", m_dir.filePath("empty")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("holds no workspace yet"), qPrintable(run.err));
        withConnection(database, [](QSqlDatabase& db) { QVERIFY(db.tables().isEmpty()); });
    }

    void testNewerSchemaOnTheServerIsRefusedAndLeftUntouched()
    {
        const QString database = newDatabase();
        QVERIFY(!database.isEmpty());
        const QString url = m_server.address(database);
        QCOMPARE(runEtl({"--workspace", url, kSeedInput, "-o", m_dir.filePath("newer1"), "--quiet"}).exitCode, 0);
        static constexpr int newer = WorkspaceSchema::kCurrentVersion + 1;
        withConnection(database, [](QSqlDatabase& db) {
            QVERIFY(QSqlQuery(db).exec(QStringLiteral("UPDATE schema_info SET version = %1").arg(newer)));
        });
        const Run rerun = runEtl({"--from-workspace", url, "-o", m_dir.filePath("newer2")});
        QCOMPARE(rerun.exitCode, 2);
        QVERIFY2(rerun.err.contains(kNewerMessage), qPrintable(rerun.err));
        const Run add = runEtl({"--workspace", url, kChallengeInput, "-o", m_dir.filePath("newer3")});
        QCOMPARE(add.exitCode, 2);
        QVERIFY2(add.err.contains(kNewerMessage), qPrintable(add.err));
        withConnection(database, [](QSqlDatabase& db) {
            QCOMPARE(scalar(db, "SELECT version FROM schema_info"), newer);
            QCOMPARE(scalar(db, "SELECT COUNT(*) FROM source_files"), 1);
            QCOMPARE(scalar(db, "SELECT SUM(event_count) FROM event_blocks"), 556);
        });
    }

    void testTwoClientsIngestingAtOnceStoreEveryFileOnce()
    {
        const QString database = newDatabase();
        QVERIFY(!database.isEmpty());
        const QString url = m_server.address(database);
        QStringList files;
        for (int customers : {700, 800, 600}) {
            files << m_dir.filePath(QStringLiteral("concurrent-%1.jsonl").arg(customers));
            QVERIFY(generateEvents(files.back(), customers));
        }
        // Two clients on two files at once, then two clients on the same file at once.
        QStringList outputs;
        for (const QStringList& pair : {QStringList{files[0], files[1]}, QStringList{files[2], files[2]}}) {
            QList<QProcess*> clients;
            for (const QString& input : pair) {
                clients << startEtl({"--workspace", url, input, "-o", m_dir.filePath("c%1").arg(clients.size())}, this);
                QVERIFY(clients.back()->waitForStarted());
            }
            for (QProcess* client : clients) {
                QVERIFY(client->waitForFinished(300000));
                const QString err = QString::fromUtf8(client->readAllStandardError());
                QVERIFY2(client->exitStatus() == QProcess::NormalExit && client->exitCode() == 0, qPrintable(err));
                outputs << QString::fromUtf8(client->readAllStandardOutput());
                delete client;
            }
        }
        QCOMPARE(outputs.filter("already in the workspace: " + files[2]).size(), 1);

        // Every file once, every id once (no two blocks overlap), every block with its payload hashes.
        QStringList order;
        withConnection(database, [&](QSqlDatabase& db) {
            QCOMPARE(scalar(db, "SELECT COUNT(*) FROM source_files"), 3);
            QCOMPARE(scalar(db, "SELECT COUNT(DISTINCT content_sha256) FROM source_files"), 3);
            const qint64 events = scalar(db, "SELECT SUM(event_count) FROM event_blocks");
            QCOMPARE(scalar(db,
                            "SELECT COUNT(*) FROM event_blocks a JOIN event_blocks b ON a.id < b.id "
                            "AND a.first_event_id < b.first_event_id + b.event_count "
                            "AND b.first_event_id < a.first_event_id + a.event_count"),
                     0);
            QCOMPARE(scalar(db, "SELECT COUNT(*) FROM event_payload_hashes"),
                     scalar(db, "SELECT COUNT(*) FROM event_blocks"));
            QCOMPARE(scalar(db, "SELECT SUM(accepted_count) FROM source_files"), events);
            QSqlQuery q(db);
            QVERIFY(q.exec("SELECT path FROM source_files ORDER BY id"));
            while (q.next())
                order << q.value(0).toString();
        });
        QCOMPARE(QSet<QString>(order.begin(), order.end()), QSet<QString>(files.begin(), files.end()));

        // The same as one client storing the three files, in the order the server took them.
        const QString file = m_dir.filePath("concurrent.clvdb");
        QCOMPARE(
            runEtl(QStringList{"--workspace", file, "-o", m_dir.filePath("one-client"), "--quiet"} + order).exitCode,
            0);
        QCOMPARE(runEtl({"--from-workspace", file, "-o", m_dir.filePath("one-client")}).exitCode, 0);
        QCOMPARE(runEtl({"--from-workspace", url, "-o", m_dir.filePath("two-clients")}).exitCode, 0);
        compareOutputs(m_dir.filePath("two-clients"), m_dir.filePath("one-client"));
    }

    void testLostConnectionMidIngestLeavesThePreviousState_data()
    {
        QTest::addColumn<bool>("killClient");
        QTest::newRow("server ends the connection") << false;
        QTest::newRow("client killed") << true;
    }

    void testLostConnectionMidIngestLeavesThePreviousState()
    {
        QFETCH(bool, killClient);
        const QString database = newDatabase();
        QVERIFY(!database.isEmpty());
        const QString url = m_server.address(database);
        QCOMPARE(runEtl({"--workspace", url, kSeedInput, "-o", m_dir.filePath("before"), "--quiet"}).exitCode, 0);
        const QString big = m_dir.filePath("big.jsonl");
        if (!QFileInfo::exists(big))
            QVERIFY(generateEvents(big, 20000));

        qint64 bytesBefore = 0;
        withConnection(database, [&](QSqlDatabase& db) { bytesBefore = scalar(db, kStoredEventBytes); });
        QProcess etl;
        etl.start(QStringLiteral(CLV_ETL_BINARY), {"--workspace", url, big, "-o", m_dir.filePath("interrupted")});
        QVERIFY(etl.waitForStarted());
        // Uncommitted rows are invisible to others, but they take pages: act once the event
        // blocks (with their TOAST tables) have grown by a few megabytes within the client's
        // open transaction.
        withConnection(database, [&](QSqlDatabase& db) {
            QElapsedTimer clock;
            clock.start();
            qint64 bytes = bytesBefore;
            while (etl.state() != QProcess::NotRunning && clock.elapsed() < 120000) {
                bytes = scalar(db, kStoredEventBytes);
                if (bytes > bytesBefore + (2 << 20))
                    break;
                etl.waitForFinished(20);
            }
            QVERIFY2(etl.state() != QProcess::NotRunning, "clv-etl finished before its connection could be lost");
            qInfo("ending the ingest after %lld ms, with %lld bytes of events written", clock.elapsed(), bytes);
            if (killClient) {
                etl.kill();
            } else {
                QCOMPARE(scalar(db,
                                "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = "
                                "current_database() AND pid <> pg_backend_pid()"),
                         1);
            }
        });
        QVERIFY(etl.waitForFinished(60000));
        if (killClient) {
            QCOMPARE(etl.exitStatus(), QProcess::CrashExit);
        } else {
            const QString err = QString::fromUtf8(etl.readAllStandardError());
            QCOMPARE(etl.exitCode(), 3);
            QVERIFY2(err.contains("it was left as it was before this run"), qPrintable(err));
        }

        withConnection(database, [](QSqlDatabase& db) {
            QCOMPARE(scalar(db, "SELECT COUNT(*) FROM source_files"), 1);
            QCOMPARE(scalar(db, "SELECT SUM(event_count) FROM event_blocks"), 556);
            QCOMPARE(scalar(db, "SELECT COUNT(*) FROM event_payload_hashes"),
                     scalar(db, "SELECT COUNT(*) FROM event_blocks"));
        });
        QCOMPARE(runEtl({"--from-workspace", url, "-o", m_dir.filePath("after")}).exitCode, 0);
        compareOutputs(m_dir.filePath("after"), m_dir.filePath("before"), false);
    }
};

QTEST_GUILESS_MAIN(TestPostgresStore)
#include "tst_postgresstore.moc"
