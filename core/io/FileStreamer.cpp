#include "io/FileStreamer.h"

#include "util/LineText.h"

#include <QFileInfo>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <cstring>
#include <optional>

namespace clv {

namespace {

// Whether the text starts (after white space) with '[', i.e. is a JSON array laid out one
// element per line; unknown while it holds nothing but white space.
std::optional<bool> startsWithArray(std::string_view text)
{
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        return c == '[';
    }
    return std::nullopt;
}

constexpr std::string_view kBom = "\xEF\xBB\xBF";

} // namespace

void FileStreamer::startParsing(FileStreamer::Step& step, std::string_view lines)
{
    const std::size_t target = std::max<std::size_t>(1, std::min(lines.size(), m_options.pieceBytes));
    step.pieceCount = 0;
    for (std::size_t start = 0; start < lines.size();) {
        std::size_t end = std::min(lines.size(), start + target);
        if (end < lines.size()) {
            const std::size_t nl = lines.find('\n', end);
            end = nl == std::string_view::npos ? lines.size() : nl + 1;
        }
        if (step.pieces.size() <= step.pieceCount)
            step.pieces.emplace_back();
        Piece& piece = step.pieces[step.pieceCount++];
        piece.text = lines.substr(start, end - start);
        piece.options = m_chunkOptions;
        if (m_options.transactions) {
            if (piece.options.table)
                piece.options.table->linesBefore = m_linesCut;
            m_linesCut += static_cast<std::uint32_t>(std::count(piece.text.begin(), piece.text.end(), '\n'));
        }
        start = end;
    }
    auto parse = [](Piece& piece) { parseChunk(piece.text, piece.options, piece.result); };
    step.parsing = QtConcurrent::map(m_pool, step.pieces.begin(),
                                     step.pieces.begin() + static_cast<std::ptrdiff_t>(step.pieceCount), parse);
}

// Decides the table's layout from the first non-blank line among `lines` (whole lines that
// follow the m_linesCut lines cut already). While they are all blank the layout stays
// unknown. False when the file cannot be read as a table: said once, as a problem of the
// file, rather than as a rejection of every row.
bool FileStreamer::findTableLayout(std::string_view lines)
{
    std::uint32_t lineNumber = m_linesCut;
    for (std::size_t pos = 0; pos < lines.size();) {
        std::size_t end = lines.find('\n', pos);
        if (end == std::string_view::npos)
            end = lines.size();
        ++lineNumber;
        const std::string_view line = lines.substr(pos, end - pos);
        pos = end + 1;
        if (line.size() > m_options.maxLineBytes) {
            tableIsUnreadable(overlongFirstLine(lineNumber));
            return false;
        }
        if (trimmed(line).empty())
            continue;
        const TransactionLayoutParse parsed = detectTransactionLayout(line, *m_options.transactions);
        if (!parsed.layout) {
            tableIsUnreadable(parsed.problem);
            return false;
        }
        const QString& name = m_result.files[m_fileIndex].display;
        m_chunkOptions.table = TableChunk{*parsed.layout, parsed.layout->hasHeader() ? lineNumber : 0, 0,
                                          name.toStdString()};
        return true;
    }
    return true;
}

void FileStreamer::tableIsUnreadable(const std::string& problem)
{
    m_result.inputProblems << QStringLiteral("%1: %2").arg(m_result.files[m_fileIndex].display,
                                                           QString::fromStdString(problem));
}

// A table whose first line is too long to hold has no layout to read its rows by. (Refusing
// the line and deciding by the next one would depend on whether the line ended within the
// step at hand: found by fuzzing.)
std::string FileStreamer::overlongFirstLine(std::uint32_t lineNumber) const
{
    return "the table's first line (line " + std::to_string(lineNumber) + ") is longer than "
        + std::to_string(m_options.maxLineBytes >> 20) + " MiB";
}

bool FileStreamer::finish(Step& step)
{
    step.parsing.waitForFinished();
    step.parsing = QFuture<void>();
    bool go = true;
    for (std::size_t i = 0; i < step.pieceCount && go; ++i)
        go = merge(step.pieces[i].result);
    step.pieceCount = 0;
    return go;
}

bool FileStreamer::merge(ChunkResult& chunk)
{
    EventStore& events = *m_result.events;
    const std::size_t first = events.size();
    events.appendChunk(chunk.events);
    events.shiftSource(first, m_fileIndex, m_lineBase);
    m_result.payloadHashes.insert(m_result.payloadHashes.end(), chunk.payloadHashes.begin(), chunk.payloadHashes.end());
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

void FileStreamer::rejectOverlongLine(std::string_view start)
{
    // A line too long to hold is refused without reading all of it into memory.
    FileStats& stats = m_result.fileStats[m_fileIndex];
    ++stats.lines;
    ++stats.records;
    ++stats.rejected;
    m_result.rejections.push_back({m_fileIndex, m_lineBase + 1,
                                   "line is longer than " + std::to_string(m_options.maxLineBytes >> 20) + " MiB",
                                   std::string(start.substr(0, Rejection::kMaxRawBytes))});
    if (m_options.strict)
        m_result.stoppedStrict = true;
}

// A failed read ends the file; the lines before it stay. A compressed file says how far into
// it the decoding got, and the lines read tell how much of the text that was.
void FileStreamer::reportReadFailure(const InputStream& device)
{
    const QString& name = m_result.files[m_fileIndex].display;
    if (device.compression() == Compression::None) {
        m_result.inputProblems << QStringLiteral("%1: read failed: %2").arg(name, device.errorString());
        return;
    }
    m_result.inputProblems << QStringLiteral("%1: %2; the %3 lines before it were read and are kept")
                                  .arg(name, device.errorString())
                                  .arg(m_lineBase);
}

bool FileStreamer::stream(InputStream* device, std::string_view text, const JobControl* control, qint64 totalBytes)
{
    const std::size_t stepBytes = m_options.pieceBytes * static_cast<std::size_t>(m_workers) * 4;
    std::string_view carry; // an unfinished line at the end of the previous step
    std::size_t textPos = 0;
    qint64 fileBytesCounted = 0;
    bool firstStep = true;
    bool layoutKnown = false;
    bool skippingLongLine = false;
    bool atEnd = false;
    Step* pending = nullptr;
    int current = 0;

    auto stop = [&](bool go) {
        if (pending)
            pending->parsing.waitForFinished();
        return go;
    };

    while (!atEnd) {
        if (control && control->isCancelled()) {
            m_result.cancelled = true;
            return stop(false);
        }
        Step& step = m_steps[current];
        // Start the step with the unfinished line, then fill it from the file or text. When the
        // last step held no whole line, the unfinished line lies in this very buffer, which
        // growing may move: it is found again by its offset, never through the old pointer.
        const auto base = reinterpret_cast<std::uintptr_t>(step.buffer.data());
        const auto at = reinterpret_cast<std::uintptr_t>(carry.data());
        const bool carryIsHere = !carry.empty() && at >= base && at < base + step.buffer.size();
        step.buffer.resize(std::max(step.buffer.size(), carry.size() + stepBytes));
        const char* carryFrom = carryIsHere ? step.buffer.data() + (at - base) : carry.data();
        if (!carry.empty()) // an empty view may hold a null pointer, which memmove must not get
            std::memmove(step.buffer.data(), carryFrom, carry.size());
        std::size_t filled = carry.size();
        if (device) {
            const qint64 got = device->read(step.buffer.data() + filled, static_cast<qint64>(stepBytes));
            // The file's own bytes (an archive's compressed ones), also those read before the
            // text to tell whether the file is compressed, or read ahead by the decoder.
            m_result.bytesRead += device->fileBytesRead() - fileBytesCounted;
            fileBytesCounted = device->fileBytesRead();
            if (got < 0) {
                const bool go = finish(m_steps[current ^ 1]);
                reportReadFailure(*device);
                return stop(go);
            }
            filled += static_cast<std::size_t>(got);
            atEnd = got == 0 || device->atEnd();
        } else {
            const std::size_t take = std::min(stepBytes, text.size() - textPos);
            if (take > 0) // empty text may have a null data pointer
                std::memcpy(step.buffer.data() + filled, text.data() + textPos, take);
            textPos += take;
            filled += take;
            atEnd = textPos == text.size();
        }
        std::string_view bytes(step.buffer.data(), filled);
        if (firstStep) {
            if (bytes.substr(0, kBom.size()) == kBom)
                bytes.remove_prefix(kBom.size());
            firstStep = false;
        }
        if (!layoutKnown && !m_options.transactions) {
            // Decided by the first byte that is not white space, however many blank lines
            // come first (found by fuzzing: the layout depended on the step size).
            if (const std::optional<bool> array = startsWithArray(bytes)) {
                m_chunkOptions.arrayLayout = *array;
                layoutKnown = true;
            }
        }
        if (skippingLongLine) {
            const std::size_t nl = bytes.find('\n');
            if (nl == std::string_view::npos) {
                carry = {};
                continue;
            }
            bytes.remove_prefix(nl + 1);
            ++m_lineBase;
            ++m_linesCut;
            skippingLongLine = false;
        }
        const std::size_t wholeLines = atEnd ? bytes.size() : bytes.rfind('\n') + 1; // npos + 1 == 0
        carry = bytes.substr(wholeLines);
        if (m_options.transactions && !m_chunkOptions.table && !findTableLayout(bytes.substr(0, wholeLines)))
            return stop(true); // the next file may be readable
        if (wholeLines == 0 && carry.size() > m_options.maxLineBytes && m_options.transactions
            && !m_chunkOptions.table) {
            tableIsUnreadable(overlongFirstLine(m_linesCut + 1));
            return stop(true);
        }
        if (wholeLines == 0 && carry.size() > m_options.maxLineBytes) {
            // Lines are merged in order: the steps before must be merged before this one.
            if (pending && !finish(*pending))
                return false;
            pending = nullptr;
            rejectOverlongLine(carry);
            if (m_result.stoppedStrict)
                return false;
            skippingLongLine = true;
            carry = {};
            continue;
        }
        if (wholeLines > 0) {
            startParsing(step, bytes.substr(0, wholeLines));
            if (pending && !finish(*pending))
                return stop(false) && false;
            pending = &step;
            current ^= 1;
        }
        if (control && totalBytes > 0)
            control->report(QStringLiteral("Reading"), double(m_result.bytesRead) / double(totalBytes));
    }
    return pending ? finish(*pending) : true;
}

} // namespace clv
