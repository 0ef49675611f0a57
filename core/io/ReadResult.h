#pragma once

#include "io/InputCollector.h"
#include "model/EventStore.h"

#include <memory>
#include <string>
#include <vector>

namespace clv {

// A line (or one record of a line) that could not be used, and why.
struct Rejection {
    std::uint32_t file = 0; // index into ReadResult::files
    std::uint32_t line = 0; // 1-based
    std::string reason;
    std::string raw; // the line as read, cut to kMaxRawBytes
    static constexpr std::size_t kMaxRawBytes = 4096;
};

// Counts for one input file; over all files they add up to ReadStats.
struct FileStats {
    qint64 lines = 0;   // non-blank lines
    qint64 records = 0; // lines, or array elements, that held an event or should have
    qint64 accepted = 0;
    qint64 rejected = 0;
};

struct ReadResult {
    std::vector<InputFile> files;
    std::vector<FileStats> fileStats;
    QStringList inputProblems;               // files or folders that could not be read at all
    std::vector<SkippedInput> skippedInputs; // folder entries left out (a FIFO, a broken link, ...)
    std::shared_ptr<EventStore> events = std::make_shared<EventStore>();
    // Per event, its payload hash (see PayloadHash) when ReaderOptions::payloadHashes asked
    // for them; empty otherwise.
    std::vector<std::uint64_t> payloadHashes;
    std::vector<Rejection> rejections;
    qint64 bytesRead = 0;
    bool cancelled = false;
    bool stoppedStrict = false; // strict mode met its first rejection

    FileStats totals() const;
};

} // namespace clv
