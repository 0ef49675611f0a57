#include "partition/PartitionWriter.h"

#include "util/TextHash.h"

#include <QDir>
#include <QFile>

#include <string>
#include <unordered_map>

namespace clv {

using partition::BinaryReader;
using partition::BinaryWriter;

namespace {

// Order events are settled per spill file; the count only bounds how many keys are in
// memory at once, and has no effect on the result.
constexpr int kSpillBuckets = 64;

// Where an order key's revenue goes and what it is, as the ledger rule settles it: the
// earliest event (ties: first in input) carries the amount of the latest (ties: last).
struct OrderSpan {
    std::uint32_t partition = 0;
    std::uint64_t earliestRow = 0;
    TimeMicros earliestTime = 0;
    TimeMicros latestTime = 0;
    Cents latestCents = 0;
};

} // namespace

PartitionWriter::PartitionWriter(QString directory, int partitions)
    : m_directory(std::move(directory)), m_partitions(partitions), m_rows(static_cast<std::size_t>(partitions), 0)
{
}

PartitionWriter::~PartitionWriter() = default;

QString PartitionWriter::spillPath(int bucket) const
{
    return QDir(m_directory).filePath(QStringLiteral(".orders/bucket-%1.bin").arg(bucket));
}

bool PartitionWriter::open(QString* error)
{
    QDir dir(m_directory);
    if (!dir.mkpath(QStringLiteral(".orders"))) {
        *error = QStringLiteral("cannot create the folder %1").arg(dir.filePath(".orders"));
        return false;
    }
    for (int k = 0; k < m_partitions; ++k) {
        const QString part = partition::partitionDirName(k);
        if (!dir.mkpath(part)) {
            *error = QStringLiteral("cannot create the folder %1").arg(dir.filePath(part));
            return false;
        }
        // A partition left from an earlier run with other data must not be read as this one's.
        QDir(dir.filePath(part)).removeRecursively();
        dir.mkpath(part);
        auto file = std::make_unique<BinaryWriter>(dir.filePath(part + QLatin1Char('/') + partition::kEventsFile));
        if (!file->open()) {
            *error = file->error();
            return false;
        }
        file->putMagic(partition::kEventsMagic);
        file->putU32(partition::kFormatVersion);
        file->putU32(static_cast<std::uint32_t>(k));
        file->putU32(static_cast<std::uint32_t>(m_partitions));
        m_eventFiles.push_back(std::move(file));
    }
    for (int b = 0; b < kSpillBuckets; ++b) {
        auto file = std::make_unique<BinaryWriter>(spillPath(b));
        if (!file->open()) {
            *error = file->error();
            return false;
        }
        file->putMagic(partition::kSpillMagic);
        m_spill.push_back(std::move(file));
    }
    return true;
}

bool PartitionWriter::add(const EventStore& events, QString* error)
{
    for (std::size_t row = 0; row < events.size(); ++row) {
        const std::string_view customer = events.customerId(events.customer(row));
        const auto k = static_cast<std::size_t>(partition::partitionOf(customer, m_partitions));
        BinaryWriter& out = *m_eventFiles[k];
        out.putU8(static_cast<std::uint8_t>(events.type(row)));
        out.putI64(events.time(row));
        out.putBytes(customer);
        if (events.type(row) == EventType::Order) {
            BinaryWriter& spill = *m_spill[hashText(events.key(row)) % kSpillBuckets];
            spill.putBytes(events.key(row));
            spill.putU32(static_cast<std::uint32_t>(k));
            spill.putU64(m_rows[k]);
            spill.putI64(events.time(row));
            spill.putI64(events.amountCents(row));
        }
        if (m_events == 0 || events.time(row) > m_lastTime)
            m_lastTime = events.time(row);
        ++m_rows[k];
        ++m_events;
    }
    for (const auto& file : m_eventFiles)
        if (!file->error().isEmpty()) {
            *error = file->error();
            return false;
        }
    for (const auto& file : m_spill)
        if (!file->error().isEmpty()) {
            *error = file->error();
            return false;
        }
    return true;
}

std::optional<std::int64_t> PartitionWriter::lastDayOfData() const
{
    if (m_events == 0)
        return std::nullopt;
    return utcDay(m_lastTime);
}

bool PartitionWriter::settleSpill(int bucket, std::vector<std::unique_ptr<BinaryWriter>>& revenue, QString* error)
{
    BinaryReader in(spillPath(bucket));
    if (!in.open() || !in.expectMagic(partition::kSpillMagic)) {
        *error = in.error();
        return false;
    }
    std::unordered_map<std::string, OrderSpan> spans;
    std::string key;
    while (!in.atEnd()) {
        std::uint32_t part = 0;
        std::uint64_t row = 0;
        TimeMicros time = 0;
        Cents cents = 0;
        if (!in.getBytes(key) || !in.getU32(part) || !in.getU64(row) || !in.getI64(time) || !in.getI64(cents)) {
            *error = in.error();
            return false;
        }
        // Spill files hold each key's events in input order, as OrderLedger sees them.
        auto [it, inserted] = spans.try_emplace(key, OrderSpan{part, row, time, time, cents});
        if (inserted)
            continue;
        OrderSpan& span = it->second;
        if (time < span.earliestTime) {
            span.partition = part;
            span.earliestRow = row;
            span.earliestTime = time;
        }
        if (time >= span.latestTime) {
            span.latestTime = time;
            span.latestCents = cents;
        }
    }
    for (const auto& [unused, span] : spans) {
        revenue[span.partition]->putU64(span.earliestRow);
        revenue[span.partition]->putI64(span.latestCents);
    }
    return true;
}

bool PartitionWriter::finish(QString* error)
{
    for (auto& file : m_eventFiles)
        if (!file->close()) {
            *error = file->error();
            return false;
        }
    for (auto& file : m_spill)
        if (!file->close()) {
            *error = file->error();
            return false;
        }
    QDir dir(m_directory);
    std::vector<std::unique_ptr<BinaryWriter>> revenue;
    for (int k = 0; k < m_partitions; ++k) {
        auto file = std::make_unique<BinaryWriter>(
            dir.filePath(partition::partitionDirName(k) + QLatin1Char('/') + partition::kRevenueFile));
        if (!file->open()) {
            *error = file->error();
            return false;
        }
        file->putMagic(partition::kRevenueMagic);
        file->putU32(partition::kFormatVersion);
        file->putU32(static_cast<std::uint32_t>(k));
        revenue.push_back(std::move(file));
    }
    for (int b = 0; b < kSpillBuckets; ++b)
        if (!settleSpill(b, revenue, error))
            return false;
    for (auto& file : revenue)
        if (!file->close()) {
            *error = file->error();
            return false;
        }
    QDir(dir.filePath(QStringLiteral(".orders"))).removeRecursively();
    return true;
}

} // namespace clv
