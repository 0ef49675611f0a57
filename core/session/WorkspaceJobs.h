#pragma once

#include "predict/PredictResult.h"
#include "session/SessionOutcome.h"

namespace clv {

// The workspace jobs of a session. Each opens the workspace on the job's own thread (a Qt
// SQL connection belongs to the thread that opened it). A workspace is named by its location:
// a file path or a postgresql:// address (WorkspaceLocation).

// Adds the request's inputs to the workspace at `location` (none: just opens it) and analyses
// everything it stores; the outcome carries the workspace's fit of those events, if any.
SessionOutcome analyseInWorkspace(const QString& location, const AnalysisRequest& request, const JobControl& control);
// Stores into a new workspace at `target`: a copy of the open workspace `current` (its event
// files may no longer exist), or else the request's inputs. Built beside the target and put
// in place only when complete. `fit`, when given, is stored with them. Files only: a server's
// database is neither copied nor written as a whole, and is refused here in plain words.
SessionOutcome saveWorkspaceAs(const QString& target, const QString& current, AnalysisRequest request,
                               const std::shared_ptr<const PredictResult>& fit, const JobControl& control);
// Stores `fit` as the workspace's fit, provided the workspace still holds `storedEvents`
// events (the ones the fit's purchases came from).
SessionOutcome storeFitInWorkspace(const QString& location, const AnalysisRequest& request,
                                   const std::shared_ptr<const PredictResult>& fit, qint64 storedEvents,
                                   const JobControl& control);

} // namespace clv
