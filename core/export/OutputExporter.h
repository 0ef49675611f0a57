#pragma once

#include "export/CsvField.h"
#include "export/OutputSet.h"
#include "export/RunReport.h"
#include "util/JobControl.h"

#include <QStringList>

class QThreadPool;

namespace clv {

struct ExportRequest {
    QString directory;
    long long topN = 0; // > 0: also write output.txt with the top N rows of the ltv table
    StageTimings timings;
    QThreadPool* pool = nullptr;
    CsvOptions csv;
    // Asked between files: a cancelled export discards what it wrote, as a failed one does.
    const JobControl* control = nullptr;
    // Further files written with the others, all or none (e.g. the Predict tab's).
    std::vector<NamedOutput> extra;
};

using ExportResult = OutputSetResult;

inline constexpr char kVisitsFile[] = "output_t1.txt";
inline constexpr char kWeeklyFile[] = "output_ltv_specs.txt";
inline constexpr char kLtvFile[] = "output_ltv_final.txt";
inline constexpr char kTopFile[] = "output.txt";
inline constexpr char kRejectedFile[] = "rejected.csv";
inline constexpr char kRunReportFile[] = "run.json";

// Writes the output files of a run into a folder. All files are written to temporary
// files first and put in place only when every one was written whole, so a failed or
// interrupted export leaves the previous files as they were.
ExportResult exportOutputs(const ExportRequest& request, const ReadResult& read, const ResultTables& tables);

} // namespace clv
