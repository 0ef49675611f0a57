// clv-etl --max-memory: a file whose single run needs more memory than the limit is processed
// within it, with the single run's output files. Peak memory is the kernel's count of the
// largest resident set among this test's finished child processes (getrusage).
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/resource.h>

namespace {

int runEtl(const QStringList& arguments, QString* err = nullptr)
{
    QProcess p;
    p.start(QStringLiteral(CLV_ETL_BINARY), arguments);
    p.waitForFinished(300000);
    if (err)
        *err = QString::fromUtf8(p.readAllStandardError());
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

// The largest resident set of any child waited for so far, in bytes (Linux counts in KiB).
qint64 peakChildRss()
{
    rusage usage{};
    getrusage(RUSAGE_CHILDREN, &usage);
    return static_cast<qint64>(usage.ru_maxrss) * 1024;
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

constexpr qint64 kLimit = 100ll << 20;

} // namespace

class TestMaxMemory : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testRunStaysWithinLimitAndEqualsSingleRun()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString input = dir.filePath("events.jsonl");
        // About 730,000 events (126 MB): a single run holds more than 100 MB (about 120 MB).
        QCOMPARE(runEtl({"generate", "--mode", "realistic", "--customers", "40000", "--weeks", "26", "--seed", "2",
                         "--bad", "10", "-o", input}),
                 0);
        const qint64 generatorPeak = peakChildRss();
        QVERIFY2(generatorPeak < kLimit,
                 "the generator alone went over the limit: the measure below would mean nothing");

        // First the bounded run: the peak so far is then the larger of the generator's and its own.
        QString err;
        QCOMPARE(runEtl({"--max-memory", "100M", "--top", "5", "--quiet", "-o", dir.filePath("bounded"), input}, &err),
                 0);
        const qint64 boundedPeak = peakChildRss();
        QVERIFY2(boundedPeak < kLimit, qPrintable(QStringLiteral("peak %1 MB").arg(boundedPeak >> 20)));
        // The scratch partitions are gone.
        QCOMPARE(QDir(dir.filePath("bounded")).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).size(),
                 6);

        QCOMPARE(runEtl({"--top", "5", "--quiet", "-o", dir.filePath("single"), input}), 0);
        const qint64 singlePeak = peakChildRss();
        QVERIFY2(singlePeak > kLimit,
                 qPrintable(QStringLiteral("the single run took %1 MB: the file is too small to test the limit")
                                .arg(singlePeak >> 20)));

        for (const char* file :
             {"output_t1.txt", "output_ltv_specs.txt", "output_ltv_final.txt", "output.txt", "rejected.csv"}) {
            const QByteArray expected = readAll(dir.filePath(QStringLiteral("single/") + file));
            QVERIFY(!expected.isEmpty());
            QVERIFY2(readAll(dir.filePath(QStringLiteral("bounded/") + file)) == expected, file);
        }
        QJsonObject single = QJsonDocument::fromJson(readAll(dir.filePath("single/run.json"))).object();
        QJsonObject bounded = QJsonDocument::fromJson(readAll(dir.filePath("bounded/run.json"))).object();
        for (QJsonObject* o : {&single, &bounded}) {
            o->remove("finished_utc");
            o->remove("timings_ms");
        }
        QCOMPARE(bounded, single);
    }

    void testSmallRunIsNotPartitioned()
    {
        QTemporaryDir dir;
        QProcess p;
        p.start(QStringLiteral(CLV_ETL_BINARY),
                {"--max-memory", "1G", "-o", dir.filePath("out"), QStringLiteral(CLV_TEST_DATA_DIR "/seed/input.txt")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        // A single run's report has the pipeline's own steps.
        QVERIFY(QJsonDocument::fromJson(readAll(dir.filePath("out/run.json")))
                    .object()
                    .value("timings_ms")
                    .toObject()
                    .contains("analyse.group"));
    }

    void testBadSizeIsAUsageError()
    {
        const QString seed = QStringLiteral(CLV_TEST_DATA_DIR "/seed/input.txt");
        QTemporaryDir dir;
        QString err;
        QCOMPARE(runEtl({"--max-memory", "lots", "-o", dir.path(), seed}, &err), 1);
        QVERIFY(err.contains("--max-memory must be a size"));
        QCOMPARE(runEtl({"--max-memory", "10M", "-o", dir.path(), seed}, &err), 1);
        QVERIFY(err.contains("at least"));
    }
};

QTEST_GUILESS_MAIN(TestMaxMemory)
#include "tst_maxmemory.moc"
