#pragma once

#include <string>

namespace clv {

// Tunes glibc's malloc for what the engine allocates: a few large column buffers, filled once.
// Each page first written costs a fault that zeroes it, and on these virtual machines a
// fault is dear (a quarter of the batch run's CPU time went to the fault handler). Two
// glibc tunables make fewer faults:
// - glibc.malloc.hugetlb=1 backs large blocks with transparent huge pages (madvise): the
//   columns of 3.6 million events are some 200 MB, and faulting them in 2 MiB pages took the
//   batch run's read from 3.5 s to 2.1 s and a workspace's load from 2.7 s to 1.4 s;
// - glibc.malloc.arena_max=1 keeps every thread in one arena, so that a buffer freed on one
//   worker is reused by the next, on any thread, instead of each thread's arena handing its
//   free pages back to the kernel and faulting new ones in: the batch run's 35,000 faults
//   became 8,000 and its peak went from 495 to 478 MiB, its CPU time down by 5–25 %; its wall
//   time is lower in two of three series of alternated runs (1.36–1.63 s against 1.56–1.98 s,
//   1.46–1.82 s against 1.36–1.82 s, 1.43–1.91 s against 1.54–1.90 s): the machine's noise is
//   as large. The engine's threads allocate rarely, so they hardly wait for the arena's lock.
//   The window's thread does wait for it now and then: it allocates all the time, and when a
//   worker holding the lock is off its core (nice 19 gives way to everything), the window stood
//   still 9–13 ms with nothing to do as results arrived, in four of six runs. glibc's own
//   arenas end that wait, but they cost more than it: the window showed the benchmark
//   workspace's LTV table in 1.09–1.78 s instead of 0.41–0.59 s, and the JSON file's in
//   0.93–1.21 s instead of 0.79–0.91 s. So the window keeps one arena too.
//
// glibc reads its tunables only when a process starts, so this sets them and starts the
// program again in place (execv of the program's file with the same arguments) — call it
// first thing in main(), before any thread or file exists. It returns, doing nothing, when both
// are set already (the second start, or a user who chose otherwise: a tunable set in
// GLIBC_TUNABLES is kept) or when the program cannot be started again; CLV_PLAIN_MALLOC=1
// turns it off.
void tuneMallocForLargeBuffers(char* argv[]);

// GLIBC_TUNABLES as tuneMallocForLargeBuffers sets it, given its value now (null when unset),
// or an empty string when both tunables are there already.
std::string tunedMallocTunables(const char* current);

} // namespace clv
