// clv-cluster on a local Dask cluster of two worker processes on 127.0.0.1: the same files as
// a single clv-etl run, also when the worker running a task is killed mid-run. Real processes:
// /usr/bin/python3, Dask's scheduler and workers, clv-etl in each task.
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

namespace {

const QString kPython = QStringLiteral("/usr/bin/python3");

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QJsonObject reportWithoutTimes(const QString& path)
{
    QJsonObject o = QJsonDocument::fromJson(readAll(path)).object();
    o.remove("finished_utc");
    o.remove("timings_ms");
    return o;
}

qint64 parentOf(qint64 pid)
{
    static const QRegularExpression ppid(QStringLiteral("PPid:\\s*(\\d+)"));
    const auto m = ppid.match(QString::fromLatin1(readAll(QStringLiteral("/proc/%1/status").arg(pid))));
    return m.hasMatch() ? m.captured(1).toLongLong() : 0;
}

// Whether `pid` descends from `ancestor`.
bool descendsFrom(qint64 pid, qint64 ancestor)
{
    for (qint64 p = parentOf(pid); p > 1; p = parentOf(p))
        if (p == ancestor)
            return true;
    return false;
}

// A running clv-etl process started under `cluster` whose command line has `word`, and its
// parent's pid: the worker. Only the cluster's own processes count: other tests running at
// the same time start clv-etl with the same words.
qint64 workerRunning(const QString& word, qint64 cluster)
{
    const QDir proc(QStringLiteral("/proc"));
    for (const QString& entry : proc.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        bool isPid = false;
        const qint64 pid = entry.toLongLong(&isPid);
        if (!isPid)
            continue;
        const QList<QByteArray> argv = readAll(proc.filePath(entry + "/cmdline")).split('\0');
        if (argv.size() < 2 || !argv[0].endsWith("clv-etl") || !argv.contains(word.toUtf8()))
            continue;
        if (descendsFrom(pid, cluster))
            return parentOf(pid);
    }
    return 0;
}

} // namespace

class TestCluster : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_input;

    void compareWithSingleRun(const QString& out)
    {
        for (const char* file :
             {"output_t1.txt", "output_ltv_specs.txt", "output_ltv_final.txt", "output.txt", "rejected.csv"}) {
            const QByteArray expected = readAll(m_dir.filePath(QStringLiteral("single/") + file));
            QVERIFY(!expected.isEmpty());
            QVERIFY2(readAll(out + '/' + file) == expected, file);
        }
        QCOMPARE(reportWithoutTimes(out + "/run.json"), reportWithoutTimes(m_dir.filePath("single/run.json")));
        // Only the output files: the partitions' scratch folder is gone.
        QCOMPARE(QDir(out).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).size(), 6);
    }

    void startCluster(QProcess& p, const QString& out)
    {
        p.setWorkingDirectory(m_dir.path());
        p.start(kPython,
                {QStringLiteral(CLV_CLUSTER_SCRIPT), "--local-workers", "2", "--partitions", "6", "--clv-etl",
                 QStringLiteral(CLV_ETL_BINARY), "--top", "5", "--formula", "weekly", "events.jsonl", "-o", out});
        QVERIFY(p.waitForStarted());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QProcess probe;
        probe.start(kPython, {"-c", "import distributed"});
        if (!probe.waitForFinished(60000) || probe.exitCode() != 0)
            QSKIP("Dask distributed cannot be imported by /usr/bin/python3 (Debian: python3-distributed); "
                  "clv-cluster is not tested");
        QVERIFY(m_dir.isValid());
        m_input = m_dir.filePath("events.jsonl");
        // Large enough that splitting it takes a while: the worker doing it can be killed meanwhile.
        QCOMPARE(QProcess::execute(QStringLiteral(CLV_ETL_BINARY),
                                   {"generate", "--mode", "realistic", "--customers", "30000", "--weeks", "26",
                                    "--seed", "5", "--bad", "10", "-o", m_input}),
                 0);
        QProcess single;
        single.setWorkingDirectory(m_dir.path());
        single.start(QStringLiteral(CLV_ETL_BINARY),
                     {"--top", "5", "--formula", "weekly", "--quiet", "events.jsonl", "-o", m_dir.filePath("single")});
        QVERIFY(single.waitForFinished(120000));
        QCOMPARE(single.exitCode(), 0);
    }

    void testLocalClusterEqualsSingleRun()
    {
        QProcess p;
        const QString out = m_dir.filePath("cluster");
        startCluster(p, out);
        QVERIFY(p.waitForFinished(300000));
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(p.exitCode() == 0, qPrintable(err));
        QVERIFY2(err.contains("[8/8] merge done"), qPrintable(err));
        compareWithSingleRun(out);
    }

    void testRunSurvivesAWorkerKilledMidTask()
    {
        QProcess p;
        const QString out = m_dir.filePath("cluster-killed");
        startCluster(p, out);
        // The worker running the split is killed while it runs: the scheduler gives the task
        // to the other worker (and the nanny starts a new one).
        qint64 worker = 0;
        QElapsedTimer clock;
        clock.start();
        while (worker == 0 && clock.elapsed() < 120000 && p.state() == QProcess::Running) {
            worker = workerRunning(QStringLiteral("partition"), p.processId());
            if (worker == 0)
                QTest::qWait(5);
        }
        if (worker == 0)
            p.kill();
        QVERIFY2(worker > 0, "the split never ran");
        QCOMPARE(::kill(static_cast<pid_t>(worker), SIGKILL), 0);
        QVERIFY(p.waitForFinished(300000));
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(p.exitCode() == 0, qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("pid %1").arg(worker)), qPrintable(err));
        compareWithSingleRun(out);
    }

    void testUsageErrors()
    {
        QProcess p;
        p.start(kPython, {QStringLiteral(CLV_CLUSTER_SCRIPT), "events.jsonl", "-o", m_dir.filePath("x")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 2); // argparse: neither --scheduler nor --local-workers
        p.start(kPython,
                {QStringLiteral(CLV_CLUSTER_SCRIPT), "--local-workers", "1", "--workspace", "w.clvdb", "events.jsonl"});
        QVERIFY(p.waitForFinished(60000));
        QVERIFY(QString::fromUtf8(p.readAllStandardError()).contains("--workspace is not for a cluster run"));
    }
};

QTEST_GUILESS_MAIN(TestCluster)
#include "tst_cluster.moc"
