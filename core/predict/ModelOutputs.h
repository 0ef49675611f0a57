#pragma once

#include "export/CsvField.h"
#include "export/OutputSet.h"
#include "predict/ModelRun.h"

#include <QByteArray>

class QIODevice;

namespace clv {

inline constexpr char kModelFitFile[] = "model_fit.json";
inline constexpr char kCustomerPredictionsFile[] = "customer_predictions.csv";
inline constexpr char kModelTrackingFile[] = "model_tracking.csv";
inline constexpr char kModelHoldoutFile[] = "model_holdout.csv";

// model_fit.json (§10): the summary's dates and counts, and per model its parameters,
// standard errors, log-likelihood, AIC, BIC, iterations and convergence; a model that could
// not be fitted has `"converged": false` and its `"problem"`, never parameters. With a
// holdout, each purchase model also carries its `"holdout"` comparison.
QByteArray modelFitJson(const ModelRunResult& run);

// Formats its rows on the worker pool: not to be called from a task on that pool.
bool writeCustomerPredictionsCsv(const ModelRunResult& run, QIODevice& out, const CsvOptions& csv = {});
bool writeModelTrackingCsv(const ModelRunResult& run, QIODevice& out);
bool writeModelHoldoutCsv(const ModelRunResult& run, QIODevice& out);

// The four files of `clv-etl model`, for writeOutputSet().
std::vector<NamedOutput> modelOutputs(const ModelRunResult& run, const CsvOptions& csv = {});

} // namespace clv
