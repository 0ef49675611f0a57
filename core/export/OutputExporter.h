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

// An export in two steps, so that the big files can be written while the run finishes
// something else (a workspace being saved): writeTables() writes the visits, weekly and ltv
// files (and the top N) to temporary files and needs nothing but the tables; commit() adds
// rejected.csv, run.json with the run's final timings and the request's extra files, then puts
// them all in place. Not committed, it leaves the folder's previous files as they were.
// `tables` must outlive it; writeTables() may run on another thread than commit().
class StagedExport {
public:
    StagedExport(const ExportRequest& request, const ResultTables& tables);

    // False when a file could not be written or the export was cancelled.
    bool writeTables();
    // Every file in place, or what failed (a failure of writeTables() included).
    ExportResult commit(const ReadResult& read, const StageTimings& timings);

private:
    ExportRequest m_request;
    const ResultTables& m_tables;
    PendingOutputSet m_files;
};

// Writes the output files of a run into a folder (both steps of a StagedExport). All files are
// written to temporary files first and put in place only when every one was written whole, so
// a failed or interrupted export leaves the previous files as they were.
ExportResult exportOutputs(const ExportRequest& request, const ReadResult& read, const ResultTables& tables);

} // namespace clv
