#include "util/BackgroundPriority.h"

#include <QThread>
#include <QThreadPool>

#include <latch>
#include <memory>

#ifdef Q_OS_LINUX
#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace clv {

namespace {

// The lowest priority: a worker woken while the window's thread runs no longer takes its core
// (nice 5 still did, for 4–5 ms at a time). It costs the analysis nothing against other
// programs: with autogrouping (Debian's default) a thread's nice value weighs only against
// threads of the same session, and the window's thread is idle most of the time.
constexpr int kBackgroundNice = 19;

void lowerThisThread()
{
#ifdef Q_OS_LINUX
    // Linux keeps a nice value per thread; Qt's thread priorities leave ordinary (SCHED_OTHER)
    // threads as they are, so the thread lowers its own. Raising it is always allowed.
    setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), kBackgroundNice);
    // Lower still: a thread of SCHED_IDLE gives way at once to any ordinary thread that wakes,
    // where a nice one keeps its core until the scheduler's next tick. The window waits for
    // such threads: Qt's raster engine hands larger fills to its own thread pool and waits
    // for them, and the window's malloc may wait for a worker holding the allocator's lock.
    // Measured on 2 cores (five alternated series of clv-gui-bench): the time the window's
    // thread stood still without working fell from 126–205 ms to 34–54 ms per series.
    // Within its autogroup the analysis still gets every moment the window leaves.
    sched_param unused{};
    sched_setscheduler(0, SCHED_IDLE, &unused); // 0: this thread; on failure nice 19 stands
#else
    QThread::currentThread()->setPriority(QThread::LowPriority);
#endif
}

} // namespace

void runAtBackgroundPriority(QThreadPool& pool)
{
    pool.setExpiryTimeout(-1); // a new thread would start at the normal priority again
    const int threads = pool.maxThreadCount();
    // Each task holds its thread until all have started, so that every thread gets one. The
    // latch is shared: the last tasks may still be leaving it when this call returns.
    const auto started = std::make_shared<std::latch>(threads);
    for (int i = 0; i < threads; ++i)
        pool.start([started] {
            lowerThisThread();
            started->arrive_and_wait();
        });
    started->wait();
}

} // namespace clv
