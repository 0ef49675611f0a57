#pragma once

#include <QString>

#include <cstddef>
#include <optional>

namespace clv {

// How a run fits into a memory limit (clv-etl --max-memory): whole, or split into partitions
// analysed one after another. The figures are estimates from the size of the input, made
// before anything is read; they err on the side of more partitions.
struct MemoryPlan {
    qint64 estimatedRunBytes = 0; // what a single run would need
    bool partitioned = false;
    int partitions = 1;
    std::size_t segmentBytes = 0; // read step while partitioning
};

class MemoryBudget {
public:
    // A single run holds about 160 bytes per event (SPEC §13); event lines are rarely
    // shorter than 150 bytes, so bytes / 150 over-counts the events of a typical file.
    static constexpr qint64 kBytesPerEvent = 160;
    static constexpr qint64 kInputBytesPerEvent = 150;
    // The program itself (libraries, thread stacks, the pool's buffers) before any event.
    static constexpr qint64 kProcessBytes = 48ll << 20;
    static constexpr qint64 kMinimumLimit = 96ll << 20;

    // "512M", "2G", "1500K", "1073741824" (bytes); K, M, G, T are powers of 1024, an
    // optional trailing B or iB is allowed. Empty when not such a size.
    static std::optional<qint64> parseSize(const QString& text);
    // A plain-words problem with the limit, or empty.
    static QString validate(qint64 limitBytes);
    static MemoryPlan plan(qint64 inputBytes, qint64 limitBytes);
};

} // namespace clv
