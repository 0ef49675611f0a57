#pragma once

#include "io/ReadResult.h"
#include "io/TransactionFormat.h"
#include "util/JobControl.h"

#include <QStringList>

#include <optional>
#include <utility>

class QThreadPool;

namespace clv {

struct ReaderOptions {
    bool strict = false;    // stop at the first rejected record
    bool recursive = false; // read sub-folders of named folders
    std::size_t maxLineBytes = 64u << 20;
    // Bytes each worker parses per step; the reader holds about workers × this in memory.
    std::size_t pieceBytes = 2u << 20;
    QThreadPool* pool = nullptr; // null: computePool()
    // Set: the inputs are transaction tables (SPEC §11), not event files.
    std::optional<TransactionOptions> transactions;
    // Keep each accepted event's payload hash (ReadResult::payloadHashes): for the duplicate
    // filter, and for a workspace, which stores them. Off, it costs nothing.
    bool payloadHashes = false;
};

// Reads event files and folders into an event store, streaming: each file is read in
// steps of whole lines that the worker pool parses in parallel, so memory follows the
// number of events, not the size of the files.
//
// Transaction tables (CSV, TSV or blank-separated purchases, SPEC §11) are read by the same
// reader, given ReaderOptions::transactions:
//
//     ReaderOptions options;
//     options.transactions = TransactionOptions{};                // columns found by header names
//     options.transactions->columns = parseColumnSelection("1,3,5").selection; // or named
//     const ReadResult read = EventReader(options).read({"CDNOW_sample.txt"}, control);
//
// Each file's layout (separator, header, columns) is decided from its first non-blank line
// (detectTransactionLayout); a file that cannot be read as a table is named in
// ReadResult::inputProblems and contributes nothing. Each accepted row is one record in
// FileStats and two events in the store, a SITE_VISIT and an ORDER NEW keyed
// "FILE:LINE" (see PurchaseEvents); a rejected row is a Rejection with its file, line and
// reason, as an event line's. A folder contributes its *.csv, *.tsv and *.txt files.
class EventReader {
public:
    explicit EventReader(ReaderOptions options = {}) : m_options(std::move(options)) {}

    ReadResult read(const QStringList& inputs, const JobControl* control = nullptr) const;
    // Reads text already in memory as if it were a file named `name`.
    ReadResult readText(std::string_view text, const QString& name) const;

private:
    ReaderOptions m_options;
};

} // namespace clv
