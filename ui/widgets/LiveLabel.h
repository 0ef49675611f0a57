#pragma once

#include <QLabel>

namespace clv {

// A label whose text changes while the window works: a row count, a run's summary. Its text
// never decides the window's minimum width: a label that asked for more room as its text grew
// would raise the window's minimum size, and a new minimum lays the whole window out again —
// every tab's size hints, 10 to 20 milliseconds of a stalled event loop for each change.
// It shows as much of its text as the space it is given allows.
class LiveLabel : public QLabel {
    Q_OBJECT
public:
    explicit LiveLabel(QWidget* parent = nullptr) : QLabel(parent)
    {
        setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    }
};

} // namespace clv
