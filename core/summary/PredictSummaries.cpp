#include "summary/PredictSummaries.h"

#include "summary/OrderStatistics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace clv {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The purchase model the predictions came from, with its fitted parameters.
struct PredictionModel {
    ModelKind kind = ModelKind::BgNbd;
    std::unique_ptr<PurchaseModel> model;
    const std::vector<double>* params = nullptr;
};

std::optional<PredictionModel> predictionModelOf(const ModelRunResult& run)
{
    if (!run.predictedWith || !run.summary)
        return std::nullopt;
    const ModelFit* fit = run.fit(*run.predictedWith);
    if (!fit || !fit->converged)
        return std::nullopt;
    return PredictionModel{*run.predictedWith, makePurchaseModel(*run.predictedWith), &fit->params};
}

// The period (1-based) whose last day is the first on or after the calibration end, by the
// tracking's own rule: period k ends on day ⌊k · unit⌋ − 1 from the earliest first purchase.
int calibrationPeriodOf(const RfmSummary& summary, const std::vector<TrackingRow>& rows)
{
    if (rows.empty())
        return 0;
    if (!summary.timeline || !summary.calibrationEnd)
        return rows.back().period; // a summary file has no holdout: all of it is calibration
    const double unitDays = daysPerUnit(summary.unit);
    const auto spanDays = std::int64_t(summary.timeline->newCustomers.size());
    const std::int64_t endDay = *summary.calibrationEnd - summary.timeline->firstDay;
    for (const TrackingRow& row : rows)
        if (std::min<std::int64_t>(std::int64_t(std::floor(row.period * unitDays)), spanDays) - 1 >= endDay)
            return row.period;
    return rows.back().period;
}

} // namespace

bool TrackingSeries::hasActual() const
{
    return std::any_of(actual.begin(), actual.end(), [](double v) { return !std::isnan(v); });
}

TrackingSeries trackingSeries(const ModelRunResult& run)
{
    TrackingSeries series;
    if (!run.summary)
        return series;
    series.unit = run.summary->unit;
    series.models = run.tracked;
    series.expected.resize(run.tracked.size());
    for (const TrackingRow& row : run.tracking) {
        series.periods.push_back(row.period);
        series.actual.push_back(row.actual);
        for (std::size_t m = 0; m < series.models.size(); ++m)
            series.expected[m].push_back(m < row.expected.size() ? row.expected[m] : kNaN);
    }
    series.calibrationPeriod = calibrationPeriodOf(*run.summary, run.tracking);
    return series;
}

HoldoutByFrequency holdoutByFrequency(const ModelRunResult& run)
{
    HoldoutByFrequency h;
    if (!run.summary || !run.summary->hasHoldout())
        return h;
    h.available = true;
    h.unit = run.summary->unit;
    h.holdoutLength = run.summary->holdoutLength();
    h.customers = run.customersByX;
    h.actual = run.actualMeanByX;
    for (const HoldoutComparison& c : run.holdout) {
        h.models.push_back(c.kind);
        h.predicted.push_back(c.predictedMeanByX);
    }
    return h;
}

RepeatHistogram repeatHistogram(const ModelRunResult& run, int buckets)
{
    RepeatHistogram h;
    h.buckets = std::clamp(buckets, 1, 100);
    const auto entries = std::size_t(h.buckets) + 1;
    h.actual.assign(entries, 0);
    if (!run.summary)
        return h;
    // The models' P(X(T) = k) depends on T alone: customers who started on the same day
    // share it, and there are far fewer start days than customers.
    std::map<double, double> customersByT;
    for (const CustomerRfm& c : run.summary->customers) {
        ++h.actual[std::size_t(std::clamp(c.x, 0.0, double(h.buckets)))];
        customersByT[c.T] += 1;
    }
    h.customers = std::int64_t(run.summary->customers.size());
    for (const ModelFit& fit : run.fits) {
        if (!isPurchaseModel(fit.kind) || !fit.converged)
            continue;
        const auto model = makePurchaseModel(fit.kind);
        std::vector<double> expected(entries, 0.0);
        for (const auto& [T, customers] : customersByT) {
            double below = 0;
            for (int k = 0; k < h.buckets; ++k) {
                const double p = model->repeatProbability(fit.params, T, k);
                expected[std::size_t(k)] += customers * p;
                below += p;
            }
            expected.back() += customers * std::max(0.0, 1.0 - below);
        }
        h.models.push_back(fit.kind);
        h.expected.push_back(std::move(expected));
    }
    return h;
}

FrequencyRecencyGrid frequencyRecencyGrid(const ModelRunResult& run, int maxFrequency, int recencyCells)
{
    FrequencyRecencyGrid grid;
    const std::optional<PredictionModel> prediction = predictionModelOf(run);
    if (!prediction || run.summary->customers.empty())
        return grid;
    grid.available = true;
    grid.model = prediction->kind;
    grid.unit = run.summary->unit;
    grid.horizon = run.request.horizon;
    std::vector<double> xs;
    xs.reserve(run.summary->customers.size());
    for (const CustomerRfm& c : run.summary->customers) {
        xs.push_back(c.x);
        grid.T = std::max(grid.T, c.T);
    }
    // The few customers far beyond the rest would stretch the grid into empty rows.
    const int xMax = maxFrequency > 0 ? maxFrequency : std::clamp(int(std::ceil(nearestRank(xs, 0.99))), 3, 50);
    const int columns = recencyCells > 0 ? std::max(2, recencyCells) : std::clamp(int(std::ceil(grid.T)) + 1, 2, 61);
    for (int f = 0; f <= xMax; ++f)
        grid.frequencies.push_back(f);
    for (int r = 0; r < columns; ++r)
        grid.recencies.push_back(r == columns - 1 ? grid.T : grid.T * r / double(columns - 1));
    grid.expected.resize(grid.frequencies.size() * grid.recencies.size());
    grid.pAlive.resize(grid.expected.size());
    const std::vector<double>& p = *prediction->params;
    for (std::size_t f = 0; f < grid.frequencies.size(); ++f)
        for (std::size_t r = 0; r < grid.recencies.size(); ++r) {
            const double x = grid.frequencies[f], tx = grid.recencies[r];
            grid.expected[grid.cell(f, r)] = prediction->model->conditionalExpected(p, x, tx, grid.T, grid.horizon);
            grid.pAlive[grid.cell(f, r)] = prediction->model->pAlive(p, x, tx, grid.T);
        }
    return grid;
}

CustomerAliveCurve customerAliveCurve(const PredictResult& result, std::size_t summaryRow, int maxPoints)
{
    CustomerAliveCurve curve;
    const ModelRunResult& run = result.run;
    const std::optional<PredictionModel> prediction = predictionModelOf(run);
    if (!prediction || summaryRow >= run.summary->customers.size())
        return curve;
    const CustomerRfm& c = run.summary->customers[summaryRow];
    curve.found = true;
    curve.customerId = c.id;
    curve.model = prediction->kind;
    curve.unit = run.summary->unit;
    curve.x = c.x;
    curve.tx = c.tx;
    curve.T = c.T;
    const std::vector<double>& p = *prediction->params;
    const PurchaseModel& model = *prediction->model;
    const double unitDays = daysPerUnit(curve.unit);
    const int points = std::max(2, maxPoints);

    const CustomerPurchases* history = nullptr;
    if (result.purchases && summaryRow < result.historyRow.size()
        && result.historyRow[summaryRow] < result.purchases->history.customers.size())
        history = &result.purchases->history.customers[result.historyRow[summaryRow]];
    if (history && !history->days.empty() && run.summary->calibrationEnd) {
        curve.fromHistory = true;
        const std::int64_t first = history->days.front().day;
        const std::int64_t span = std::max<std::int64_t>(0, *run.summary->calibrationEnd - first);
        const std::int64_t step = std::max<std::int64_t>(1, (span + points - 2) / (points - 1));
        std::size_t next = 1; // the next repeat purchase not yet counted
        double x = 0, tx = 0;
        for (std::int64_t d = 0;; d = std::min(d + step, span)) {
            for (; next < history->days.size() && history->days[next].day - first <= d; ++next) {
                x += 1;
                tx = double(history->days[next].day - first) / unitDays;
                curve.purchaseTimes.push_back(tx);
            }
            const double T = double(d) / unitDays;
            curve.times.push_back(T);
            curve.pAlive.push_back(model.pAlive(p, x, tx, T));
            if (d == span)
                break;
        }
        return curve;
    }
    // Only the summary: nothing is known before the last purchase.
    if (c.x > 0)
        curve.purchaseTimes.push_back(c.tx);
    for (int i = 0; i < points; ++i) {
        const double T = c.tx + (c.T - c.tx) * i / double(points - 1);
        curve.times.push_back(T);
        curve.pAlive.push_back(model.pAlive(p, c.x, c.tx, T));
        if (!(c.T > c.tx))
            break;
    }
    return curve;
}

LtvDistribution linearDistribution(std::vector<double> values, int bins)
{
    LtvDistribution d;
    const auto binCount = std::size_t(std::clamp(bins, 1, 10000));
    d.counts.assign(binCount, 0);
    const std::size_t n = values.size();
    d.count = std::int64_t(n);
    if (n == 0) {
        d.edges = {0.0, 1.0};
        d.counts.assign(1, 0);
        return d;
    }
    const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
    d.min = *lo;
    d.max = *hi;
    double sum = 0;
    for (double v : values) {
        sum += v;
        if (v == 0.0)
            ++d.zeroCount;
    }
    const double top = d.max > d.min ? d.max : d.min + 1.0;
    d.edges.resize(binCount + 1);
    for (std::size_t i = 0; i <= binCount; ++i)
        d.edges[i] = d.min + (top - d.min) * double(i) / double(binCount);
    d.edges.back() = top;
    for (double v : values) {
        const auto bin = std::int64_t(std::floor((v - d.min) / (top - d.min) * double(binCount)));
        ++d.counts[std::size_t(std::clamp<std::int64_t>(bin, 0, std::int64_t(binCount) - 1))];
    }
    d.mean = sum / double(n);
    d.median = medianReordering(values);
    d.p90 = nearestRank(std::move(values), 0.9);
    return d;
}

ClvDistribution clvDistribution(const ModelRunResult& run, int bins)
{
    ClvDistribution d;
    std::vector<double> values;
    values.reserve(run.predictions.size());
    for (const CustomerPrediction& p : run.predictions) {
        if (std::isfinite(p.clv))
            values.push_back(p.clv);
        else
            ++d.withoutClv;
    }
    if (run.predictions.empty() && run.summary)
        d.withoutClv = std::int64_t(run.summary->customers.size());
    d.histogram = linearDistribution(std::move(values), bins);
    return d;
}

ClvScatter clvScatter(const PredictResult& result, int maxPoints)
{
    ClvScatter s;
    const ModelRunResult& run = result.run;
    const std::size_t customers = result.customerCount();
    const PurchaseOverview* overview = result.purchases.get();
    std::vector<std::uint32_t> eligible;
    eligible.reserve(customers);
    double sumX = 0, sumY = 0;
    for (std::size_t i = 0; i < customers; ++i) {
        double seed = kNaN;
        if (overview && i < result.historyRow.size() && result.historyRow[i] < overview->seedLtv.size())
            seed = overview->seedLtv[result.historyRow[i]];
        const double clv = i < run.predictions.size() ? run.predictions[i].clv : kNaN;
        if (!std::isfinite(seed)) {
            ++s.withoutSeedLtv;
            continue;
        }
        if (!std::isfinite(clv)) {
            ++s.withoutClv;
            continue;
        }
        if (eligible.empty()) {
            s.minSeedLtv = s.maxSeedLtv = seed;
            s.minClv = s.maxClv = clv;
        }
        s.minSeedLtv = std::min(s.minSeedLtv, seed);
        s.maxSeedLtv = std::max(s.maxSeedLtv, seed);
        s.minClv = std::min(s.minClv, clv);
        s.maxClv = std::max(s.maxClv, clv);
        sumX += seed;
        sumY += clv;
        eligible.push_back(std::uint32_t(i));
    }
    const auto n = std::int64_t(eligible.size());
    s.eligible = n;
    if (n == 0)
        return s;

    // Two passes for the correlation: the centred sums keep their digits on large money values.
    const double meanX = sumX / double(n), meanY = sumY / double(n);
    double sxx = 0, syy = 0, sxy = 0;
    for (std::uint32_t i : eligible) {
        const double dx = overview->seedLtv[result.historyRow[i]] - meanX;
        const double dy = run.predictions[i].clv - meanY;
        sxx += dx * dx;
        syy += dy * dy;
        sxy += dx * dy;
    }
    if (n >= 2 && sxx > 0 && syy > 0)
        s.correlation = sxy / std::sqrt(sxx * syy);

    const std::int64_t m = std::min<std::int64_t>(n, std::max(1, maxPoints));
    s.rows.reserve(std::size_t(m));
    for (std::int64_t j = 0; j < m; ++j) {
        const std::uint32_t row = eligible[std::size_t(j * n / m)];
        s.rows.push_back(row);
        s.seedLtv.push_back(overview->seedLtv[result.historyRow[row]]);
        s.clv.push_back(run.predictions[row].clv);
    }
    return s;
}

} // namespace clv
