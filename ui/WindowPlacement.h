#pragma once

#include <QRect>
#include <QSize>

namespace clv {

// Where a window opens when no saved geometry says: at its `preferred` size, but no larger
// than nine tenths of the screen's `available` area (a 1366×768 laptop, a 4K screen scaled
// to 200%), centred on that area.
QRect initialWindowGeometry(const QSize& preferred, const QRect& available);

} // namespace clv
