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
// A program that ends when its work is done (clv-etl) also keeps the memory it frees for its next
// stage instead of handing it back to the kernel and faulting it in again:
// - glibc.malloc.mmap_threshold=32 MiB serves blocks up to 32 MiB (a column of 3.6 million
//   ids, a block's lines) from the heap, where a freed one is reused, instead of mapping each;
// - glibc.malloc.trim_threshold=1 GiB leaves the heap's free top in place.
// A new workspace's save took 3.52–3.62 s instead of 3.69–3.85 s (system time 0.48–0.53 s
// against 0.65–0.78 s) and the batch run 1.13–1.25 s instead of 1.24–1.25 s, in alternated
// runs, for a peak 5–15 MB higher. The window keeps glibc's defaults for these two: it runs for
// hours, and memory freed when a large file is closed should go back to the system.
//
// glibc reads its tunables only when a process starts, so this sets them and starts the
// program again in place (execv of the program's file with the same arguments) — call it
// first thing in main(), before any thread or file exists. It returns, doing nothing, when all
// are set already (the second start, or a user who chose otherwise: a tunable set in
// GLIBC_TUNABLES is kept) or when the program cannot be started again; CLV_PLAIN_MALLOC=1
// turns it off.
enum class ProgramLife { EndsWithItsWork, Interactive };
void tuneMallocForLargeBuffers(char* argv[], ProgramLife life);

// GLIBC_TUNABLES as tuneMallocForLargeBuffers sets it, given its value now (null when unset),
// or an empty string when all its tunables are there already.
std::string tunedMallocTunables(const char* current, ProgramLife life);

} // namespace clv
