#pragma once

// What the window benchmarks share: an application that can time each event it handles, a
// meter of the event loop's longest stall, and a way to let the loop run for a while.

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <algorithm>
#include <cstdio>

namespace clv::bench {

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
        QElapsedTimer clock;
        clock.start();
        const QString what = QStringLiteral("%1 \"%2\" event %3")
                                 .arg(QLatin1String(receiver->metaObject()->className()), receiver->objectName())
                                 .arg(int(event->type()));
        const bool done = QApplication::notify(receiver, event);
        const qint64 ms = clock.elapsed();
        --m_depth;
        if (ms > 8)
            m_slow.append({ms, what});
        return done;
    }
    void printSlowest()
    {
        std::sort(m_slow.begin(), m_slow.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
        for (int i = 0; i < std::min<qsizetype>(m_slow.size(), 12); ++i)
            std::printf("    handler %lld ms: %s\n", static_cast<long long>(m_slow[i].first),
                        qPrintable(m_slow[i].second));
        m_slow.clear();
    }

private:
    int m_depth = 0;
    QList<QPair<qint64, QString>> m_slow;
};

// A timer that should fire every 2 ms: any longer gap is the event loop standing still.
class StallMeter {
public:
    StallMeter()
    {
        m_ticker.setInterval(2);
        QObject::connect(&m_ticker, &QTimer::timeout, [this] {
            const qint64 gap = m_sinceTick.restart();
            m_longest = std::max(m_longest, gap);
            if (gap > 16)
                m_stalls.append({m_clock.elapsed(), gap});
        });
    }
    void start()
    {
        m_longest = 0;
        m_stalls.clear();
        m_clock.start();
        m_sinceTick.start();
        m_ticker.start();
    }
    qint64 stop()
    {
        m_ticker.stop();
        return m_longest;
    }
    void printStalls() const
    {
        for (const auto& [at, gap] : m_stalls)
            std::printf("    stall of %lld ms ending %.3f s after the start\n", static_cast<long long>(gap),
                        at / 1000.0);
    }
    qint64 elapsedNs() const { return m_clock.nsecsElapsed(); }

private:
    QTimer m_ticker;
    QElapsedTimer m_sinceTick;
    QElapsedTimer m_clock;
    qint64 m_longest = 0;
    QList<QPair<qint64, qint64>> m_stalls;
};

// Lets the event loop run for `ms` (paints and queued work included).
inline void runFor(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace clv::bench
