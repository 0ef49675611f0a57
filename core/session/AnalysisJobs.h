#pragma once

#include "session/SessionOutcome.h"

namespace clv {

// The analysis jobs of a session, run on its job thread: each reads what it is given, never
// the session.

// Reads event files and analyses them.
SessionOutcome analyseFiles(const AnalysisRequest& request, const JobControl& control);
// Analyses events already read, with other parameters.
SessionOutcome reanalyse(std::shared_ptr<const EventStore> events, const Parameters& parameters,
                         const QStringList& inputs, const JobControl& control);

} // namespace clv
