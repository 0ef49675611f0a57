#pragma once

namespace clv {

// Lets malloc back large blocks with transparent huge pages (glibc's glibc.malloc.hugetlb=1
// tunable, which asks the kernel with madvise). Each 4 KiB page first written costs a page
// fault, and on these virtual machines a fault is dear: the columns of 3.6 million events
// are some 200 MB, and faulting them in 2 MiB pages instead took the batch run's read from
// 3.5 s to 2.1 s and a workspace's load from 2.7 s to 1.4 s, for a peak 4% higher.
//
// glibc reads its tunables only when a process starts, so this sets the tunable and starts
// the program again in place (execv of /proc/self/exe with the same arguments) — call it
// first thing in main(), before any thread or file exists. It returns, doing nothing, when
// the tunable is already set (the second start, or a user who chose otherwise) or when the
// program cannot be started again; CLV_NO_HUGE_PAGES=1 turns it off.
void useHugePagesForLargeAllocations(char* argv[]);

} // namespace clv
