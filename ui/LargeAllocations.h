#pragma once

namespace clv {

// Keeps every large allocation in memory of its own (mmap), for the life of the process.
//
// A view keeps one header section per row, in one array that grows as a table of millions
// reaches it. glibc serves large blocks with mmap, and grows them in place (mremap) — until
// the first large block is freed: glibc then raises its mmap threshold to that block's size
// and serves later ones from the heap, where growing means copying. After one analysis
// replaced another, growing a table's header past 2 million rows copied 25 MB on the UI
// thread (a 25 ms stall). A fixed threshold stops that adjustment.
void keepLargeAllocationsMapped();

} // namespace clv
