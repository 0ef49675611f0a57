#pragma once

#include "predict/PredictResult.h"
#include "summary/ChartSummaries.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace clv {

// The figures the Predict charts draw, computed from an immutable fit. Pure functions, safe
// on any thread (none uses the worker pool); the charts only lay them out. Times are in the
// summary's unit throughout.

// Actual against expected cumulative repeat purchases, per period since the earliest first
// purchase (the run's tracking rows).
struct TrackingSeries {
    TimeUnit unit = TimeUnit::Week;
    std::vector<int> periods;
    std::vector<double> actual; // NaN throughout for a summary read from a file
    std::vector<ModelKind> models;
    std::vector<std::vector<double>> expected; // per model, parallel to periods
    // The period whose last day is the calibration end or after it (0 when unknown): the
    // periods after it are the holdout.
    int calibrationPeriod = 0;

    bool hasActual() const;
};

TrackingSeries trackingSeries(const ModelRunResult& run);

// Mean holdout purchases by calibration x (0 … 6, 7+), actual against each model.
struct HoldoutByFrequency {
    bool available = false;   // only with a holdout period
    double holdoutLength = 0; // units
    TimeUnit unit = TimeUnit::Week;
    std::vector<std::int64_t> customers; // per group
    std::vector<double> actual;          // per group; NaN for an empty group
    std::vector<ModelKind> models;
    std::vector<std::vector<double>> predicted; // per model, per group
};

HoldoutByFrequency holdoutByFrequency(const ModelRunResult& run);

// Customers by calibration repeat purchases k = 0 … K−1 and K or more, against what each
// model expects: Σ over customers of P(X(T_i) = k), the last bucket 1 − the others.
struct RepeatHistogram {
    int buckets = 0; // K: the last of the K + 1 entries is "K or more"
    std::int64_t customers = 0;
    std::vector<std::int64_t> actual; // K + 1 entries
    std::vector<ModelKind> models;
    std::vector<std::vector<double>> expected; // per model, K + 1 entries
};

// `buckets` is clamped to [1, 100].
RepeatHistogram repeatHistogram(const ModelRunResult& run, int buckets = 7);

// Expected purchases in the horizon and P(alive) over a grid of frequency x = 0 … Xmax and
// recency t_x = 0 … T, for a customer observed for T = the longest T of the summary, from
// the prediction model. Every cell is the model's formula at that point, including the
// corners no customer can be in (x = 0 with t_x > 0), as the published plots show them.
struct FrequencyRecencyGrid {
    bool available = false; // a prediction model was fitted
    ModelKind model = ModelKind::BgNbd;
    TimeUnit unit = TimeUnit::Week;
    double T = 0;
    double horizon = 0;
    std::vector<double> frequencies; // 0, 1, … Xmax
    std::vector<double> recencies;   // 0 … T, evenly spaced
    // Row-major by frequency: cell (f, r) at f · recencies.size() + r.
    std::vector<double> expected;
    std::vector<double> pAlive;

    std::size_t cell(std::size_t frequency, std::size_t recency) const
    {
        return frequency * recencies.size() + recency;
    }
};

// `maxFrequency` <= 0: the 99th percentile of the customers' x, kept within 3 … 50.
// `recencyCells` <= 0: one per whole unit of T, at most 61; at least 2 either way.
FrequencyRecencyGrid frequencyRecencyGrid(const ModelRunResult& run, int maxFrequency = 0, int recencyCells = 0);

// One customer's P(alive) from their first purchase to the calibration end, given the
// purchases up to each moment, from the prediction model.
struct CustomerAliveCurve {
    bool found = false; // the row exists and a prediction model was fitted
    std::string customerId;
    ModelKind model = ModelKind::BgNbd;
    TimeUnit unit = TimeUnit::Week;
    // With their purchase days known: from the first purchase, one point a day (or a few
    // days when the span is long). From a summary file only x, t_x and T are known: the
    // curve starts at the last purchase.
    bool fromHistory = false;
    std::vector<double> times; // units since the first purchase
    std::vector<double> pAlive;
    std::vector<double> purchaseTimes; // repeat purchases in the calibration period, units since the first
    double x = 0;
    double tx = 0;
    double T = 0;
};

CustomerAliveCurve customerAliveCurve(const PredictResult& result, std::size_t summaryRow, int maxPoints = 2000);

// Predicted CLV over the customers (linear bins, as ltvDistribution() on a linear scale);
// customers without a CLV (no spend model) are counted apart.
struct ClvDistribution {
    LtvDistribution histogram; // of the customers with a CLV
    std::int64_t withoutClv = 0;
};

ClvDistribution clvDistribution(const ModelRunResult& run, int bins = 30);

// The bins, mean, median and p90 of `values` on a linear scale, by ltvDistribution()'s rules.
LtvDistribution linearDistribution(std::vector<double> values, int bins);

// Predicted CLV against the seed LTV. Customers with both are "eligible"; at most
// `maxPoints` of them are kept, evenly spaced in the summary's order (deterministic: the
// j-th of m kept is eligible customer ⌊j · n / m⌋), so that hundreds of thousands of
// customers still draw quickly. Ranges and correlation are over all eligible customers.
struct ClvScatter {
    std::vector<std::uint32_t> rows; // summary rows of the points kept
    std::vector<double> seedLtv;
    std::vector<double> clv;
    std::int64_t eligible = 0;
    std::int64_t withoutSeedLtv = 0; // left out: no seed LTV (or no purchase overview)
    std::int64_t withoutClv = 0;     // left out: no predicted CLV (and a seed LTV)
    double minSeedLtv = 0, maxSeedLtv = 0, minClv = 0, maxClv = 0;
    std::optional<double> correlation; // Pearson's r, with at least 2 points that vary

    std::size_t shown() const { return rows.size(); }
};

ClvScatter clvScatter(const PredictResult& result, int maxPoints = 3000);

} // namespace clv
