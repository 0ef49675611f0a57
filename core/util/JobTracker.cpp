#include "util/JobTracker.h"

#include "util/ComputePool.h"

namespace clv {

void JobTracker::Channel::post(std::function<void()> call)
{
    std::lock_guard lock(mutex);
    if (context)
        QMetaObject::invokeMethod(context.data(), std::move(call), Qt::QueuedConnection);
}

JobTracker::JobTracker(QObject* context, QThreadPool* pool)
    : m_pool(pool ? pool : computePool()), m_channel(std::make_shared<Channel>())
{
    m_channel->context = context;
    m_channel->tracker = this;
}

JobTracker::~JobTracker()
{
    if (m_control)
        m_control->cancel();
    std::lock_guard lock(m_channel->mutex);
    m_channel->context = nullptr;
    m_channel->tracker = nullptr;
}

void JobTracker::supersede()
{
    ++m_generation;
    m_running = 0;
    if (m_control)
        m_control->cancel();
    m_control.reset();
}

std::shared_ptr<JobControl> JobTracker::controlFor(quint64 generation)
{
    if (m_control)
        return m_control;
    // Progress crosses to the UI thread as queued calls, thinned to whole percents so that a
    // fast job cannot flood the event loop.
    auto last = std::make_shared<std::pair<QString, int>>(QString(), -1);
    std::shared_ptr<Channel> channel = m_channel;
    m_control = std::make_shared<JobControl>([channel, generation, last](const QString& stage, double fraction) {
        const int percent = static_cast<int>(fraction * 100);
        if (last->first == stage && last->second == percent)
            return;
        *last = {stage, percent};
        channel->post([channel, generation, stage, fraction] {
            JobTracker* tracker = channel->tracker;
            if (tracker && tracker->m_generation == generation && tracker->m_progress)
                tracker->m_progress(stage, fraction);
        });
    });
    return m_control;
}

bool JobTracker::accept(quint64 generation)
{
    if (generation != m_generation)
        return false; // an answer to a question no longer asked
    if (m_running > 0 && --m_running == 0)
        m_control.reset();
    return true;
}

} // namespace clv
