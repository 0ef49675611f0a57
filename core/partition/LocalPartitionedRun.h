#pragma once

#include "partition/PartitionMerge.h"
#include "partition/PartitionSplit.h"

namespace clv {

struct LocalPartitionedOutcome {
    SplitOutcome split;
    MergeResult merge;
    QString error; // the step that failed, in plain words
};

// A partitioned run on this machine: splits the inputs into `request.directory` (a scratch
// folder), analyses the partitions one after another, so that only one is in memory at a
// time, and merges them into `outputDir`.
LocalPartitionedOutcome runPartitionedLocally(const SplitRequest& request, const QString& outputDir,
                                              const JobControl* control = nullptr);

} // namespace clv
