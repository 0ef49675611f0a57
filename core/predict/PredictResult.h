#pragma once

#include "predict/ModelRun.h"
#include "predict/PurchaseOverview.h"
#include "predict/RfmSummary.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace clv {

// What the user asked the Predict tab for.
struct PredictSettings {
    SummaryOptions summary; // unit, calibration end, holdout end
    ModelRequest request;   // models, prediction model, horizon, discount
};

// One fit as the window shows it: the run (summary, fits, predictions, holdout, tracking)
// and the purchases it came from. Immutable once built.
struct PredictResult {
    PredictSettings settings;
    std::shared_ptr<const PurchaseOverview> purchases;
    ModelRunResult run;
    // Per customer of run.summary: their row in purchases->history (and segments, seedLtv).
    std::vector<std::uint32_t> historyRow;

    std::size_t customerCount() const { return run.summary ? run.summary->customers.size() : 0; }
};

} // namespace clv
