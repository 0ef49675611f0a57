// Worker threads that yield to the window's thread: every thread of a pool runs at the lowest
// priority (nice 19 and the idle scheduling class) from then on, the caller's own priority is
// left as it was.
#include "util/BackgroundPriority.h"

#include <QMutex>
#include <QSet>
#include <QTest>
#include <QThreadPool>

#include <latch>
#include <sched.h>
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
    QList<int> policies;
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
                seen.policies << sched_getscheduler(0);
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
        const int callerPolicy = sched_getscheduler(0);
        QVERIFY(callerPolicy != SCHED_IDLE); // else the test says nothing
        QThreadPool pool;
        pool.setMaxThreadCount(3);
        runAtBackgroundPriority(pool);
        QCOMPARE(niceOfThisThread(), callerNice);
        QCOMPARE(sched_getscheduler(0), callerPolicy);

        const Seen seen = runTogether(pool, 3);
        QCOMPARE(seen.threads.size(), 3);
        QVERIFY(!seen.threads.contains(static_cast<int>(gettid())));
        QCOMPARE(seen.nices, QList<int>({19, 19, 19}));
        QCOMPARE(seen.policies, QList<int>({SCHED_IDLE, SCHED_IDLE, SCHED_IDLE}));
    }

    void testAnOrdinaryPoolIsNotLowered()
    {
        QThreadPool pool;
        pool.setMaxThreadCount(2);
        const Seen seen = runTogether(pool, 2);
        QCOMPARE(seen.nices, QList<int>({niceOfThisThread(), niceOfThisThread()}));
        const int policy = sched_getscheduler(0);
        QCOMPARE(seen.policies, QList<int>({policy, policy}));
    }

    void testThreadsKeepTheirPriorityPastTheUsualExpiry()
    {
        QThreadPool pool;
        pool.setMaxThreadCount(1);
        runAtBackgroundPriority(pool);
        QCOMPARE(pool.expiryTimeout(), -1); // an expired thread would come back at nice 0
        QTest::qWait(50);
        const Seen seen = runTogether(pool, 1);
        QCOMPARE(seen.nices, QList<int>({19}));
        QCOMPARE(seen.policies, QList<int>({SCHED_IDLE}));
    }
};

QTEST_GUILESS_MAIN(TestBackgroundPriority)
#include "tst_backgroundpriority.moc"
