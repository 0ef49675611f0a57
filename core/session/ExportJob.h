#pragma once

#include "export/CsvField.h"
#include "session/SessionOutcome.h"

namespace clv {

// Writes the output files of a session's results into `directory` (a job).
SessionOutcome exportSessionOutputs(const QString& directory, const std::shared_ptr<const ReadResult>& read,
                                    const std::shared_ptr<const ResultTables>& results, const StageTimings& timings,
                                    const CsvOptions& csv, const JobControl& control);

} // namespace clv
