#pragma once

// What the window benchmarks share: an application that can time each event it handles, a
// meter of the event loop's longest stall, and a way to let the loop run for a while.
//
// Both also count the UI thread's own processor time. On a shared machine a stall can be the
// window working or the window waiting for a processor; the two figures tell them apart.

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>

namespace clv::bench {

// Now on the monotonic clock, in nanoseconds: when handlers and stalls happened, comparable.
inline qint64 monotonicNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// The processor time the calling thread has used, in nanoseconds.
inline qint64 threadCpuNs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return qint64(now.tv_sec) * 1000000000 + now.tv_nsec;
}

// Times each event the window handles, so that a stall can be told apart from the machine
// being busy: --explain prints the slowest handlers, by receiver and event type.
class TimedApplication : public QApplication {
public:
    using QApplication::QApplication;
    bool explain = false;

    bool notify(QObject* receiver, QEvent* event) override
    {
        if (!explain || m_depth > 0)
            return QApplication::notify(receiver, event);
        ++m_depth;
        // Described first: the event may delete its receiver (DeferredDelete).
        QString what = QStringLiteral("%1 \"%2\"%3 event %4")
                           .arg(QLatin1String(receiver->metaObject()->className()), receiver->objectName(),
                                namedAncestor(receiver))
                           .arg(int(event->type()));
        QElapsedTimer clock;
        clock.start();
        const qint64 cpuStart = threadCpuNs();
        const bool done = QApplication::notify(receiver, event);
        const qint64 ms = clock.elapsed();
        const qint64 cpuMs = (threadCpuNs() - cpuStart) / 1000000;
        --m_depth;
        if (ms > 8 || cpuMs > 4)
            m_slow.append({ms, cpuMs, monotonicNs(), std::move(what)});
        return done;
    }
    // The slowest handlers by the clock, then the ones that used the most processor time; with
    // when each ended, in seconds after `origin` (monotonicNs()), to match them with stalls.
    void printSlowest(qint64 origin)
    {
        auto print = [origin](const Handler& h) {
            std::printf("    handler %lld ms (cpu %lld ms) ending %.3f s: %s\n", static_cast<long long>(h.ms),
                        static_cast<long long>(h.cpuMs), (h.endNs - origin) / 1e9, qPrintable(h.what));
        };
        m_slow.removeIf([origin](const Handler& h) { return h.endNs < origin; }); // before the meter started
        std::sort(m_slow.begin(), m_slow.end(), [](const Handler& a, const Handler& b) { return a.ms > b.ms; });
        const qsizetype byClock = std::min<qsizetype>(m_slow.size(), 12);
        for (qsizetype i = 0; i < byClock; ++i)
            print(m_slow[i]);
        std::sort(m_slow.begin() + byClock, m_slow.end(),
                  [](const Handler& a, const Handler& b) { return a.cpuMs > b.cpuMs; });
        for (qsizetype i = byClock; i < std::min<qsizetype>(m_slow.size(), byClock + 6); ++i)
            if (m_slow[i].cpuMs > 4)
                print(m_slow[i]);
        m_slow.clear();
    }

private:
    // Qt's own parts are unnamed or named by Qt ("qt_scrollarea_viewport"): the nearest ancestor
    // with a name of ours says whose they are.
    static bool namedByUs(const QObject* object)
    {
        return !object->objectName().isEmpty() && !object->objectName().startsWith(QLatin1String("qt_"));
    }
    static QString namedAncestor(const QObject* object)
    {
        if (namedByUs(object))
            return {};
        for (const QObject* up = object->parent(); up; up = up->parent())
            if (namedByUs(up))
                return QStringLiteral(" in %1 \"%2\"")
                    .arg(QLatin1String(up->metaObject()->className()), up->objectName());
        return {};
    }

    struct Handler {
        qint64 ms;
        qint64 cpuMs;
        qint64 endNs; // monotonicNs()
        QString what;
    };
    int m_depth = 0;
    QList<Handler> m_slow;
};

// A timer that should fire every 2 ms: any longer gap is the event loop standing still.
class StallMeter {
public:
    StallMeter()
    {
        m_ticker.setInterval(2);
        QObject::connect(&m_ticker, &QTimer::timeout, [this] {
            const qint64 gap = m_sinceTick.restart();
            const qint64 cpu = threadCpuNs();
            const qint64 cpuGap = (cpu - m_cpuAtTick) / 1000000;
            m_cpuAtTick = cpu;
            m_longest = std::max(m_longest, gap);
            m_longestCpu = std::max(m_longestCpu, cpuGap);
            if (gap > 16)
                m_stalls.append({m_clock.elapsed(), gap, cpuGap});
        });
    }
    void start()
    {
        m_longest = 0;
        m_longestCpu = 0;
        m_stalls.clear();
        m_clock.start();
        m_startedAt = monotonicNs();
        m_sinceTick.start();
        m_cpuAtTick = threadCpuNs();
        m_ticker.start();
    }
    qint64 stop()
    {
        m_ticker.stop();
        return m_longest;
    }
    // The longest processor time the UI thread used between two ticks: the window's own part
    // of the longest stall, whatever else the machine did meanwhile.
    qint64 longestCpu() const { return m_longestCpu; }
    void printStalls() const
    {
        for (const Stall& stall : m_stalls)
            std::printf("    stall of %lld ms (cpu %lld ms) ending %.3f s after the start\n",
                        static_cast<long long>(stall.gap), static_cast<long long>(stall.cpu), stall.at / 1000.0);
    }
    qint64 elapsedNs() const { return m_clock.nsecsElapsed(); }
    qint64 startedAt() const { return m_startedAt; } // monotonicNs()

private:
    QTimer m_ticker;
    QElapsedTimer m_sinceTick;
    QElapsedTimer m_clock;
    qint64 m_startedAt = 0;
    qint64 m_longest = 0;
    qint64 m_longestCpu = 0;
    qint64 m_cpuAtTick = 0;
    struct Stall {
        qint64 at;
        qint64 gap;
        qint64 cpu;
    };
    QList<Stall> m_stalls;
};

// Lets the event loop run for `ms` (paints and queued work included).
inline void runFor(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace clv::bench
