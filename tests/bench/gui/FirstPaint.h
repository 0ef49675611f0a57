#pragma once

#include <QAbstractItemView>
#include <QCoreApplication>
#include <QEvent>
#include <QObject>

#include <functional>

namespace clv::bench {

// Calls `shown` once, right after a view's viewport has painted rows for the first time: the
// moment a table is on screen. The paint is the window's own, in its own turn of the event
// loop, as it comes for a user; forcing one from the model's reset would add the paint's time
// to the turn that hands the table over and time a stall the window never has.
class FirstPaint final : public QObject {
public:
    FirstPaint(QAbstractItemView* view, std::function<void()> shown) : m_view(view), m_shown(std::move(shown))
    {
        m_view->viewport()->installEventFilter(this);
    }

    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (watched != m_view->viewport() || event->type() != QEvent::Paint || !m_view->model()
            || m_view->model()->rowCount() == 0)
            return false;
        // Paint now, without this filter, so that the time taken is that of a finished paint.
        watched->removeEventFilter(this);
        QCoreApplication::sendEvent(watched, event);
        m_shown();
        return true;
    }

private:
    QAbstractItemView* m_view;
    std::function<void()> m_shown;
};

} // namespace clv::bench
