// The one background-job helper: answers on the asking thread, only the newest generation's,
// progress thinned and delivered, and nothing waits for a superseded job.
#include "util/JobTracker.h"

#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>
#include <optional>

using namespace clv;

class TestJobTracker : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testAnswerArrivesOnTheAskingThread()
    {
        QObject context;
        QThreadPool pool;
        JobTracker jobs(&context, &pool);
        QThread* workedOn = nullptr;
        QThread* answeredOn = nullptr;
        int answer = 0;
        jobs.start(
            [&](const JobControl&) {
                workedOn = QThread::currentThread();
                return 42;
            },
            [&](int value) {
                answeredOn = QThread::currentThread();
                answer = value;
            });
        QVERIFY(jobs.isRunning());
        QVERIFY(QTest::qWaitFor([&] { return answer != 0; }, 5000));
        QCOMPARE(answer, 42);
        QCOMPARE(answeredOn, QThread::currentThread());
        QVERIFY(workedOn != QThread::currentThread());
        QVERIFY(!jobs.isRunning());
    }

    // A new run while the old one is still cancelling: start() returns before the old job
    // ends (the old job can only end after it returned), the old job is told to stop and its
    // answer is dropped.
    void testStartingANewJobDoesNotWaitForTheOldOne()
    {
        QObject context;
        QThreadPool pool;
        pool.setMaxThreadCount(1); // the new job queues behind the old one, as a session's do
        JobTracker jobs(&context, &pool);
        std::atomic<bool> release{false};
        std::atomic<bool> sawCancel{false};
        QStringList answers;
        jobs.start(
            [&](const JobControl& control) {
                while (!release)
                    QThread::msleep(1);
                sawCancel = control.isCancelled();
                return QStringLiteral("old");
            },
            [&](const QString& a) { answers << a; });
        // Were start() to wait for the old job, only this safety valve would end it.
        std::atomic<bool> releasedByValve{false};
        std::unique_ptr<QThread> valve(QThread::create([&] {
            QThread::sleep(2);
            releasedByValve = !release.exchange(true);
        }));
        valve->start();
        jobs.start([](const JobControl&) { return QStringLiteral("new"); }, [&](const QString& a) { answers << a; });
        release = true;
        QVERIFY(QTest::qWaitFor([&] { return !answers.isEmpty(); }, 10000));
        QTest::qWait(50);
        QCOMPARE(answers, QStringList{QStringLiteral("new")});
        QVERIFY(sawCancel);
        valve->wait();
        QVERIFY(!releasedByValve);
    }

    void testCancelStillDeliversTheCancelledAnswer()
    {
        QObject context;
        QThreadPool pool;
        JobTracker jobs(&context, &pool);
        std::atomic<bool> started{false};
        std::optional<bool> cancelled;
        jobs.start(
            [&](const JobControl& control) {
                started = true;
                while (!control.isCancelled())
                    QThread::msleep(1);
                return true;
            },
            [&](bool c) { cancelled = c; });
        QVERIFY(QTest::qWaitFor([&] { return started.load(); }, 5000));
        jobs.cancel();
        QVERIFY(QTest::qWaitFor([&] { return cancelled.has_value(); }, 5000));
        QVERIFY(*cancelled);
    }

    void testProgressIsThinnedToWholePercentsAndDelivered()
    {
        QObject context;
        QThreadPool pool;
        JobTracker jobs(&context, &pool);
        QList<double> seen;
        jobs.setProgressHandler([&](const QString&, double fraction) { seen << fraction; });
        bool done = false;
        jobs.start(
            [](const JobControl& control) {
                for (int i = 0; i <= 10000; ++i)
                    control.report(QStringLiteral("Reading"), i / 10000.0);
                return 0;
            },
            [&](int) { done = true; });
        QVERIFY(QTest::qWaitFor([&] { return done; }, 5000));
        QCoreApplication::processEvents();
        QVERIFY(seen.size() >= 2);
        QVERIFY(seen.size() <= 101);
        QCOMPARE(seen.last(), 1.0);
    }

    // A tracker destroyed while its job runs: the job ends on its own and answers no one.
    void testAnswerAfterTheTrackerIsGoneReachesNoOne()
    {
        QThreadPool pool;
        std::atomic<bool> release{false};
        bool answered = false;
        {
            QObject context;
            JobTracker jobs(&context, &pool);
            jobs.start(
                [&](const JobControl&) {
                    while (!release)
                        QThread::msleep(1);
                    return 1;
                },
                [&](int) { answered = true; });
        }
        release = true;
        QVERIFY(pool.waitForDone(5000));
        QTest::qWait(20);
        QVERIFY(!answered);
    }
};

QTEST_GUILESS_MAIN(TestJobTracker)
#include "tst_jobtracker.moc"
