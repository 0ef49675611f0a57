#pragma once

#include "etl/Pipeline.h"
#include "export/RunReport.h"
#include "io/EventReader.h"

namespace clv {

struct AnalysisRequest {
    QStringList inputs;
    ReaderOptions reader;
    Parameters parameters;
    // Drop exact duplicate events before the analysis (see DuplicateFilter); off by default.
    bool dropExactDuplicates = false;
    // A workspace run with no inputs whose stored results are current for these parameters
    // hands them out from their pack instead of loading and analysing the events
    // (Workspace::loadPackedResults): the outputs are the same, the events are not loaded.
    // For callers that only write the tables out (clv-etl --from-workspace).
    bool reusePackedResults = false;
};

struct AnalysisOutcome {
    ReadResult read;
    std::shared_ptr<const ResultTables> tables; // null when cancelled or stopped strictly
    StageTimings timings;
    bool cancelled = false;
    long long duplicatesDropped = 0;
};

// Reads the inputs and runs the ETL over them: the one entry point that the command
// line and the desktop application share.
AnalysisOutcome runAnalysis(const AnalysisRequest& request, const JobControl* control = nullptr);

} // namespace clv
