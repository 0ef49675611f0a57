#include "util/BackgroundPriority.h"

#include <QThread>
#include <QThreadPool>

#include <latch>
#include <memory>

#ifdef Q_OS_LINUX
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
