#include "partition/SegmentedRead.h"

#include "io/InputStream.h"

#include <algorithm>

namespace clv {

namespace {

bool isBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Where the text after `cut` starts: '[' there would make the reader take the segment for a
// JSON array laid out one element per line, so a segment never starts at such a line.
bool startsLikeArray(const std::string& text, std::size_t cut, bool atEnd, bool* unknown)
{
    *unknown = false;
    for (std::size_t i = cut; i < text.size(); ++i)
        if (!isBlank(text[i]))
            return text[i] == '[';
    *unknown = !atEnd;
    return false;
}

// The end of the last whole line in `text` after which a segment may start; 0 when none.
std::size_t segmentCut(const std::string& text, bool atEnd)
{
    if (atEnd)
        return text.size();
    std::size_t end = text.size();
    while (end > 0) {
        const std::size_t newline = text.rfind('\n', end - 1);
        if (newline == std::string::npos)
            return 0;
        bool unknown = false;
        if (!startsLikeArray(text, newline + 1, atEnd, &unknown) && !unknown)
            return newline + 1;
        end = newline;
    }
    return 0;
}

void addSegment(ReadResult& result, std::uint32_t fileIndex, std::uint32_t linesBefore, ReadResult& segment)
{
    FileStats& stats = result.fileStats[fileIndex];
    const FileStats& s = segment.fileStats.front();
    stats.lines += s.lines;
    stats.records += s.records;
    stats.accepted += s.accepted;
    stats.rejected += s.rejected;
    result.inputProblems += segment.inputProblems;
    for (Rejection& r : segment.rejections) {
        r.file = fileIndex;
        r.line += linesBefore;
        result.rejections.push_back(std::move(r));
    }
}

} // namespace

bool readInSegments(const QStringList& inputs, const ReaderOptions& options, std::size_t segmentBytes,
                    const std::function<bool(const EventStore&)>& sink, ReadResult& result)
{
    CollectedInputs collected = collectInputs(inputs, options.recursive, InputKind::EventFiles);
    result.files = std::move(collected.files);
    result.inputProblems = std::move(collected.problems);
    result.skippedInputs = std::move(collected.skipped);
    result.fileStats.assign(result.files.size(), {});
    const EventReader reader(options);
    for (std::uint32_t fileIndex = 0; fileIndex < result.files.size(); ++fileIndex) {
        const InputFile& input = result.files[fileIndex];
        // Plain, gzip or zstd: the stream hands out the text either way.
        InputStream file(input.path);
        if (!file.openFile()) {
            result.inputProblems << QStringLiteral("%1: %2").arg(input.display, file.errorString());
            continue;
        }
        std::string text;
        std::uint32_t linesBefore = 0;
        bool atEnd = false;
        bool wholeFile = false;
        bool firstSegment = true;
        while (!atEnd || !text.empty()) {
            if (!atEnd) {
                const std::size_t had = text.size();
                text.resize(had + segmentBytes);
                const qint64 got = file.read(text.data() + had, static_cast<qint64>(segmentBytes));
                if (got < 0) {
                    text.resize(had);
                    // The unfinished last line is not a line the file held: dropped, as by the reader.
                    const std::size_t lastNewline = text.rfind('\n');
                    text.resize(lastNewline == std::string::npos ? 0 : lastNewline + 1);
                    // As the reader says it: the lines before the failure are kept.
                    const auto linesRead = linesBefore + std::count(text.begin(), text.end(), '\n');
                    result.inputProblems << (file.compression() == Compression::None
                                                 ? QStringLiteral("%1: read failed: %2")
                                                       .arg(input.display, file.errorString())
                                                 : QStringLiteral("%1: %2; the %3 lines before it were read and are "
                                                                  "kept")
                                                       .arg(input.display, file.errorString())
                                                       .arg(linesRead));
                    atEnd = true;
                } else {
                    text.resize(had + static_cast<std::size_t>(got));
                    atEnd = got == 0;
                }
            }
            if (firstSegment && !wholeFile) {
                bool unknown = false;
                const std::size_t bom = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
                wholeFile = startsLikeArray(text, bom, atEnd, &unknown);
                if (unknown)
                    continue;
            }
            if (wholeFile && !atEnd)
                continue;
            const std::size_t cut = segmentCut(text, atEnd);
            if (cut == 0 && !atEnd)
                continue; // no whole line yet: read on
            ReadResult segment = reader.readText(std::string_view(text).substr(0, cut), input.display);
            firstSegment = false;
            addSegment(result, fileIndex, linesBefore, segment);
            if (segment.stoppedStrict) {
                result.stoppedStrict = true;
                return false;
            }
            if (!sink(*segment.events))
                return false;
            linesBefore += static_cast<std::uint32_t>(std::count(text.begin(), text.begin() + cut, '\n'));
            text.erase(0, cut);
            if (atEnd && text.empty())
                break;
        }
        // The file's own bytes, as the reader counts them: an archive's compressed size.
        result.bytesRead += file.fileBytesRead();
    }
    return true;
}

} // namespace clv
