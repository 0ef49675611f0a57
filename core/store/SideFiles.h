#pragma once

#include <QString>

namespace clv {

// Files a process keeps beside a workspace while it writes it — FILE-scratch-PID-XXXXXX (a
// second writer's rows), FILE.saving-PID-XXXXXX (a new workspace being built) — are named
// after the process, so that two programs writing beside the same file never take each
// other's, and so that what a killed process left can be told from what a running one uses.

// "FILE" + infix + "PID-": the start of this process's side files of that kind; the caller
// makes the name unique with a tail of letters and digits (QTemporaryFile's XXXXXX).
QString sideFilePrefix(const QString& file, const QString& infix);

// Removes the side files of that kind whose process no longer runs, with every file named
// after them (SQLite's -wal, -shm and -journal, a staged workspace's own scratch files).
// Those of running processes, this one's included, are kept.
void removeSideFilesOfEndedProcesses(const QString& file, const QString& infix);

} // namespace clv
