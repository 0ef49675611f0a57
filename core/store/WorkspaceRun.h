#pragma once

#include "etl/Analysis.h"
#include "store/Workspace.h"

#include <functional>
#include <memory>

namespace clv {

struct WorkspaceRunOutcome {
    IngestReport ingest;              // what was added to the workspace (nothing when no inputs were named)
    AnalysisOutcome analysis;         // over everything stored: read.files lists every stored file
    QString storeError;               // the workspace could not be read or written, in plain words
    bool storeUnreadable = false;     // ... because its stored data cannot be read (a damaged file)
    QStringList notes;                // worth a word to the user, no failure (packed results that could not be read)
    bool reusedStoredResults = false; // request.reusePackedResults, and the stored results were current
    bool ok() const { return storeError.isEmpty() && ingest.ok() && analysis.tables != nullptr && !analysis.cancelled; }
};

// The workspace counterpart of runAnalysis(), shared by the command line and the desktop
// application: adds request.inputs to the workspace (files already stored are skipped),
// re-runs the analysis over every stored event with request.parameters, and saves the
// results into the workspace. request.dropExactDuplicates applies as in a batch run. Runs on
// the calling thread, which must be the workspace's thread. `analysed`, when set, is handed the
// tables as soon as they are computed, before they are saved: the command line writes its
// output files meanwhile.
using AnalysedTables = std::function<void(const std::shared_ptr<const ResultTables>& tables)>;
WorkspaceRunOutcome runWorkspaceAnalysis(Workspace& workspace, const AnalysisRequest& request,
                                         const JobControl* control = nullptr, const AnalysedTables& analysed = {});

} // namespace clv
