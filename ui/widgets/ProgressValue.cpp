#include "widgets/ProgressValue.h"

#include <QProgressBar>

namespace clv {

void setProgressValue(QProgressBar& bar, int value)
{
    if (bar.value() == value)
        return;
    // With updates off (the bar's or a parent's), setValue's repaint() does nothing; turning
    // the bar's own off and on again would leave it forced off once a parent turns them on.
    if (!bar.updatesEnabled()) {
        bar.setValue(value);
        return;
    }
    // repaint() does nothing while updates are off; turning them on again schedules update(),
    // which the window merges into its next frame (even for a change too small to see, which
    // setValue would not have drawn: a small bar, at most once a frame).
    bar.setUpdatesEnabled(false);
    bar.setValue(value);
    bar.setUpdatesEnabled(true);
}

} // namespace clv
