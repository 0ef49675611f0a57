#pragma once

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <deque>
#include <functional>

namespace clv {

// Hands rows to the views one turn at a time for every long table of the window: each turn of
// the event loop runs one table's step, so that several tables filling at once (a new run
// fills four) do not add up to one long stall, and input and paints come between two steps.
class RowFeeder : public QObject {
    Q_OBJECT
public:
    static RowFeeder& instance();

    // Runs `step` on a coming turn, for `owner` while it exists; a step returns whether its
    // table wants another turn.
    void schedule(QObject* owner, std::function<bool()> step);

private:
    RowFeeder();
    void runOne();

    struct Waiting {
        QPointer<QObject> owner;
        std::function<bool()> step;
    };
    std::deque<Waiting> m_waiting;
    QTimer m_timer;
};

} // namespace clv
