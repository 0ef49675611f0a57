#pragma once

#include "model/EventStore.h"
#include "partition/PartitionFormat.h"

#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace clv {

// Splits accepted events into customer-hash partitions on disk (see PartitionFormat.h) and
// settles the two things that need all the data first: the order ledger (an order key's
// events may name different customers) and the last day of data. Events may be added in
// several stores, one after another, as long as they come in input order; order events are
// also spilt to files by key hash, so that each key's events are settled in memory one
// spill file at a time and the whole ledger is never held at once.
class PartitionWriter {
public:
    PartitionWriter(QString directory, int partitions);
    ~PartitionWriter();

    bool open(QString* error);
    bool add(const EventStore& events, QString* error);
    // Settles the ledger, writes every partition's revenue.bin and removes the spill files.
    bool finish(QString* error);

    qint64 events() const { return m_events; }
    // The UTC day of the latest event; empty when no event was added.
    std::optional<std::int64_t> lastDayOfData() const;

private:
    bool settleSpill(int bucket, std::vector<std::unique_ptr<partition::BinaryWriter>>& revenue, QString* error);
    QString spillPath(int bucket) const;

    QString m_directory;
    int m_partitions;
    std::vector<std::unique_ptr<partition::BinaryWriter>> m_eventFiles;
    std::vector<std::unique_ptr<partition::BinaryWriter>> m_spill;
    std::vector<std::uint64_t> m_rows; // events written to each partition so far
    qint64 m_events = 0;
    TimeMicros m_lastTime = 0;
};

} // namespace clv
