// A run split into customer partitions (clv-etl partition, --from-partition, merge) gives the
// files of a single clv-etl run, byte for byte: the real binary, real files.
#include "TestSupport.h"

#include "partition/PartitionFormat.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace clv;

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run runEtl(const QStringList& arguments)
{
    QProcess p;
    p.start(QStringLiteral(CLV_ETL_BINARY), arguments);
    p.waitForFinished(300000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeText(const QString& path, const QByteArray& text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
}

const QStringList kTableFiles = {"output_t1.txt", "output_ltv_specs.txt", "output_ltv_final.txt", "output.txt",
                                 "rejected.csv"};

// run.json without what says when and how fast: the rest must be the same.
QJsonObject reportWithoutTimes(const QString& path)
{
    QJsonObject o = QJsonDocument::fromJson(readAll(path)).object();
    o.remove("finished_utc");
    o.remove("timings_ms");
    return o;
}

// Two customers whose ids fall into different partitions for every partition count tested,
// so that an order key spanning them spans partitions.
std::pair<std::string, std::string> customersInDifferentPartitions()
{
    for (int a = 0; a < 100; ++a)
        for (int b = a + 1; b < 100; ++b) {
            const std::string x = "cross" + std::to_string(a), y = "cross" + std::to_string(b);
            if (partition::partitionOf(x, 3) != partition::partitionOf(y, 3)
                && partition::partitionOf(x, 8) != partition::partitionOf(y, 8))
                return {x, y};
        }
    return {};
}

// A realistic generated file whose ORDER UPDATEs name other customers than their orders'
// NEW, with bad lines, plus orders revised across two customers in different partitions:
// an UPDATE earlier than the NEW (revenue moves to the other customer), and equal times.
QString makeCrossCustomerFile(const QString& dir)
{
    const QString generated = QDir(dir).filePath("generated.jsonl");
    if (runEtl({"generate", "--mode", "realistic", "--customers", "400", "--weeks", "8", "--bad", "15", "--seed", "7",
                "-o", generated})
            .exitCode
        != 0)
        return {};
    QList<QByteArray> lines = readAll(generated).split('\n');
    static const QRegularExpression customerField(QStringLiteral("\"customer_id\": \"([^\"]*)\""));
    QStringList customers;
    for (const QByteArray& line : lines)
        if (const auto m = customerField.match(QString::fromUtf8(line)); m.hasMatch())
            customers << m.captured(1);
    int moved = 0;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QString line = QString::fromUtf8(lines[i]);
        if (!line.contains("\"ORDER\"") || !line.contains("\"UPDATE\""))
            continue;
        const QString other = customers[(i * 7919) % customers.size()];
        line.replace(customerField, QStringLiteral("\"customer_id\": \"%1\"").arg(other));
        lines[i] = line.toUtf8();
        ++moved;
    }
    const auto [a, b] = customersInDifferentPartitions();
    for (const std::string& extra : {test::orderLine(a, "2024-02-20T10:00:00Z", "xo1", "10.00 USD"),
                                     test::orderLine(b, "2024-02-19T10:00:00Z", "xo1", "30.00 USD", "UPDATE"),
                                     test::orderLine(a, "2024-02-21T10:00:00Z", "xo2", "5.00 USD"),
                                     test::orderLine(b, "2024-02-21T10:00:00Z", "xo2", "7.50 USD", "UPDATE"),
                                     test::visitLine(b, "2024-02-21T10:05:00Z")})
        lines.append(QByteArray::fromStdString(extra));
    const QString path = QDir(dir).filePath("cross-customer.jsonl");
    if (moved < 20 || a.empty() || !writeText(path, lines.join('\n') + '\n'))
        return {};
    return path;
}

} // namespace

class TestPartitionedRun : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_crossCustomerFile;
    QString m_gzipFile;
    QString m_cutGzipFile;

    void compareWithSingleRun(const QStringList& inputs, const QStringList& options, int partitions)
    {
        const QString base = m_dir.filePath(QStringLiteral("run-%1-%2").arg(QTest::currentDataTag()).arg(partitions));
        const QString single = base + "/single", parts = base + "/parts", merged = base + "/merged";
        QStringList singleOptions = options;
        if (const qsizetype step = singleOptions.indexOf("--read-step"); step >= 0)
            singleOptions.remove(step, 2);
        QCOMPARE(runEtl(QStringList{"--quiet", "--top", "7", "-o", single} + singleOptions + inputs).exitCode, 0);
        const Run split = runEtl(
            QStringList{"partition", "--quiet", "--top", "7", "--partitions", QString::number(partitions), "-o", parts}
            + options + inputs);
        QVERIFY2(split.exitCode == 0, qPrintable(split.err));
        for (int k = 0; k < partitions; ++k) {
            const Run part = runEtl({"--from-partition", parts + QStringLiteral("/part-%1").arg(k), "--quiet"});
            QVERIFY2(part.exitCode == 0, qPrintable(part.err));
        }
        const Run merge = runEtl({"merge", parts, "-o", merged, "--quiet"});
        QVERIFY2(merge.exitCode == 0, qPrintable(merge.err));
        for (const QString& file : kTableFiles) {
            const QByteArray expected = readAll(single + '/' + file);
            QVERIFY2(!expected.isEmpty(), qPrintable(file));
            QVERIFY2(readAll(merged + '/' + file) == expected, qPrintable(file + " differs from the single run's"));
        }
        QCOMPARE(reportWithoutTimes(merged + "/run.json"), reportWithoutTimes(single + "/run.json"));
        QVERIFY(QJsonDocument::fromJson(readAll(merged + "/run.json"))
                    .object()
                    .value("timings_ms")
                    .toObject()
                    .contains("merge"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_crossCustomerFile = makeCrossCustomerFile(m_dir.path());
        QVERIFY(!m_crossCustomerFile.isEmpty());
        // Compressed inputs are read in steps too; a cut-short archive keeps its whole lines.
        m_gzipFile = m_crossCustomerFile + ".gz";
        QProcess gzip;
        gzip.setStandardOutputFile(m_gzipFile);
        gzip.start(QStringLiteral("gzip"), {"-c", m_crossCustomerFile});
        QVERIFY(gzip.waitForFinished(60000));
        QCOMPARE(gzip.exitCode(), 0);
        m_cutGzipFile = m_dir.filePath("cut.jsonl.gz");
        const QByteArray archive = readAll(m_gzipFile);
        QVERIFY(archive.size() > 10000);
        QVERIFY(writeText(m_cutGzipFile, archive.left(archive.size() / 2)));
    }

    void testMergedPartitionsEqualSingleRun_data()
    {
        QTest::addColumn<QStringList>("inputs");
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<int>("partitions");
        const QString seed = QStringLiteral(CLV_TEST_DATA_DIR "/seed/input.txt");
        const QString sample = QStringLiteral(CLV_TEST_DATA_DIR "/../../data/sample");
        for (int n : {1, 3, 8}) {
            QTest::addRow("seed-%d", n) << QStringList{seed} << QStringList{} << n;
            QTest::addRow("sample-%d", n) << QStringList{sample} << QStringList{} << n;
            QTest::addRow("cross-customer-orders-%d", n) << QStringList{m_crossCustomerFile} << QStringList{} << n;
            // The weekly formula needs the last day of all the data in every partition.
            QTest::addRow("cross-customer-weekly-%d", n)
                << QStringList{m_crossCustomerFile} << QStringList{"--formula", "weekly", "--week-start", "monday"}
                << n;
        }
        // Read a few kilobytes at a time: line numbers of rejections and counts carry over.
        QTest::addRow("read-in-steps-3") << QStringList{seed, m_crossCustomerFile} << QStringList{"--read-step", "4K"}
                                         << 3;
        QTest::addRow("gzip-read-in-steps-3") << QStringList{m_gzipFile} << QStringList{"--read-step", "4K"} << 3;
        QTest::addRow("cut-gzip-read-in-steps-3")
            << QStringList{m_cutGzipFile} << QStringList{"--read-step", "4K"} << 3;
        QTest::addRow("csv-safe-duplicates-3")
            << QStringList{seed, m_crossCustomerFile} << QStringList{"--csv-safe", "--drop-duplicates"} << 3;
    }

    void testMergedPartitionsEqualSingleRun()
    {
        QFETCH(QStringList, inputs);
        QFETCH(QStringList, options);
        QFETCH(int, partitions);
        compareWithSingleRun(inputs, options, partitions);
    }

    void testCrossCustomerOrderRevenueMovesToEarlierEvent()
    {
        // The file really has an order whose revenue belongs to another customer than its NEW's:
        // xo1's earliest event is b's UPDATE, which carries the amount of the latest, a's NEW.
        const QString out = m_dir.filePath("cross-single");
        QCOMPARE(runEtl({"--quiet", "-o", out, m_crossCustomerFile}).exitCode, 0);
        const auto [a, b] = customersInDifferentPartitions();
        const QByteArray visits = readAll(out + "/output_t1.txt");
        QVERIFY(visits.contains(QByteArray::fromStdString(b) + ",0,0,True,10.0\n"));
        // xo2: at equal times the first in input (a's NEW) is the earliest, the last (b's) the latest.
        QVERIFY(visits.contains(QByteArray::fromStdString(a) + ",0,1,True,7.5\n"));
    }

    void testMergeBeforeAnalysisNamesTheMissingPartition()
    {
        const QString parts = m_dir.filePath("unanalysed");
        QCOMPARE(runEtl({"partition", "--quiet", "--partitions", "3", "-o", parts,
                         QStringLiteral(CLV_TEST_DATA_DIR "/seed/input.txt")})
                     .exitCode,
                 0);
        QCOMPARE(runEtl({"--from-partition", parts + "/part-0", "--quiet"}).exitCode, 0);
        const Run merge = runEtl({"merge", parts, "-o", m_dir.filePath("unanalysed-out")});
        QCOMPARE(merge.exitCode, 2);
        QVERIFY2(merge.err.contains("partition 1 has not been analysed"), qPrintable(merge.err));
        QVERIFY(!QFile::exists(m_dir.filePath("unanalysed-out/output_t1.txt")));
    }

    void testDamagedPartitionIsRefusedInPlainWords()
    {
        const QString parts = m_dir.filePath("damaged");
        QCOMPARE(runEtl({"partition", "--quiet", "--partitions", "2", "-o", parts,
                         QStringLiteral(CLV_TEST_DATA_DIR "/seed/input.txt")})
                     .exitCode,
                 0);
        const QString events = parts + "/part-1/events.bin";
        QFile f(events);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.resize(f.size() - 3));
        f.close();
        const Run run = runEtl({"--from-partition", parts + "/part-1"});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("is cut short"), qPrintable(run.err));
        const Run notAPartition = runEtl({"--from-partition", m_dir.path()});
        QCOMPARE(notAPartition.exitCode, 2);
        QVERIFY2(notAPartition.err.contains("facts.json"), qPrintable(notAPartition.err));
    }

    void testPartitionUsageErrors()
    {
        const QString seed = QStringLiteral(CLV_TEST_DATA_DIR "/seed/input.txt");
        QCOMPARE(runEtl({"partition", seed, "-o", m_dir.filePath("u")}).exitCode, 1);
        QCOMPARE(runEtl({"partition", seed, "--partitions", "0", "-o", m_dir.filePath("u")}).exitCode, 1);
        QCOMPARE(runEtl({"partition", seed, "--partitions", "2"}).exitCode, 1);
        QCOMPARE(runEtl({"merge"}).exitCode, 1);
        // Strict mode stops at the first rejection, as a single run does.
        const QString bad = m_dir.filePath("bad.jsonl");
        QVERIFY(writeText(bad, "{\"type\": \"TELEPORT\"}\n"));
        QCOMPARE(runEtl({"partition", "--strict", bad, "--partitions", "2", "-o", m_dir.filePath("u")}).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestPartitionedRun)
#include "tst_partitionedrun.moc"
