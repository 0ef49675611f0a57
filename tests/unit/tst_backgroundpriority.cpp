// Worker threads that yield to the window's thread: every thread of a pool runs at the lowest
// priority from then on, the caller's own priority is left as it was.
#include "util/BackgroundPriority.h"

#include <QMutex>
#include <QSet>
#include <QTest>
#include <QThreadPool>

#include <latch>
#include <sys/resource.h>
#include <unistd.h>

using namespace clv;

namespace {

int niceOfThisThread()
{
    return getpriority(PRIO_PROCESS, static_cast<id_t>(gettid()));
}

struct Seen {
    QSet<int> threads;
    QList<int> nices;
};

// Runs `count` tasks on the pool that wait for each other, so each has a thread of its own
// (QThreadPool::start never runs a task on the caller, as a waited-for QFuture may).
Seen runTogether(QThreadPool& pool, int count)
{
    QMutex mutex;
    Seen seen;
    std::latch together(count);
    std::latch done(count);
    for (int i = 0; i < count; ++i)
        pool.start([&] {
            together.arrive_and_wait();
            {
                const QMutexLocker lock(&mutex);
                seen.threads.insert(static_cast<int>(gettid()));
                seen.nices << niceOfThisThread();
            }
            done.count_down();
        });
    done.wait();
    return seen;
}

} // namespace

class TestBackgroundPriority : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testEveryThreadOfThePoolIsLowered()
    {
        const int callerNice = niceOfThisThread();
        QThreadPool pool;
        pool.setMaxThreadCount(3);
        runAtBackgroundPriority(pool);
        QCOMPARE(niceOfThisThread(), callerNice);

        const Seen seen = runTogether(pool, 3);
        QCOMPARE(seen.threads.size(), 3);
        QVERIFY(!seen.threads.contains(static_cast<int>(gettid())));
        QCOMPARE(seen.nices, QList<int>({19, 19, 19}));
    }

    void testAnOrdinaryPoolIsNotLowered()
    {
        QThreadPool pool;
        pool.setMaxThreadCount(2);
        const Seen seen = runTogether(pool, 2);
        QCOMPARE(seen.nices, QList<int>({niceOfThisThread(), niceOfThisThread()}));
    }

    void testThreadsKeepTheirPriorityPastTheUsualExpiry()
    {
        QThreadPool pool;
        pool.setMaxThreadCount(1);
        runAtBackgroundPriority(pool);
        QCOMPARE(pool.expiryTimeout(), -1); // an expired thread would come back at nice 0
        QTest::qWait(50);
        QCOMPARE(runTogether(pool, 1).nices, QList<int>({19}));
    }
};

QTEST_GUILESS_MAIN(TestBackgroundPriority)
#include "tst_backgroundpriority.moc"
