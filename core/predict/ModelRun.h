#pragma once

#include "predict/ModelFitter.h"
#include "predict/RfmSummary.h"

#include <QStringList>

#include <memory>
#include <optional>

namespace clv {

struct ModelRequest {
    std::vector<ModelKind> models = {ModelKind::BgNbd, ModelKind::GammaGamma};
    std::optional<ModelKind> predictWith; // default: the first purchase model listed
    double horizon = 52;                  // units
    double discount = 0;                  // per unit

    // Empty when the request can be run, else a plain message.
    QString validate() const;
    ModelKind predictionModel() const;
};

// One customer's predictions from the chosen purchase model (and Gamma-Gamma when fitted).
struct CustomerPrediction {
    double pAlive = 0;
    double expectedPurchases = 0; // in the next `horizon` units
    double expectedSpend = 0;     // per purchase; NaN without a Gamma-Gamma fit
    double clv = 0;               // NaN without a Gamma-Gamma fit
};

// Per purchase model: predicted against actual purchases in the holdout period.
struct HoldoutComparison {
    ModelKind kind = ModelKind::BgNbd;
    double mae = 0;
    double rmse = 0;
    double bias = 0; // mean of predicted − actual
    double predictedTotal = 0;
    double actualTotal = 0;
    // Mean predicted holdout purchases by calibration x: 0 … 6, then 7 and more.
    std::vector<double> predictedMeanByX;
};

struct TrackingRow {
    int period = 0;               // 1-based units from the earliest first purchase
    double actual = 0;            // cumulative repeat purchases (NaN from a summary file)
    std::vector<double> expected; // per purchase model fitted, in request order
};

struct ModelRunResult {
    std::shared_ptr<const RfmSummary> summary;
    ModelRequest request;
    std::vector<ModelFit> fits;                  // in request order, fitted or not
    std::vector<CustomerPrediction> predictions; // one per summary customer; empty without a fit
    std::optional<ModelKind> predictedWith;
    std::vector<HoldoutComparison> holdout; // with a holdout: per purchase model fitted
    std::vector<std::int64_t> customersByX; // calibration x 0 … 6, 7+
    std::vector<double> actualMeanByX;      // mean holdout purchases (NaN without a holdout)
    std::vector<TrackingRow> tracking;
    std::vector<ModelKind> tracked; // the purchase models in `tracking` rows' `expected`
    QStringList problems;           // "Pareto/NBD: diverged …": models that could not be fitted
    bool cancelled = false;

    const ModelFit* fit(ModelKind kind) const;
};

inline constexpr int kHoldoutGroups = 8; // calibration x = 0 … 6, and 7+

// Fits the requested models to the summary (each likelihood in parts on the worker pool, so
// not to be called from a task on that pool),
// predicts for every customer and, with a holdout, compares. A model that cannot be fitted
// is reported in `problems` and left out; the others go on.
ModelRunResult runModels(std::shared_ptr<const RfmSummary> summary, const ModelRequest& request,
                         const JobControl* control = nullptr);

// runModels() with the fits given (e.g. read back from a workspace) instead of fitted: the
// predictions, holdout comparison and tracking of those parameters. Same pool rule.
ModelRunResult runWithFits(std::shared_ptr<const RfmSummary> summary, const ModelRequest& request,
                           std::vector<ModelFit> fits, const JobControl* control = nullptr);

} // namespace clv
