#include "models/RowFeeder.h"

namespace clv {

RowFeeder& RowFeeder::instance()
{
    static RowFeeder feeder;
    return feeder;
}

RowFeeder::RowFeeder()
{
    // A zero timer, not a queued call: timers take turns with the window's other timers and
    // input, where queued calls posted back to back would all run before them.
    m_timer.setInterval(0);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &RowFeeder::runOne);
}

void RowFeeder::schedule(QObject* owner, std::function<bool()> step)
{
    m_waiting.push_back({owner, std::move(step)});
    if (!m_timer.isActive())
        m_timer.start();
}

void RowFeeder::runOne()
{
    while (!m_waiting.empty()) {
        Waiting next = std::move(m_waiting.front());
        m_waiting.pop_front();
        if (!next.owner)
            continue; // its table is gone
        if (next.step())
            m_waiting.push_back(std::move(next)); // round-robin between tables
        break;
    }
    if (!m_waiting.empty())
        m_timer.start();
}

} // namespace clv
