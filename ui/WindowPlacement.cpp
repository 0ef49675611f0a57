#include "WindowPlacement.h"

namespace clv {

QRect initialWindowGeometry(const QSize& preferred, const QRect& available)
{
    const QSize fits(available.width() * 9 / 10, available.height() * 9 / 10);
    QRect geometry(QPoint(0, 0), preferred.boundedTo(fits));
    geometry.moveCenter(available.center());
    return geometry;
}

} // namespace clv
