#pragma once

#include "io/ChunkParser.h"
#include "io/EventReader.h"
#include "io/InputStream.h"

#include <QFuture>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

class QThreadPool;

namespace clv {

// Streams one file (or text in memory) through the worker pool and merges what the
// workers make into the run's result, in input order. While the workers parse one step,
// this thread merges the step before and reads the step after.
class FileStreamer {
public:
    FileStreamer(const ReaderOptions& options, QThreadPool* pool, ReadResult& result, std::uint32_t fileIndex)
        : m_options(options), m_pool(pool), m_result(result), m_fileIndex(fileIndex)
    {
        m_chunkOptions.maxLineBytes = options.maxLineBytes;
        m_chunkOptions.payloadHashes = options.payloadHashes;
        m_workers = std::max(1, pool->maxThreadCount());
    }

    // Returns false when the run must stop (cancelled, or strict mode met a rejection).
    bool stream(InputStream* device, std::string_view text, const JobControl* control, qint64 totalBytes);

private:
    // One worker's share of a step: the lines it parses, and what it made of them. Kept
    // from step to step so that its columns' memory is reused instead of faulted in anew.
    struct Piece {
        std::string_view text;
        ChunkOptions options;
        ChunkResult result;
    };

    // A step of a file: bytes read in one go, cut into pieces that end at line ends.
    struct Step {
        std::vector<char> buffer;
        std::size_t filled = 0;
        std::vector<Piece> pieces;
        std::size_t pieceCount = 0;
        QFuture<void> parsing;
    };

    void startParsing(Step& step, std::string_view lines);
    bool findTableLayout(std::string_view lines);
    void tableIsUnreadable(const std::string& problem);
    std::string overlongFirstLine(std::uint32_t lineNumber) const;
    bool finish(Step& step);
    bool merge(ChunkResult& chunk);
    void rejectOverlongLine(std::string_view start);
    void reportReadFailure(const InputStream& device);

    const ReaderOptions& m_options;
    QThreadPool* m_pool;
    ReadResult& m_result;
    std::uint32_t m_fileIndex;
    int m_workers = 1;
    std::uint32_t m_lineBase = 0;
    // Tables: the lines handed to pieces so far. A row's order is named by its line in the
    // file, which a piece must know before it is parsed — not only once it is merged, as
    // m_lineBase does.
    std::uint32_t m_linesCut = 0;
    ChunkOptions m_chunkOptions;
    Step m_steps[2];
};

} // namespace clv
