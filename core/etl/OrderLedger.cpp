#include "etl/OrderLedger.h"

#include "util/TextHash.h"

#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <numeric>

namespace clv {

namespace {

// Order events are split by key hash into partitions that are settled independently, so
// that no two workers ever look at the same key.
constexpr std::size_t kPartitions = 64;

struct RowRange {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::vector<std::vector<std::uint32_t>> rowsByPartition; // order rows, in input order
};

struct OrderSpan {
    std::uint32_t earliest;
    std::uint32_t latest;
    std::uint64_t hash;
};
constexpr std::uint32_t kEmpty = ~0u;

} // namespace

std::vector<Cents> OrderLedger::revenueByRow(const EventStore& events, QThreadPool* pool, const JobControl* control)
{
    const std::size_t n = events.size();
    std::vector<Cents> revenue(n, kNoRevenue);
    const std::size_t tasks = static_cast<std::size_t>(std::max(1, pool->maxThreadCount())) * 4;
    std::vector<RowRange> ranges(tasks);
    for (std::size_t t = 0; t < tasks; ++t) {
        ranges[t].begin = n * t / tasks;
        ranges[t].end = n * (t + 1) / tasks;
    }
    QtConcurrent::blockingMap(pool, ranges, [&events](RowRange& range) {
        range.rowsByPartition.resize(kPartitions);
        for (std::size_t row = range.begin; row < range.end; ++row)
            if (events.type(row) == EventType::Order)
                range.rowsByPartition[hashText(events.key(row)) % kPartitions].push_back(
                    static_cast<std::uint32_t>(row));
    });
    if (control && control->isCancelled())
        return {};

    std::vector<std::size_t> partitions(kPartitions);
    std::iota(partitions.begin(), partitions.end(), 0);
    QtConcurrent::blockingMap(pool, partitions, [&](std::size_t partition) {
        std::size_t orderRows = 0;
        for (const RowRange& range : ranges)
            orderRows += range.rowsByPartition[partition].size();
        // Open addressing on the key's hash: one probe per row in the common case.
        std::size_t capacity = 16;
        while (capacity < orderRows * 2)
            capacity *= 2;
        std::vector<OrderSpan> table(capacity, OrderSpan{kEmpty, kEmpty, 0});
        for (const RowRange& range : ranges) {
            for (std::uint32_t row : range.rowsByPartition[partition]) {
                const std::string_view key = events.key(row);
                const std::uint64_t hash = hashText(key);
                std::size_t slot = (hash / kPartitions) & (capacity - 1);
                while (table[slot].earliest != kEmpty
                       && (table[slot].hash != hash || events.key(table[slot].earliest) != key))
                    slot = (slot + 1) & (capacity - 1);
                OrderSpan& span = table[slot];
                if (span.earliest == kEmpty) {
                    span = {row, row, hash};
                    continue;
                }
                // Rows arrive in input order: a later row replaces the latest on equal times,
                // and the earliest only on a strictly earlier time.
                if (events.time(row) < events.time(span.earliest))
                    span.earliest = row;
                if (events.time(row) >= events.time(span.latest))
                    span.latest = row;
            }
        }
        for (const OrderSpan& span : table)
            if (span.earliest != kEmpty)
                revenue[span.earliest] = events.amountCents(span.latest);
    });
    return revenue;
}

} // namespace clv
