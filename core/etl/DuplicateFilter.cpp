#include "etl/DuplicateFilter.h"

#include "util/TextHash.h"

#include <algorithm>

namespace clv {

namespace {

// What two rows must share to be duplicates, folded into one number to sort by; rows with
// equal folds are then compared field by field.
std::uint64_t foldedKey(const EventStore& events, std::size_t row, std::uint64_t payload)
{
    std::uint64_t h = mixHash(payload ^ static_cast<std::uint64_t>(events.time(row)));
    h = mixHash(h ^ hashText(events.key(row)));
    return mixHash(h ^ (std::uint64_t(events.type(row)) << 8 | std::uint64_t(events.verb(row))));
}

bool sameEvent(const EventStore& events, const std::vector<std::uint64_t>& payloads, std::uint32_t a, std::uint32_t b)
{
    return payloads[a] == payloads[b] && events.time(a) == events.time(b) && events.type(a) == events.type(b)
        && events.verb(a) == events.verb(b) && events.key(a) == events.key(b);
}

} // namespace

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

long long DuplicateFilter::dropFrom(ReadResult& read, QString* error)
{
    if (read.payloadHashes.size() != read.events->size()) {
        if (error)
            *error = QStringLiteral("the events were read without their payload hashes");
        return -1;
    }
    const std::vector<std::uint32_t> rows = keptRows(*read.events, read.payloadHashes);
    const long long dropped = static_cast<long long>(read.events->size() - rows.size());
    if (dropped > 0)
        read.events = copyRows(*read.events, rows);
    read.payloadHashes = {};
    return dropped;
}

} // namespace clv
