#pragma once

#include "util/JobControl.h"

#include <QObject>
#include <QPointer>
#include <QThreadPool>

#include <functional>
#include <memory>
#include <mutex>
#include <utility>

namespace clv {

// The one way the application runs background work: a job runs on a thread pool, reports
// progress (thinned to whole percents per stage) and hands its answer to the UI thread —
// only if nothing newer was asked for meanwhile. Jobs belong to a generation; supersede()
// starts a new one, cancels the jobs of the old one (their JobControl) and drops their
// answers. Nothing ever waits for a job: a superseded job finishes on its own, unseen.
class JobTracker {
public:
    using Progress = std::function<void(const QString& stage, double fraction)>;

    // Answers and progress are delivered in `context`'s thread, never after it is destroyed.
    explicit JobTracker(QObject* context, QThreadPool* pool = nullptr);
    ~JobTracker();
    JobTracker(const JobTracker&) = delete;
    JobTracker& operator=(const JobTracker&) = delete;

    // Called with the progress of the current generation's jobs.
    void setProgressHandler(Progress progress) { m_progress = std::move(progress); }

    // A new generation: every job started before is cancelled and will not be answered.
    void supersede();
    // Asks the current generation's jobs to stop; unlike supersede(), their answers (which say
    // they were cancelled) are still delivered.
    void cancel()
    {
        if (m_control)
            m_control->cancel();
    }
    // Whether a job of the current generation has not answered yet.
    bool isRunning() const { return m_running > 0; }

    // Runs `work(control)` in the current generation; `deliver(result)` gets its answer.
    template <class Work, class Deliver>
    void run(Work work, Deliver deliver)
    {
        using Result = std::invoke_result_t<Work, const JobControl&>;
        const quint64 generation = m_generation;
        std::shared_ptr<JobControl> control = controlFor(generation);
        ++m_running;
        std::shared_ptr<Channel> channel = m_channel;
        m_pool->start([channel, generation, control, work = std::move(work), deliver = std::move(deliver)]() mutable {
            auto result = std::make_shared<Result>(work(*control));
            channel->post([channel, generation, result, deliver = std::move(deliver)]() mutable {
                if (channel->tracker && channel->tracker->accept(generation))
                    deliver(std::move(*result));
            });
        });
    }

    // supersede(), then run(): the usual case of one answer wanted at a time.
    template <class Work, class Deliver>
    void start(Work work, Deliver deliver)
    {
        supersede();
        run(std::move(work), std::move(deliver));
    }

private:
    // How a worker reaches the UI thread: posting under a lock, so that a tracker being
    // destroyed is never posted to.
    struct Channel {
        std::mutex mutex;
        QPointer<QObject> context;
        JobTracker* tracker = nullptr; // touched on the context's thread only, or under the lock
        void post(std::function<void()> call);
    };

    std::shared_ptr<JobControl> controlFor(quint64 generation);
    bool accept(quint64 generation);

    QThreadPool* m_pool;
    std::shared_ptr<Channel> m_channel;
    Progress m_progress;
    quint64 m_generation = 0;
    int m_running = 0;
    std::shared_ptr<JobControl> m_control; // the current generation's
};

} // namespace clv
