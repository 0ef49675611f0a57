#pragma once

#include "io/ReadResult.h"

#include <string_view>

namespace clv {

// What one worker makes of a run of whole lines: its own event columns and rejections,
// with line numbers counted from the chunk's first line (1-based). The reader merges
// chunks in order, so no lock is taken while parsing.
struct ChunkResult {
    EventStore events;
    std::vector<Rejection> rejections;
    std::uint32_t lineCount = 0; // every line, blank ones included
    FileStats stats;
};

struct ChunkOptions {
    bool arrayLayout = false; // the file is a JSON array laid out one element per line
    std::size_t maxLineBytes = 64u << 20;
};

// Fills `chunk` (emptied first, its memory reused) with what `text` holds.
void parseChunk(std::string_view text, const ChunkOptions& options, ChunkResult& chunk);

} // namespace clv
