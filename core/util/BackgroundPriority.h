#pragma once

class QThreadPool;

namespace clv {

// Gives every thread of `pool` a lower scheduling priority than the window's thread, for the
// pool's whole life (its threads no longer expire). With as many busy workers as cores, a
// worker woken by the window would otherwise take the window's core for a whole time slice
// (5–9 ms seen on 2 cores) and the window would stand still meanwhile; the lowest priority
// leaves the window's turns first in line while the workers still get every idle moment.
// On Linux that is nice 19 and the idle scheduling class (SCHED_IDLE).
// Call it while the pool is idle (right after making it): it waits for each thread to start.
void runAtBackgroundPriority(QThreadPool& pool);

} // namespace clv
