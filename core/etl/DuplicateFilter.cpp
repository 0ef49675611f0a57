#include "etl/DuplicateFilter.h"

#include "io/SourceLineReader.h"
#include "util/LineText.h"
#include "util/TextHash.h"

#include <algorithm>

namespace clv {

namespace {

std::uint64_t mix(std::uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 33);
}

// What two rows must share to be duplicates, folded into one number to sort by; rows with
// equal folds are then compared field by field.
std::uint64_t foldedKey(const EventStore& events, std::size_t row, std::uint64_t payload)
{
    std::uint64_t h = mix(payload ^ static_cast<std::uint64_t>(events.time(row)));
    h = mix(h ^ hashText(events.key(row)));
    return mix(h ^ (std::uint64_t(events.type(row)) << 8 | std::uint64_t(events.verb(row))));
}

bool sameEvent(const EventStore& events, const std::vector<std::uint64_t>& payloads, std::uint32_t a, std::uint32_t b)
{
    return payloads[a] == payloads[b] && events.time(a) == events.time(b) && events.type(a) == events.type(b)
        && events.verb(a) == events.verb(b) && events.key(a) == events.key(b);
}

} // namespace

std::string_view DuplicateFilter::payloadText(std::string_view line)
{
    // The same punctuation the reader takes off an array element's line, so that the
    // element `{...},` of an array file equals the line `{...}` of a JSON-lines file.
    return arrayElements(trimmed(line));
}

std::uint64_t DuplicateFilter::payloadHash(std::string_view line, std::uint32_t recordInLine)
{
    const std::uint64_t h = hashText(payloadText(line));
    return recordInLine == 0 ? h : mix(h ^ (std::uint64_t(recordInLine) * 0x9E3779B97F4A7C15ull));
}

std::vector<std::uint32_t> DuplicateFilter::keptRows(const EventStore& events,
                                                     const std::vector<std::uint64_t>& payloadHashes)
{
    const std::size_t n = events.size();
    std::vector<std::pair<std::uint64_t, std::uint32_t>> order(n);
    for (std::uint32_t row = 0; row < n; ++row)
        order[row] = {foldedKey(events, row, payloadHashes[row]), row};
    std::sort(order.begin(), order.end());

    std::vector<char> dropped(n, 0);
    std::vector<std::uint32_t> kept; // rows kept within the current run of equal folds
    for (std::size_t i = 0; i < n;) {
        std::size_t end = i + 1;
        while (end < n && order[end].first == order[i].first)
            ++end;
        kept.clear();
        // Rows of a run are in ascending row order, so the first of equal events is kept.
        for (std::size_t j = i; j < end; ++j) {
            const std::uint32_t row = order[j].second;
            const bool duplicate = std::any_of(kept.begin(), kept.end(), [&](std::uint32_t k) {
                return sameEvent(events, payloadHashes, k, row);
            });
            if (duplicate)
                dropped[row] = 1;
            else
                kept.push_back(row);
        }
        i = end;
    }

    std::vector<std::uint32_t> rows;
    rows.reserve(n);
    for (std::uint32_t row = 0; row < n; ++row)
        if (!dropped[row])
            rows.push_back(row);
    return rows;
}

std::shared_ptr<EventStore> DuplicateFilter::copyRows(const EventStore& events, const std::vector<std::uint32_t>& rows)
{
    auto copy = std::make_shared<EventStore>();
    copy->reserve(rows.size());
    for (std::uint32_t row : rows)
        copy->append(events.record(row), events.source(row));
    return copy;
}

bool DuplicateFilter::payloadHashesFromFiles(const ReadResult& read, std::vector<std::uint64_t>& hashes,
                                             const JobControl* control, QString* error)
{
    const EventStore& events = *read.events;
    hashes.assign(events.size(), 0);
    std::unique_ptr<SourceLineReader> lines;
    std::uint32_t openFile = UINT32_MAX;
    SourceRef previous{UINT32_MAX, 0};
    std::uint32_t recordInLine = 0;
    for (std::size_t row = 0; row < events.size(); ++row) {
        const SourceRef source = events.source(row);
        if (source.file != openFile) {
            openFile = source.file;
            if (source.file >= read.files.size()) {
                if (error)
                    *error = QStringLiteral("an event refers to an unknown input file");
                return false;
            }
            lines = std::make_unique<SourceLineReader>(read.files[source.file].path);
            if (!lines->open(error))
                return false;
        }
        recordInLine = (source.file == previous.file && source.line == previous.line) ? recordInLine + 1 : 0;
        previous = source;
        std::string_view text;
        if (!lines->line(source.line, text)) {
            if (error)
                *error = lines->errorString();
            return false;
        }
        hashes[row] = payloadHash(text, recordInLine);
        if ((row & 0xFFFF) == 0 && control) {
            if (control->isCancelled()) {
                if (error)
                    *error = QStringLiteral("cancelled");
                return false;
            }
            control->report(QStringLiteral("Duplicates"), double(row) / double(events.size()));
        }
    }
    return true;
}

long long DuplicateFilter::dropFrom(ReadResult& read, const JobControl* control, QString* error)
{
    std::vector<std::uint64_t> hashes;
    if (!payloadHashesFromFiles(read, hashes, control, error))
        return -1;
    const std::vector<std::uint32_t> rows = keptRows(*read.events, hashes);
    const long long dropped = static_cast<long long>(read.events->size() - rows.size());
    if (dropped > 0)
        read.events = copyRows(*read.events, rows);
    return dropped;
}

} // namespace clv
