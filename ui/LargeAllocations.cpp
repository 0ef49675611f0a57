#include "LargeAllocations.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace clv {

void keepLargeAllocationsMapped()
{
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 4 * 1024 * 1024);
#endif
}

} // namespace clv
