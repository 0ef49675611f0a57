#include "io/EventReader.h"

#include "io/ChunkParser.h"

#include <QFile>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>


#include <algorithm>
#include <cstring>

namespace clv {

FileStats ReadResult::totals() const
{
    FileStats sum;
    for (const FileStats& s : fileStats) {
        sum.lines += s.lines;
        sum.records += s.records;
        sum.accepted += s.accepted;
        sum.rejected += s.rejected;
    }
    return sum;
}

namespace {

// One worker's share of a step: the lines it parses, and what it made of them.
struct Piece {
    std::string_view text;
    ChunkOptions options;
    ChunkResult result;
};

// Splits `text` (whole lines) into about `parts` pieces that end at line ends.
std::vector<Piece> splitAtLines(std::string_view text, int parts, const ChunkOptions& options)
{
    std::vector<Piece> pieces;
    const std::size_t target = std::max<std::size_t>(1, text.size() / static_cast<std::size_t>(std::max(parts, 1)));
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = std::min(text.size(), start + target);
        if (end < text.size()) {
            const std::size_t nl = text.find('\n', end);
            end = nl == std::string_view::npos ? text.size() : nl + 1;
        }
        pieces.push_back({text.substr(start, end - start), options, {}});
        start = end;
    }
    return pieces;
}

// Reads one file into `result`; the caller has appended its InputFile already.
class FileIngest {
public:
    FileIngest(const ReaderOptions& options, QThreadPool* pool, ReadResult& result, std::uint32_t fileIndex)
        : m_options(options), m_pool(pool), m_result(result), m_fileIndex(fileIndex)
    {
    }

    // Parses `text`, whole lines, and merges it. Returns false when strict mode must stop.
    bool parseLines(std::string_view text)
    {
        const int workers = std::max(1, m_pool->maxThreadCount());
        std::vector<Piece> pieces = splitAtLines(text, workers, m_chunkOptions);
        auto parse = [](Piece& piece) { piece.result = parseChunk(piece.text, piece.options); };
        if (pieces.size() == 1)
            parse(pieces.front());
        else
            QtConcurrent::blockingMap(m_pool, pieces, parse);
        for (Piece& piece : pieces)
            if (!merge(piece.result))
                return false;
        return true;
    }

    // A line too long to hold is refused without reading it into memory.
    void rejectOverlongLine(std::string_view start)
    {
        FileStats& stats = m_result.fileStats[m_fileIndex];
        ++stats.lines;
        ++stats.records;
        ++stats.rejected;
        m_result.rejections.push_back({m_fileIndex, m_lineBase + 1,
                                       "line is longer than " + std::to_string(m_options.maxLineBytes >> 20) + " MiB",
                                       std::string(start.substr(0, Rejection::kMaxRawBytes))});
    }
    void skipLines(std::uint32_t count) { m_lineBase += count; }

    void setArrayLayout(bool array) { m_chunkOptions.arrayLayout = array; }
    void setMaxLineBytes(std::size_t bytes) { m_chunkOptions.maxLineBytes = bytes; }

private:
    bool merge(ChunkResult& chunk)
    {
        EventStore& events = *m_result.events;
        const std::size_t first = events.size();
        events.appendStore(chunk.events);
        events.shiftSource(first, m_fileIndex, m_lineBase);
        for (Rejection& r : chunk.rejections) {
            r.file = m_fileIndex;
            r.line += m_lineBase;
            m_result.rejections.push_back(std::move(r));
            if (m_options.strict) {
                m_result.stoppedStrict = true;
                break;
            }
        }
        FileStats& stats = m_result.fileStats[m_fileIndex];
        stats.lines += chunk.stats.lines;
        stats.records += chunk.stats.records;
        stats.accepted += chunk.stats.accepted;
        stats.rejected += chunk.stats.rejected;
        m_lineBase += chunk.lineCount;
        return !m_result.stoppedStrict;
    }

    const ReaderOptions& m_options;
    QThreadPool* m_pool;
    ReadResult& m_result;
    std::uint32_t m_fileIndex;
    std::uint32_t m_lineBase = 0;
    ChunkOptions m_chunkOptions;
};

bool startsWithArray(std::string_view text)
{
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        return c == '[';
    }
    return false;
}

std::string_view withoutBom(std::string_view text)
{
    return text.substr(0, 3) == "\xEF\xBB\xBF" ? text.substr(3) : text;
}

} // namespace

ReadResult EventReader::read(const QStringList& inputs, const JobControl* control) const
{
    ReadResult result;
    CollectedInputs collected = collectInputs(inputs, m_options.recursive);
    result.files = std::move(collected.files);
    result.inputProblems = std::move(collected.problems);
    result.fileStats.resize(result.files.size());

    QThreadPool* pool = m_options.pool ? m_options.pool : QThreadPool::globalInstance();
    const int workers = std::max(1, pool->maxThreadCount());
    const std::size_t stepBytes = m_options.pieceBytes * static_cast<std::size_t>(workers);
    qint64 totalBytes = 0;
    for (const InputFile& f : result.files)
        totalBytes += f.bytes;

    std::vector<char> buffer;
    for (std::uint32_t fileIndex = 0; fileIndex < result.files.size(); ++fileIndex) {
        QFile file(result.files[fileIndex].path);
        if (!file.open(QIODevice::ReadOnly)) {
            result.inputProblems << QStringLiteral("%1: %2").arg(result.files[fileIndex].display, file.errorString());
            continue;
        }
        FileIngest ingest(m_options, pool, result, fileIndex);
        ingest.setMaxLineBytes(m_options.maxLineBytes);
        std::size_t held = 0; // bytes of an unfinished line carried into the next step
        bool firstStep = true;
        bool skippingLongLine = false;
        bool atEnd = false;
        while (!atEnd) {
            if (control && control->isCancelled()) {
                result.cancelled = true;
                return result;
            }
            buffer.resize(held + stepBytes);
            const qint64 got = file.read(buffer.data() + held, static_cast<qint64>(stepBytes));
            if (got < 0) {
                result.inputProblems << QStringLiteral("%1: read failed: %2")
                                            .arg(result.files[fileIndex].display, file.errorString());
                break;
            }
            atEnd = got == 0 || file.atEnd();
            result.bytesRead += got;
            std::string_view text(buffer.data(), held + static_cast<std::size_t>(got));
            if (firstStep) {
                const std::string_view body = withoutBom(text);
                ingest.setArrayLayout(startsWithArray(body));
                if (body.size() != text.size()) {
                    std::memmove(buffer.data(), buffer.data() + 3, text.size() - 3);
                    text = std::string_view(buffer.data(), text.size() - 3);
                }
                firstStep = false;
            }
            if (skippingLongLine) {
                const std::size_t nl = text.find('\n');
                if (nl == std::string_view::npos) {
                    held = 0;
                    continue;
                }
                text.remove_prefix(nl + 1);
                ingest.skipLines(1);
                skippingLongLine = false;
            }
            std::size_t wholeLines = atEnd ? text.size() : text.rfind('\n') + 1; // rfind npos + 1 == 0
            if (wholeLines == 0 && text.size() > m_options.maxLineBytes) {
                ingest.rejectOverlongLine(text);
                skippingLongLine = true;
                held = 0;
                continue;
            }
            if (wholeLines > 0 && !ingest.parseLines(text.substr(0, wholeLines)))
                return result;
            held = text.size() - wholeLines;
            std::memmove(buffer.data(), text.data() + wholeLines, held);
            if (control && totalBytes > 0)
                control->report(QStringLiteral("Reading"), double(result.bytesRead) / double(totalBytes));
        }
    }
    return result;
}

ReadResult EventReader::readText(std::string_view text, const QString& name) const
{
    ReadResult result;
    result.files.push_back({name, name, static_cast<qint64>(text.size())});
    result.fileStats.resize(1);
    result.bytesRead = static_cast<qint64>(text.size());
    QThreadPool* pool = m_options.pool ? m_options.pool : QThreadPool::globalInstance();
    FileIngest ingest(m_options, pool, result, 0);
    ingest.setMaxLineBytes(m_options.maxLineBytes);
    text = withoutBom(text);
    ingest.setArrayLayout(startsWithArray(text));
    ingest.parseLines(text);
    return result;
}

} // namespace clv
