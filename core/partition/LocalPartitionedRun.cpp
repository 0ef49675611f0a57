#include "partition/LocalPartitionedRun.h"

#include "partition/PartitionAnalysis.h"
#include "partition/PartitionFormat.h"

#include <QDir>

namespace clv {

LocalPartitionedOutcome runPartitionedLocally(const SplitRequest& request, const QString& outputDir,
                                              const JobControl* control)
{
    LocalPartitionedOutcome outcome;
    outcome.split = splitIntoPartitions(request, control);
    const SplitOutcome& split = outcome.split;
    if (!split.error.isEmpty() || split.cancelled || split.read.stoppedStrict || split.read.files.empty()) {
        outcome.error = split.error;
        return outcome;
    }
    for (int k = 0; k < request.partitions; ++k) {
        if (control) {
            control->report(QStringLiteral("Partition"), double(k) / double(request.partitions));
            if (control->isCancelled())
                return outcome;
        }
        const QString dir = QDir(request.directory).filePath(partition::partitionDirName(k));
        const PartialTablesResult part = analysePartition(dir, split.facts, QDir(dir).filePath(partition::kPartialDir),
                                                          request.analysis.reader.pool);
        if (!part.ok()) {
            outcome.error = part.error;
            return outcome;
        }
    }
    outcome.merge = mergePartitions(request.directory, outputDir);
    outcome.error = outcome.merge.error;
    return outcome;
}

} // namespace clv
