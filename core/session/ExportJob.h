#pragma once

#include "export/CsvField.h"
#include "predict/PredictResult.h"
#include "session/SessionOutcome.h"

namespace clv {

// What the Predict, Cohorts and Segments tabs add to an export: model_fit.json and the model
// tables when a fit is shown, cohorts.csv and rfm_segments.csv when there are purchases.
struct PredictExport {
    std::shared_ptr<const PurchaseOverview> overview;
    std::shared_ptr<const PredictResult> result;
    CohortPeriod cohorts = CohortPeriod::Week;
};

// The names of the files `predict` adds to an export.
QStringList predictOutputNames(const PredictExport& predict);

// Writes the output files of a session's results into `directory` (a job, not to be run on
// the worker pool: the predictions are written in parallel on it).
SessionOutcome exportSessionOutputs(const QString& directory, const std::shared_ptr<const ReadResult>& read,
                                    const std::shared_ptr<const ResultTables>& results, const StageTimings& timings,
                                    const CsvOptions& csv, const PredictExport& predict, const JobControl& control);

} // namespace clv
