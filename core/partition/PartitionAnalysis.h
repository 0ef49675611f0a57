#pragma once

#include "partition/PartitionFacts.h"

#include <QString>

#include <string_view>

class QThreadPool;

namespace clv {

// What `--from-partition` writes for one partition, into DIR/part-K/partial (or a folder
// given): visits.csv, weekly.csv and ltv.csv — the partition's rows exactly as a single
// run formats them, with the header lines — and index.bin, from which the merge puts the
// rows of all partitions in the single run's order:
//   "CLVPIDX\n", u32 version, u32 K, u32 customer count; for each customer in ascending
//   order of id bytes: u32 length + id bytes, u32 visits rows, u32 weekly rows; then for
//   each ltv.csv row in order: f64 LTV, u32 the customer's place in that list.
// partial.json holds the counts and timings.
struct PartialTablesResult {
    QString error; // plain words; empty on success
    TableCounts counts;
    qint64 analyseMs = 0;
    bool ok() const { return error.isEmpty(); }
};

inline constexpr char kPartialIndexFile[] = "index.bin";
inline constexpr char kPartialVisitsFile[] = "visits.csv";
inline constexpr char kPartialWeeklyFile[] = "weekly.csv";
inline constexpr char kPartialLtvFile[] = "ltv.csv";
inline constexpr char kPartialReportFile[] = "partial.json";
inline constexpr std::string_view kPartialIndexMagic = "CLVPIDX\n";

// The partition folder's index K, or -1 when `partitionDir` is not a partition of `facts`.
int partitionIndexOf(const QString& partitionDir, const PartitionFacts& facts, QString* error);

// Analyses the partition in `partitionDir` (DIR/part-K) with the run's dataset-wide values
// and writes its partial tables into `outputDir`, atomically.
PartialTablesResult analysePartition(const QString& partitionDir, const PartitionFacts& facts, const QString& outputDir,
                                     QThreadPool* pool = nullptr);

} // namespace clv
