// clv-etl as a user runs it: the real binary, real files, exit codes.
#include "TestSupport.h"

#include "Compress.h"
#include "UnreadableEntries.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace clv;

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run runEtl(const QStringList& arguments, const QString& workingDirectory = {})
{
    QProcess p;
    p.setWorkingDirectory(workingDirectory);
    p.start(QStringLiteral(CLV_ETL_BINARY), arguments);
    p.waitForFinished(120000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

const QString kSeedInput = QStringLiteral(CLV_TEST_DATA_DIR "/seed/input.txt");
const QString kCdnowSample = QStringLiteral(CLV_TEST_DATA_DIR "/cdnow/CDNOW_sample.txt");

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testSeedInputReproducesPublishedTables()
    {
        QTemporaryDir dir;
        const Run run = runEtl({kSeedInput, "-o", dir.filePath("out"), "--top", "3"});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains("Read 556 records from 1 file(s): 556 accepted, 0 rejected, 50 customers"));
        QVERIFY(run.out.contains("c670daa7e51c"));
        for (const char* file : {"output_t1.txt", "output_ltv_specs.txt", "output_ltv_final.txt"}) {
            const QString diff = test::compareAsMultisets(
                test::readRfc4180(dir.filePath(QStringLiteral("out/") + file)),
                test::readCsv(QStringLiteral(CLV_TEST_DATA_DIR "/seed/") + file));
            QVERIFY2(diff.isEmpty(), qPrintable(QStringLiteral("%1: %2").arg(file, diff)));
        }
        QCOMPARE(test::readRfc4180(dir.filePath("out/output.txt")).size(), 3u);
        QVERIFY(readAll(dir.filePath("out/run.json")).contains("\"accepted\": 556"));
        QCOMPARE(readAll(dir.filePath("out/rejected.csv")), QByteArray("file,line,reason,raw\n"));
        QVERIFY2(run.err.isEmpty(), qPrintable(run.err)); // no progress when stderr is not a terminal
    }

    void testBadLinesAreListedAndTheRunGoesOn()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath("in.jsonl"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray::fromStdString(test::visitLine("c", "2017-02-13T10:00:00Z") + "\n{oops\n"
                                          + test::orderLine("c", "2017-02-13T10:00:00Z", "o", "1.00 EUR") + "\n"));
        f.close();
        const Run run = runEtl({dir.filePath("in.jsonl"), "-o", dir.filePath("out")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains("in.jsonl:2: invalid JSON"));
        const QByteArray rejected = readAll(dir.filePath("out/rejected.csv"));
        QVERIFY(rejected.contains("in.jsonl"));
        QVERIFY(rejected.contains(",3,\"invalid total_amount \"\"1.00 EUR\"\": unsupported currency EUR\""));
        QVERIFY(rejected.contains("unsupported currency EUR"));
    }

    void testUsageErrorsExitWith1_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("no input") << QStringList{};
        QTest::newRow("unknown option") << QStringList{"--frobnicate", kSeedInput};
        QTest::newRow("bad formula") << QStringList{"--formula", "magic", kSeedInput};
        QTest::newRow("bad gap") << QStringList{"--session-gap", "-5", kSeedInput};
        QTest::newRow("bad week start") << QStringList{"--week-start", "friday", kSeedInput};
        QTest::newRow("bad lifespan") << QStringList{"--lifespan", "zero", kSeedInput};
        QTest::newRow("bad top") << QStringList{"--top", "0", kSeedInput};
        QTest::newRow("bad threads") << QStringList{"--threads", "x", kSeedInput};
        QTest::newRow("lifespan over a century") << QStringList{"--lifespan", "1000", kSeedInput};
        QTest::newRow("top over a million") << QStringList{"--top", "2000000", kSeedInput};
        QTest::newRow("no threads") << QStringList{"--threads", "0", kSeedInput};
        QTest::newRow("two columns") << QStringList{"--transactions", "--columns", "1,3", kCdnowSample};
        QTest::newRow("column 0") << QStringList{"--transactions", "--columns", "0,3,5", kCdnowSample};
        QTest::newRow("columns without --transactions") << QStringList{"--columns", "1,3,5", kCdnowSample};
        QTest::newRow("transactions into a workspace")
            << QStringList{"--transactions", "--workspace", QDir::tempPath() + "/clv-unused.clvdb", kCdnowSample};
    }
    void testUsageErrorsExitWith1()
    {
        QFETCH(QStringList, arguments);
        const Run run = runEtl(arguments);
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains("clv-etl:"));
    }

    // The command line once took a year-long gap while the window stopped at a day: both
    // now keep to the core's limits.
    void testSessionGapBeyondADayIsRefusedWithTheLimits()
    {
        QTemporaryDir dir;
        for (const char* gap : {"1441", "525600", "0.5"}) {
            const Run run = runEtl({"--session-gap", gap, kSeedInput, "-o", dir.filePath("out")});
            QCOMPARE(run.exitCode, 1);
            QVERIFY2(run.err.contains("clv-etl: the session gap must be from 1 to 1440 minutes"), qPrintable(run.err));
            QVERIFY(!QFileInfo::exists(dir.filePath("out")));
        }
        QCOMPARE(runEtl({"--session-gap", "1440", kSeedInput, "-o", dir.filePath("out"), "--quiet"}).exitCode, 0);
    }

    void testHelpAndVersion()
    {
        const Run help = runEtl({"--help"});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("--session-gap"));
        QVERIFY(help.out.simplified().contains("end a visit, 1 to 1440 (default 30)"));
        QVERIFY(help.out.contains("Exit codes"));
        QVERIFY(help.out.contains("--transactions"));
        QVERIFY(help.out.contains("--columns <ID,DATE,AMOUNT>"));
        const Run version = runEtl({"--version"});
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.contains(CLV_VERSION));
    }

    // A FIFO, a broken link and a link loop in a folder are said on stderr and in run.json;
    // the good file is read and the run succeeds.
    void testSkippedFolderEntriesAreSaidAndTheRunGoesOn()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath("in");
        QVERIFY(QDir().mkdir(in));
        QVERIFY(test::makeFolderWithUnreadableEntries(in));
        for (const bool workspace : {false, true}) {
            const QString out = dir.filePath(workspace ? "out-ws" : "out");
            QStringList arguments{in, "-o", out};
            if (workspace)
                arguments << "--workspace" << dir.filePath("team.clvdb");
            const Run run = runEtl(arguments);
            QCOMPARE(run.exitCode, 0);
            for (const QString& message : test::unreadableEntryMessages(in))
                QVERIFY2(run.err.contains("clv-etl: " + message + "\n"), qPrintable(run.err));
            QCOMPARE(run.err.count("skipped"), 4); // once each, also when a workspace stores the files
            QVERIFY(run.out.contains(workspace ? "1 file(s) added" : "Read 1 records from 1 file(s)"));
            const QByteArray report = readAll(out + "/run.json");
            QVERIFY(report.contains("\"skipped_inputs\""));
            QVERIFY(report.contains("\"reason\": \"not a regular file (a FIFO)\""));
        }
        const Run quiet = runEtl({in, "-o", dir.filePath("quiet"), "--quiet"});
        QCOMPARE(quiet.exitCode, 0);
        QVERIFY2(quiet.err.isEmpty(), qPrintable(quiet.err));
    }

    void testUnreadableFileInAFolderIsSkipped()
    {
        if (geteuid() == 0)
            QSKIP("root reads a file whatever its permissions");
        QTemporaryDir dir;
        QVERIFY(test::makeFolderWithUnreadableEntries(dir.path()));
        const QString locked = test::addLockedFile(dir.path());
        QVERIFY(!locked.isEmpty());
        const Run run = runEtl({dir.path(), "-o", dir.filePath("out")});
        test::unlockFile(locked);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.contains("clv-etl: " + locked + ": skipped, not readable\n"), qPrintable(run.err));
        QVERIFY(readAll(dir.filePath("out/run.json")).contains("\"reason\": \"not readable\""));
    }

    // SPEC §11: a purchase table runs the same ETL, each row one visit with one order.
    void testTransactionTablesRunTheEtl()
    {
        QTemporaryDir dir;
        const Run run = runEtl({"--transactions", "--columns", "1,3,5", kCdnowSample, "-o", dir.filePath("out")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains("Read 6919 records from 1 file(s): 6919 accepted, 0 rejected, 2357 customers"),
                 qPrintable(run.out));
        QCOMPARE(test::readRfc4180(dir.filePath("out/output_ltv_final.txt")).size(), 2357u);
        QCOMPARE(test::readRfc4180(dir.filePath("out/output_t1.txt")).size(), 2u * 6919u);
        QCOMPARE(readAll(dir.filePath("out/rejected.csv")), QByteArray("file,line,reason,raw\n"));

        // Five columns and no header: the table is named once as unreadable, nothing is read.
        const Run unnamed = runEtl({"--transactions", kCdnowSample, "-o", dir.filePath("out2")});
        QCOMPARE(unnamed.exitCode, 2);
        QVERIFY2(unnamed.err.contains("CDNOW_sample.txt: the table has no header and 5 columns"),
                 qPrintable(unnamed.err));
    }

    void testRejectedRowsGoToRejectedCsv()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath("orders.csv"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("customer,date,price\na,2017-02-13,3.50\nb,2017-02-30,1\n");
        f.close();
        const Run run = runEtl({"--transactions", dir.filePath("orders.csv"), "-o", dir.filePath("out")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains("orders.csv:3: invalid date \"2017-02-30\": day 30 does not exist in that month"));
        const QByteArray rejected = readAll(dir.filePath("out/rejected.csv"));
        QVERIFY2(rejected.contains(",3,\"invalid date \"\"2017-02-30\"\": day 30 does not exist in that month\","
                                   "\"b,2017-02-30,1\""),
                 rejected.constData());
    }

    void testBadColumnsSayWhy()
    {
        const Run run = runEtl({"--transactions", "--columns", "1,3", kCdnowSample});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("clv-etl: --columns 1,3: give three columns, ID,DATE,AMOUNT"), qPrintable(run.err));
    }

    // A compressed input runs as its plain text does; a cut-short one is named with how far
    // it got, its lines before kept (exit 0), or nothing readable when none were (exit 2).
    void testCompressedInputAndATruncatedOne()
    {
        QTemporaryDir dir;
        const QByteArray seed = readAll(kSeedInput);
        const QByteArray packed = test::pack(test::Packing::Gzip, seed);
        QVERIFY(test::writeFile(dir.filePath("input.jsonl.gz"), packed));
        const Run whole = runEtl({dir.filePath("input.jsonl.gz"), "-o", dir.filePath("out")});
        QCOMPARE(whole.exitCode, 0);
        QVERIFY2(whole.out.contains("Read 556 records from 1 file(s): 556 accepted, 0 rejected, 50 customers"),
                 qPrintable(whole.out));
        QVERIFY2(whole.err.isEmpty(), qPrintable(whole.err));
        // A workspace stores the events read from the compressed file, as the batch run analyses them.
        const Run stored = runEtl(
            {dir.filePath("input.jsonl.gz"), "-o", dir.filePath("out-ws"), "--workspace", dir.filePath("team.clvdb")});
        QCOMPARE(stored.exitCode, 0);
        QVERIFY2(stored.out.contains("1 file(s) added") && stored.err.isEmpty(), qPrintable(stored.out + stored.err));
        QCOMPARE(readAll(dir.filePath("out-ws/output_ltv_final.txt")),
                 readAll(dir.filePath("out/output_ltv_final.txt")));

        const QByteArray half = packed.left(packed.size() / 2);
        QVERIFY(test::writeFile(dir.filePath("cut.jsonl.gz"), half));
        const Run cut = runEtl({"cut.jsonl.gz", "-o", "out-cut"}, dir.path());
        QCOMPARE(cut.exitCode, 0);
        const QString said = QStringLiteral("cut.jsonl.gz: gzip data cut short: the file ends after %1 bytes, inside "
                                            "a gzip member; the ")
                                 .arg(half.size());
        QVERIFY2(cut.err.startsWith("clv-etl: " + said), qPrintable(cut.err));
        QVERIFY2(cut.out.contains(" accepted, 0 rejected") && !cut.out.contains("556 accepted"), qPrintable(cut.out));
        QVERIFY(readAll(dir.filePath("out-cut/run.json")).contains(said.toUtf8()));

        QVERIFY(test::writeFile(dir.filePath("stub.jsonl.gz"), packed.left(12)));
        const Run stub = runEtl({dir.filePath("stub.jsonl.gz"), "-o", dir.filePath("out-stub")});
        QCOMPARE(stub.exitCode, 2);
        QVERIFY2(stub.err.contains("stub.jsonl.gz: gzip data cut short: the file ends after 12 bytes"),
                 qPrintable(stub.err));
    }

    void testNothingReadableExitsWith2()
    {
        QTemporaryDir dir;
        const Run run = runEtl({dir.filePath("missing.jsonl"), "-o", dir.filePath("out")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains("no such file"));
    }

    void testStrictRejectionExitsWith2()
    {
        const Run run = runEtl({QStringLiteral(CLV_TEST_DATA_DIR "/seed/challenge-sample-events.txt"), "--strict", "-o",
                                QDir::tempPath() + "/clv-strict-unused"});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains("challenge-sample-events.txt:1: invalid event_time"));
    }

    void testUnwritableOutputExits3AndKeepsOldFiles()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath("out");
        QCOMPARE(runEtl({kSeedInput, "-o", out}).exitCode, 0);
        const QByteArray before = readAll(out + "/output_t1.txt");
        // A folder where run.json must go: no user, root included, can write that file.
        QVERIFY(QFile::remove(out + "/run.json"));
        QVERIFY(QDir(out).mkdir("run.json"));
        const Run run = runEtl({QStringLiteral(CLV_TEST_DATA_DIR "/seed/challenge-sample-events.txt"), "-o", out});
        QCOMPARE(run.exitCode, 3);
        QVERIFY(run.err.contains("run.json"));
        QCOMPARE(readAll(out + "/output_t1.txt"), before);
        const QStringList leftovers = QDir(out).entryList(QDir::Files | QDir::Hidden);
        QCOMPARE(leftovers.size(), 4); // no temporary file left behind
    }

    void testReadOnlyFolderExits3()
    {
        if (geteuid() == 0)
            QSKIP("root writes into read-only folders; tst_faults uses a read-only mount instead");
        QTemporaryDir dir;
        const QString out = dir.filePath("ro");
        QVERIFY(QDir().mkdir(out));
        QFile::setPermissions(out, QFile::ReadOwner | QFile::ExeOwner);
        const Run run = runEtl({kSeedInput, "-o", out});
        QFile::setPermissions(out, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QCOMPARE(run.exitCode, 3);
    }

    // Ids and rejected lines come from the event file: with --csv-safe none of them reaches a
    // spreadsheet as a formula, and every file stays valid RFC 4180 either way.
    void testCsvSafeNeutralisesFormulasInEveryTextCell()
    {
        QTemporaryDir dir;
        const std::string hostile = "=HYPERLINK(\"http://e.invalid\",\"a, b\")";
        std::string escaped; // as a JSON string
        for (char c : hostile)
            escaped += c == '"' ? std::string("\\\"") : std::string(1, c);
        std::string text = "{\"type\":\"CUSTOMER\",\"verb\":\"NEW\",\"key\":\"" + escaped
            + "\",\"event_time\":\"2017-01-06T12:00:00Z\",\"last_name\":\"X\",\"adr_city\":\"Y\",\"adr_state\":\"AK\"}"
              "\n";
        text += "{\"type\":\"SITE_VISIT\",\"verb\":\"NEW\",\"key\":\"p1\",\"event_time\":\"2017-01-06T12:01:00Z\","
                "\"customer_id\":\""
            + escaped + "\",\"tags\":[]}\n";
        text += "@bad line, not JSON\n";
        QFile in(dir.filePath("in.jsonl"));
        QVERIFY(in.open(QIODevice::WriteOnly));
        in.write(QByteArray::fromStdString(text));
        in.close();

        QCOMPARE(runEtl({dir.filePath("in.jsonl"), "-o", dir.filePath("plain"), "--quiet"}).exitCode, 0);
        QCOMPARE(runEtl({dir.filePath("in.jsonl"), "-o", dir.filePath("safe"), "--quiet", "--csv-safe"}).exitCode, 0);

        // Parsed back as RFC 4180: the id survives whole, commas and quotes included.
        const test::CsvRows plainLtv = test::readRfc4180(dir.filePath("plain/output_ltv_final.txt"));
        QCOMPARE(plainLtv.size(), 1u);
        QCOMPARE(plainLtv[0][0], hostile);
        const test::CsvRows safeLtv = test::readRfc4180(dir.filePath("safe/output_ltv_final.txt"));
        QCOMPARE(safeLtv[0][0], "'" + hostile);
        QCOMPARE(safeLtv[0][1], plainLtv[0][1]); // numbers untouched
        for (const char* file : {"output_t1.txt", "output_ltv_specs.txt"}) {
            const test::CsvRows rows = test::readRfc4180(dir.filePath("safe/") + file);
            QVERIFY(!rows.empty());
            for (const auto& row : rows)
                QCOMPARE(row[0], "'" + hostile);
        }
        const test::CsvRows rejected = test::readRfc4180(dir.filePath("safe/rejected.csv"));
        QCOMPARE(rejected.size(), 1u);
        QCOMPARE(rejected[0][3], std::string("'@bad line, not JSON"));
        QCOMPARE(test::readRfc4180(dir.filePath("plain/rejected.csv"))[0][3], std::string("@bad line, not JSON"));
    }

    // `generate --mode btyd`: a transaction table, the same bytes for the same options.
    void testGenerateBtydWritesATransactionTable()
    {
        QTemporaryDir dir;
        const QStringList options = QStringLiteral("generate --mode btyd --customers 300 --weeks 52 --seed 5 "
                                                   "--alpha 3.5 --a 0.9 --b 3 --p 5 --q 4 --gamma 12.5 "
                                                   "--cohort-weeks 8")
                                        .split(QLatin1Char(' '));
        const Run first = runEtl(options + QStringList{"-o", dir.filePath("first.csv")});
        QCOMPARE(first.exitCode, 0);
        QVERIFY2(first.err.startsWith("Wrote ") && first.err.contains(" purchases ("), qPrintable(first.err));
        const QByteArray bytes = readAll(dir.filePath("first.csv"));
        QVERIFY(bytes.startsWith("customer_id,date,amount\n1,2024-0"));
        const QList<QByteArray> lines = bytes.trimmed().split('\n');
        QCOMPARE(first.err,
                 QStringLiteral("Wrote %1 purchases (%2 kB) to %3\n")
                     .arg(lines.size() - 1)
                     .arg(double(bytes.size()) / 1e3, 0, 'f', 1)
                     .arg(dir.filePath("first.csv")));
        QVERIFY(lines.constLast().startsWith("300,"));

        QCOMPARE(runEtl(options + QStringList{"-o", dir.filePath("second.csv"), "--quiet"}).exitCode, 0);
        QCOMPARE(readAll(dir.filePath("second.csv")), bytes);
        QCOMPARE(runEtl(options + QStringList{"-o", dir.filePath("other.csv"), "--r", "0.3"}).exitCode, 0);
        QVERIFY(readAll(dir.filePath("other.csv")) != bytes);

        // Without -o, next to the event file's default; no word lists needed.
        const Run defaults = runEtl({"generate", "--mode", "btyd", "--words", dir.filePath("none"), "--quiet"},
                                    dir.path());
        QCOMPARE(defaults.exitCode, 0);
        QVERIFY(readAll(dir.filePath("data/input/transactions.csv")).startsWith("customer_id,date,amount\n"));
    }

    void testGenerateBtydRefusesBadParameters_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("r zero") << QStringList{"--r", "0"} << "r must be greater than 0";
        QTest::newRow("alpha negative") << QStringList{"--alpha", "-4"} << "alpha must be greater than 0";
        QTest::newRow("a infinite") << QStringList{"--a", "inf"} << "a must be a finite number";
        QTest::newRow("b not a number") << QStringList{"--b", "nan"} << "b must be a finite number";
        QTest::newRow("p zero") << QStringList{"--p", "0"} << "p must be greater than 0";
        QTest::newRow("q negative") << QStringList{"--q", "-1"} << "q must be greater than 0";
        QTest::newRow("gamma zero") << QStringList{"--gamma", "0.0"} << "gamma must be greater than 0";
        QTest::newRow("gamma text") << QStringList{"--gamma", "high"} << "--gamma expects a number, got \"high\"";
        QTest::newRow("cohort weeks") << QStringList{"--cohort-weeks", "0"} << "cohort weeks must be at least 1";
        QTest::newRow("mode") << QStringList{"--mode", "pareto"} << "--mode must be seed, realistic or btyd";
    }
    void testGenerateBtydRefusesBadParameters()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const Run run = runEtl(QStringList{"generate", "--mode", "btyd", "-o", dir.filePath("t.csv")} + arguments);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.startsWith("clv-etl generate: " + message), qPrintable(run.err));
        QVERIFY(!QFileInfo::exists(dir.filePath("t.csv")));
    }

    void testFolderInputAndOptionsChangeResults()
    {
        QTemporaryDir dir;
        const Run seed = runEtl({QStringLiteral(CLV_TEST_DATA_DIR "/seed"), "-o", dir.filePath("a"), "--quiet"});
        QCOMPARE(seed.exitCode, 0);
        QVERIFY(seed.out.isEmpty());
        const Run weekly = runEtl({kSeedInput, "-o", dir.filePath("b"), "--formula", "weekly", "--lifespan", "5",
                                   "--week-start", "monday", "--session-gap", "45", "--threads", "1"});
        QCOMPARE(weekly.exitCode, 0);
        QVERIFY(readAll(dir.filePath("b/run.json")).contains("\"formula\": \"weekly\""));
        QVERIFY(readAll(dir.filePath("a/output_ltv_final.txt")) != readAll(dir.filePath("b/output_ltv_final.txt")));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
