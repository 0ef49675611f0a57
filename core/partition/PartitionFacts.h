#pragma once

#include "etl/Parameters.h"
#include "export/RunReport.h"
#include "io/ReadResult.h"

#include <QString>

#include <optional>

namespace clv {

// facts.json of a partitioned run: what every partition task and the merge must agree on.
// The dataset-wide values (the last day of data; the order ledger is settled into each
// partition's revenue.bin), the parameters and output options given once to `partition`,
// and the facts of the read that run.json reports (files, counts, problems).
struct PartitionFacts {
    int formatVersion = 0;
    int partitions = 0;
    qint64 events = 0;
    std::optional<std::int64_t> lastDayOfData; // UTC day; empty without events
    Parameters parameters;
    long long topN = 0; // > 0: the merge also writes output.txt
    bool csvSafe = false;
    bool dropDuplicates = false;
    qint64 duplicatesDropped = 0;
    ReadResult read;      // files, stats, problems and bytes; no events, no rejections
    StageTimings timings; // of the partition step

    QByteArray toJson() const;
    // Empty with `error` set when the file is missing, damaged or from another version.
    static std::optional<PartitionFacts> load(const QString& directory, QString* error);
};

} // namespace clv
