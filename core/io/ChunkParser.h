#pragma once

#include "io/ReadResult.h"
#include "io/TransactionFormat.h"

#include <optional>
#include <string>
#include <string_view>

namespace clv {

// What one worker makes of a run of whole lines: its own event columns and rejections,
// with line numbers counted from the chunk's first line (1-based). The reader merges
// chunks in order, so no lock is taken while parsing.
struct ChunkResult {
    EventStore events;
    std::vector<std::uint64_t> payloadHashes; // per event, when ChunkOptions::payloadHashes
    std::vector<Rejection> rejections;
    std::uint32_t lineCount = 0; // every line, blank ones included
    FileStats stats;
};

// A chunk of a transaction table: its layout, and where the chunk lies in the file, so that
// the header is passed over and each row's order is named by its file and line.
struct TableChunk {
    TransactionLayout layout;
    std::uint32_t headerLine = 0;  // 1-based, in the file; 0 when the table has no header
    std::uint32_t linesBefore = 0; // the file's lines before this chunk
    std::string fileName;          // as the user named the file
};

struct ChunkOptions {
    bool arrayLayout = false; // the file is a JSON array laid out one element per line
    std::size_t maxLineBytes = 64u << 20;
    std::optional<TableChunk> table; // set: the lines are rows of a transaction table
    bool payloadHashes = false;      // hash each accepted event's payload (see PayloadHash)
};

// Fills `chunk` (emptied first, its memory reused) with what `text` holds. A table's row
// counts as one record, accepted or rejected, and makes two events (see PurchaseEvents).
void parseChunk(std::string_view text, const ChunkOptions& options, ChunkResult& chunk);

} // namespace clv
