// The malloc tunables the programs start with: each added to what the user set, a user's own
// value of any kept, nothing to do (no second start) when all are there; a program that ends
// with its work (clv-etl) also keeps the memory it frees, the window does not.
#include "util/MallocTuning.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace clv;

class TestMallocTuning : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testTunables_data()
    {
        QTest::addColumn<QString>("current");
        QTest::addColumn<bool>("unset");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<bool>("endsWithItsWork");
        const char* kKeep = "glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=1073741824";
        QTest::newRow("command, unset") << QString() << true
                                        << QStringLiteral("glibc.malloc.hugetlb=1:glibc.malloc.arena_max=1:%1")
                                               .arg(QLatin1String(kKeep))
                                        << true;
        QTest::newRow("command, user's threshold")
            << "glibc.malloc.mmap_threshold=65536" << false
            << "glibc.malloc.mmap_threshold=65536:glibc.malloc.hugetlb=1:glibc.malloc.arena_max=1:"
               "glibc.malloc.trim_threshold=1073741824"
            << true;
        QTest::newRow("command, all there")
            << QStringLiteral("glibc.malloc.arena_max=1:glibc.malloc.hugetlb=1:%1").arg(QLatin1String(kKeep)) << false
            << "" << true;
        QTest::newRow("unset") << QString() << true << "glibc.malloc.hugetlb=1:glibc.malloc.arena_max=1" << false;
        QTest::newRow("empty") << "" << false << "glibc.malloc.hugetlb=1:glibc.malloc.arena_max=1" << false;
        QTest::newRow("others kept") << "glibc.malloc.tcache_count=0" << false
                                     << "glibc.malloc.tcache_count=0:glibc.malloc.hugetlb=1:glibc.malloc.arena_max=1"
                                     << false;
        QTest::newRow("user's arenas") << "glibc.malloc.arena_max=8" << false
                                       << "glibc.malloc.arena_max=8:glibc.malloc.hugetlb=1" << false;
        QTest::newRow("user's pages") << "glibc.malloc.tcache_count=0:glibc.malloc.hugetlb=0" << false
                                      << "glibc.malloc.tcache_count=0:glibc.malloc.hugetlb=0:glibc.malloc.arena_max=1"
                                      << false;
        QTest::newRow("both there") << "glibc.malloc.arena_max=1:glibc.malloc.hugetlb=1" << false << "" << false;
        // A longer name that merely ends like ours is another tunable.
        QTest::newRow("not a prefix") << "x.glibc.malloc.arena_max=3" << false
                                      << "x.glibc.malloc.arena_max=3:glibc.malloc.hugetlb=1:glibc.malloc.arena_max=1"
                                      << false;
    }

    void testTunables()
    {
        QFETCH(QString, current);
        QFETCH(bool, unset);
        QFETCH(QString, expected);
        QFETCH(bool, endsWithItsWork);
        const std::string text = current.toStdString();
        const ProgramLife life = endsWithItsWork ? ProgramLife::EndsWithItsWork : ProgramLife::Interactive;
        QCOMPARE(QString::fromStdString(tunedMallocTunables(unset ? nullptr : text.c_str(), life)), expected);
    }

    // Started again with the tunables, the program keeps its own name (ps, top, task lists):
    // not "exe", after the link it could be started through.
    void testStartedAgainUnderItsOwnName()
    {
        QProcess etl;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("GLIBC_TUNABLES"));
        env.remove(QStringLiteral("CLV_PLAIN_MALLOC"));
        etl.setProcessEnvironment(env);
        // Its output is not read: the generator waits on a full pipe, alive, until killed.
        etl.start(QStringLiteral(CLV_ETL_BINARY),
                  {QStringLiteral("generate"), QStringLiteral("--customers"), QStringLiteral("50000"),
                   QStringLiteral("--output"), QStringLiteral("-")});
        QVERIFY(etl.waitForStarted());
        QFile status(QStringLiteral("/proc/%1/status").arg(etl.processId()));
        QString name;
        bool tuned = false;
        // The second start happens at once; wait until the running program has the tunables.
        for (int attempt = 0; attempt < 200 && !tuned; ++attempt) {
            QTest::qWait(10);
            QFile environ(QStringLiteral("/proc/%1/environ").arg(etl.processId()));
            tuned = environ.open(QIODevice::ReadOnly)
                && environ.readAll().contains("glibc.malloc.trim_threshold=1073741824");
        }
        QVERIFY(tuned);
        QVERIFY(status.open(QIODevice::ReadOnly));
        for (const QByteArray& line : status.readAll().split('\n'))
            if (line.startsWith("Name:"))
                name = QString::fromUtf8(line.mid(5).trimmed());
        etl.kill();
        etl.waitForFinished();
        QCOMPARE(name, QStringLiteral("clv-etl"));
    }

    // The program started again with the tunables writes what it writes without them.
    void testTunedAndPlainRunsWriteTheSameTables()
    {
        QStringList tables[2];
        for (const bool plain : {false, true}) {
            QTemporaryDir out;
            QProcess etl;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.remove(QStringLiteral("GLIBC_TUNABLES"));
            if (plain)
                env.insert(QStringLiteral("CLV_PLAIN_MALLOC"), QStringLiteral("1"));
            etl.setProcessEnvironment(env);
            etl.start(QStringLiteral(CLV_ETL_BINARY),
                      {QStringLiteral(CLV_TEST_DATA_DIR "/seed/input.txt"), QStringLiteral("--output"), out.path(),
                       QStringLiteral("--quiet")});
            QVERIFY(etl.waitForFinished(60000));
            QCOMPARE(etl.exitCode(), 0);
            for (const char* name : {"output_t1.txt", "output_ltv_specs.txt", "output_ltv_final.txt"}) {
                QFile table(out.filePath(QLatin1String(name)));
                QVERIFY2(table.open(QIODevice::ReadOnly), name);
                tables[plain ? 1 : 0] << QString::fromUtf8(table.readAll());
            }
        }
        QCOMPARE(tables[0].size(), 3);
        QVERIFY(!tables[0].front().isEmpty());
        QCOMPARE(tables[0], tables[1]);
    }
};

QTEST_GUILESS_MAIN(TestMallocTuning)
#include "tst_malloctuning.moc"
