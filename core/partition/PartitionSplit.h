#pragma once

#include "etl/Analysis.h"
#include "partition/PartitionFacts.h"

namespace clv {

struct SplitRequest {
    AnalysisRequest analysis; // inputs, reader options, parameters, duplicates
    QString directory;        // DIR: facts.json, rejected.csv, part-K/
    int partitions = 1;
    long long topN = 0;
    bool csvSafe = false;
    // > 0: read event files in segments of about this many bytes, each split into the
    // partitions before the next is read (SegmentedRead), so that the events are never all
    // in memory. Tables (--transactions) and --drop-duplicates need the whole read.
    std::size_t segmentBytes = 0;
};

struct SplitOutcome {
    ReadResult read; // for messages: rejections, problems, totals
    PartitionFacts facts;
    QString error; // the folder could not be written; plain words
    bool cancelled = false;
};

// `clv-etl partition`: reads and validates the inputs exactly as a single run does, settles
// the dataset-wide values, and writes the accepted events into customer-hash partitions.
SplitOutcome splitIntoPartitions(const SplitRequest& request, const JobControl* control = nullptr);

} // namespace clv
