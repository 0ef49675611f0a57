#pragma once

#include "io/ReadResult.h"
#include "util/JobControl.h"

#include <QStringList>

class QThreadPool;

namespace clv {

struct ReaderOptions {
    bool strict = false;    // stop at the first rejected record
    bool recursive = false; // read sub-folders of named folders
    std::size_t maxLineBytes = 64u << 20;
    // Bytes each worker parses per step; the reader holds about workers × this in memory.
    std::size_t pieceBytes = 2u << 20;
    QThreadPool* pool = nullptr; // null: computePool()
};

// Reads event files and folders into an event store, streaming: each file is read in
// steps of whole lines that the worker pool parses in parallel, so memory follows the
// number of events, not the size of the files.
class EventReader {
public:
    explicit EventReader(ReaderOptions options = {}) : m_options(options) {}

    ReadResult read(const QStringList& inputs, const JobControl* control = nullptr) const;
    // Reads text already in memory as if it were a file named `name`.
    ReadResult readText(std::string_view text, const QString& name) const;

private:
    ReaderOptions m_options;
};

} // namespace clv
