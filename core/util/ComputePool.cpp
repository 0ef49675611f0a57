#include "util/ComputePool.h"

#include <QThread>
#include <QThreadPool>

namespace clv {

QThreadPool* computePool()
{
    static QThreadPool pool;
    return &pool;
}

} // namespace clv
