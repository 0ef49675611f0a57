#include "widgets/ProgressValue.h"

#include <QProgressBar>

namespace clv {

void setProgressValue(QProgressBar& bar, int value)
{
    if (bar.value() == value)
        return;
    // repaint() does nothing while updates are off; turning them on again schedules update().
    const bool updates = bar.updatesEnabled();
    bar.setUpdatesEnabled(false);
    bar.setValue(value);
    bar.setUpdatesEnabled(updates);
}

} // namespace clv
