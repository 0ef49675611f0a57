#pragma once

#include "export/OutputSet.h"
#include "export/RunReport.h"

#include <QString>

namespace clv {

struct MergeResult {
    QString error; // plain words; empty on success
    QStringList written;
    TableCounts counts;
    qint64 analyseMs = 0; // the partitions' analysis time, summed
    bool ok() const { return error.isEmpty(); }
};

// Puts the partial tables of every partition of the run in `directory` together into the
// output files of a single run (output_t1.txt, output_ltv_specs.txt, output_ltv_final.txt,
// output.txt with a top N, rejected.csv, run.json), written atomically into `outputDir`.
// Customers are in ascending id order in the visits and weekly tables and by LTV then id
// in the ltv table, as one run puts them: each partition holds its customers in that order,
// so the tables are a k-way merge of the partitions' rows, copied byte for byte.
MergeResult mergePartitions(const QString& directory, const QString& outputDir);

} // namespace clv
