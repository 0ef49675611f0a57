#pragma once

#include <QString>

#include <atomic>
#include <functional>
#include <mutex>

namespace clv {

// What a long-running core operation reports to its caller, and how the caller asks it
// to stop. Safe to use from any worker thread: the progress callback is serialised and
// called on the reporting thread, so a UI must forward it through a queued signal.
class JobControl {
public:
    using ProgressCallback = std::function<void(const QString& stage, double fraction)>;

    JobControl() = default;
    explicit JobControl(ProgressCallback callback) : m_callback(std::move(callback)) {}

    void cancel() { m_cancelled.store(true, std::memory_order_relaxed); }
    bool isCancelled() const { return m_cancelled.load(std::memory_order_relaxed); }

    // fraction is in [0, 1] for the named stage.
    void report(const QString& stage, double fraction) const
    {
        if (!m_callback)
            return;
        std::lock_guard lock(m_mutex);
        m_callback(stage, fraction);
    }

private:
    ProgressCallback m_callback;
    std::atomic<bool> m_cancelled{false};
    mutable std::mutex m_mutex;
};

} // namespace clv
