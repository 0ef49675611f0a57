#include "predict/ModelRun.h"

#include "predict/GammaGammaModel.h"
#include "predict/TermBlocks.h"
#include "util/ComputePool.h"

#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <tuple>

namespace clv {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kMaxHorizon = 100'000;
// Tracking goes day by day; a span beyond a century is a mistake in the data, not a history.
constexpr std::int64_t kMaxTrackedDays = 36'525;

std::size_t holdoutGroup(double x)
{
    return std::size_t(std::min(x, double(kHoldoutGroups - 1)));
}

ModelFit fitOne(ModelKind kind, const FrequencyTerms& frequency, const SpendTerms& spend, std::int64_t repeatCustomers,
                const JobControl* control)
{
    ModelFit fit;
    fit.kind = kind;
    if (kind == ModelKind::GammaGamma) {
        if (spend.customers < 3) {
            fit.problem = QStringLiteral("too few repeat customers with a spend (%1): at least 3 are needed")
                              .arg(spend.customers);
            return fit;
        }
        return fitModel(kind, *GammaGammaModel::likelihood(spend), control);
    }
    if (repeatCustomers < 2) {
        fit.problem = QStringLiteral("too few repeat customers (%1): at least 2 are needed").arg(repeatCustomers);
        return fit;
    }
    return fitModel(kind, *makePurchaseModel(kind)->likelihood(frequency), control);
}

// Expected purchases in each unit of the horizon, discounted and summed, per term; with no
// discount the sum telescopes to the expectation over the whole horizon.
std::vector<double> discountedPurchases(const PurchaseModel& model, std::span<const double> p,
                                        const FrequencyTerms& terms, double horizon, double discount)
{
    std::vector<double> total(terms.terms.size(), 0.0);
    if (discount == 0) {
        model.conditionalExpectedForTerms(p, terms, horizon, total);
        return total;
    }
    std::vector<double> before(terms.terms.size(), 0.0), upTo(terms.terms.size());
    const int units = int(std::ceil(horizon));
    for (int k = 1; k <= units; ++k) {
        model.conditionalExpectedForTerms(p, terms, std::min(double(k), horizon), upTo);
        const double factor = std::pow(1.0 + discount, -double(k));
        for (std::size_t i = 0; i < total.size(); ++i)
            total[i] += (upTo[i] - before[i]) * factor;
        std::swap(before, upTo);
    }
    return total;
}

void predict(ModelRunResult& result, const FrequencyTerms& terms, const JobControl* control)
{
    const RfmSummary& summary = *result.summary;
    // The model asked for; without a choice, the first purchase model listed that was fitted.
    ModelKind kind = result.request.predictionModel();
    if (!result.request.predictWith)
        for (const ModelFit& f : result.fits)
            if (isPurchaseModel(f.kind) && f.converged) {
                kind = f.kind;
                break;
            }
    const ModelFit* fit = result.fit(kind);
    const ModelFit* spendFit = result.fit(ModelKind::GammaGamma);
    const bool withSpend = spendFit && spendFit->converged;
    if (!isPurchaseModel(kind) || !fit || !fit->converged) {
        // Gamma-Gamma alone still says what each customer will spend per purchase.
        if (withSpend) {
            result.predictions.resize(summary.customers.size());
            for (std::size_t i = 0; i < summary.customers.size(); ++i) {
                const CustomerRfm& c = summary.customers[i];
                result.predictions[i] = {kNaN, kNaN, GammaGammaModel::expectedSpend(spendFit->params, c.x, c.monetary),
                                         kNaN};
            }
        }
        return;
    }
    const auto model = makePurchaseModel(kind);
    const std::vector<double>& p = fit->params;

    // Everything but the spend depends on (x, t_x, T) alone: worked out once per distinct term.
    std::vector<double> alive(terms.terms.size());
    model->pAliveForTerms(p, terms, alive);
    std::vector<double> expected(terms.terms.size());
    model->conditionalExpectedForTerms(p, terms, result.request.horizon, expected);
    const std::vector<double> discounted = withSpend && result.request.discount != 0
        ? discountedPurchases(*model, p, terms, result.request.horizon, result.request.discount)
        : expected;
    if (control && control->isCancelled()) {
        result.cancelled = true;
        return;
    }
    result.predictedWith = kind;
    result.predictions.resize(summary.customers.size());
    forEachTermBlock(summary.customers.size(), [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            const CustomerRfm& c = summary.customers[i];
            const std::size_t term = terms.termOfCustomer[i];
            CustomerPrediction& out = result.predictions[i];
            out.pAlive = alive[term];
            out.expectedPurchases = expected[term];
            out.expectedSpend = withSpend ? GammaGammaModel::expectedSpend(spendFit->params, c.x, c.monetary) : kNaN;
            out.clv = withSpend ? discounted[term] * out.expectedSpend : kNaN;
        }
    });
}

void compareHoldout(ModelRunResult& result, const FrequencyTerms& terms)
{
    const RfmSummary& summary = *result.summary;
    result.customersByX.assign(kHoldoutGroups, 0);
    std::vector<double> actualByX(kHoldoutGroups, 0);
    for (const CustomerRfm& c : summary.customers) {
        ++result.customersByX[holdoutGroup(c.x)];
        actualByX[holdoutGroup(c.x)] += c.xHoldout;
    }
    result.actualMeanByX.assign(kHoldoutGroups, kNaN);
    if (summary.hasHoldout())
        for (int g = 0; g < kHoldoutGroups; ++g)
            if (result.customersByX[std::size_t(g)] > 0)
                result.actualMeanByX[std::size_t(g)] = actualByX[std::size_t(g)]
                    / double(result.customersByX[std::size_t(g)]);

    // Without a holdout the comparison table still shows what each model expects over the
    // horizon, by calibration x.
    const double length = summary.hasHoldout() ? summary.holdoutLength() : result.request.horizon;
    for (const ModelFit& fit : result.fits) {
        if (!isPurchaseModel(fit.kind) || !fit.converged)
            continue;
        const auto model = makePurchaseModel(fit.kind);
        std::vector<double> perTerm(terms.terms.size());
        model->conditionalExpectedForTerms(fit.params, terms, length, perTerm);
        HoldoutComparison comparison;
        comparison.kind = fit.kind;
        comparison.predictedMeanByX.assign(kHoldoutGroups, 0);
        double absolute = 0, squared = 0;
        for (const FrequencyTerm& t : terms.terms) {
            const double predicted = perTerm[std::size_t(&t - terms.terms.data())];
            comparison.predictedMeanByX[holdoutGroup(t.x)] += predicted * t.weight;
            comparison.predictedTotal += predicted * t.weight;
        }
        for (std::size_t i = 0; i < summary.customers.size(); ++i) {
            const CustomerRfm& c = summary.customers[i];
            const double error = perTerm[terms.termOfCustomer[i]] - c.xHoldout;
            absolute += std::abs(error);
            squared += error * error;
            comparison.bias += error;
            comparison.actualTotal += c.xHoldout;
        }
        const double n = std::max<double>(1, double(summary.customers.size()));
        comparison.mae = absolute / n;
        comparison.rmse = std::sqrt(squared / n);
        comparison.bias /= n;
        for (int g = 0; g < kHoldoutGroups; ++g)
            comparison.predictedMeanByX[std::size_t(g)] /= std::max<double>(
                1, double(result.customersByX[std::size_t(g)]));
        result.holdout.push_back(std::move(comparison));
    }
}

// Cumulative repeat purchases per unit since the earliest first purchase: actual (counted
// from the purchases) and expected (each starting cohort's E[X(t)] summed).
void track(ModelRunResult& result)
{
    const RfmSummary& summary = *result.summary;
    const double unitDays = daysPerUnit(summary.unit);
    for (const ModelFit& fit : result.fits)
        if (isPurchaseModel(fit.kind) && fit.converged)
            result.tracked.push_back(fit.kind);

    // Cohorts: customers per start day, counted from the earliest first purchase.
    std::map<std::int64_t, double> cohorts;
    std::int64_t spanDays = 0;
    const PurchaseTimeline* timeline = summary.timeline ? &*summary.timeline : nullptr;
    if (timeline) {
        for (std::size_t d = 0; d < timeline->newCustomers.size(); ++d)
            if (timeline->newCustomers[d] > 0)
                cohorts[std::int64_t(d)] = double(timeline->newCustomers[d]);
        spanDays = std::int64_t(timeline->newCustomers.size());
    } else {
        // A summary file has no dates: customers started T before a common calibration end,
        // on the nearest whole day.
        double longest = 0;
        for (const CustomerRfm& c : summary.customers)
            longest = std::max(longest, c.T);
        if (longest * unitDays > kMaxTrackedDays) {
            result.problems << QStringLiteral("tracking left out: the customers span more than %1 days")
                                   .arg(kMaxTrackedDays);
            return;
        }
        for (const CustomerRfm& c : summary.customers)
            cohorts[std::llround((longest - c.T) * unitDays)] += 1;
        spanDays = std::int64_t(std::llround(longest * unitDays)) + 1;
    }
    if (spanDays > kMaxTrackedDays) {
        result.problems << QStringLiteral("tracking left out: the purchases span more than %1 days")
                               .arg(kMaxTrackedDays);
        return;
    }
    const int periods = int(std::ceil(double(spanDays) / unitDays));

    // E[X(t)] for every whole number of days a cohort can have been buying, per model: each
    // period's expectation is then a sum of looked-up values.
    std::vector<std::vector<double>> byElapsedDays;
    for (ModelKind kind : result.tracked) {
        const auto model = makePurchaseModel(kind);
        const std::vector<double>& p = result.fit(kind)->params;
        std::vector<double> values(std::size_t(spanDays) + 1);
        forEachTermBlock(values.size(), [&](std::size_t begin, std::size_t end) {
            for (std::size_t d = begin; d < end; ++d)
                values[d] = model->expectedRepeat(p, double(d) / unitDays);
        });
        byElapsedDays.push_back(std::move(values));
    }

    double actual = 0;
    std::int64_t countedDays = 0;
    for (int k = 1; k <= periods; ++k) {
        TrackingRow row;
        row.period = k;
        // The period ends with the day before k units have passed; its last day is the
        // "calibration end" of the expectation, as T is measured in the summary.
        const std::int64_t endDay = std::min<std::int64_t>(std::int64_t(std::floor(k * unitDays)), spanDays) - 1;
        if (timeline) {
            for (; countedDays <= endDay; ++countedDays)
                actual += double(timeline->repeatPurchases[std::size_t(countedDays)]);
            row.actual = actual;
        } else {
            row.actual = kNaN;
        }
        for (const std::vector<double>& values : byElapsedDays) {
            double expected = 0;
            for (const auto& [start, customers] : cohorts) {
                if (start > endDay)
                    break;
                expected += customers * values[std::size_t(endDay - start)];
            }
            row.expected.push_back(expected);
        }
        result.tracking.push_back(std::move(row));
    }
}

} // namespace

QString ModelRequest::validate() const
{
    if (models.empty())
        return QStringLiteral("no model named: choose from bgnbd, pnbd, mbgnbd, gg");
    for (std::size_t i = 0; i < models.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (models[i] == models[j])
                return QStringLiteral("the model %1 is named twice").arg(modelKeyText(models[i]));
    if (predictWith) {
        if (!isPurchaseModel(*predictWith))
            return QStringLiteral("predictions need a purchase model (bgnbd, pnbd or mbgnbd), not %1")
                .arg(modelKeyText(*predictWith));
        if (std::find(models.begin(), models.end(), *predictWith) == models.end())
            return QStringLiteral("the model to predict with, %1, is not among the models fitted")
                .arg(modelKeyText(*predictWith));
    }
    if (!(horizon > 0 && horizon <= kMaxHorizon))
        return QStringLiteral("the horizon must be more than 0 and at most %1 units").arg(kMaxHorizon);
    if (!(discount >= 0 && discount < 1))
        return QStringLiteral("the discount rate must be at least 0 and below 1 per unit");
    return {};
}

ModelKind ModelRequest::predictionModel() const
{
    if (predictWith)
        return *predictWith;
    for (ModelKind kind : models)
        if (isPurchaseModel(kind))
            return kind;
    return ModelKind::GammaGamma;
}

const ModelFit* ModelRunResult::fit(ModelKind kind) const
{
    for (const ModelFit& f : fits)
        if (f.kind == kind)
            return &f;
    return nullptr;
}

namespace {

// Everything after the fits: problems named, predictions, holdout and tracking.
void completeRun(ModelRunResult& result, const FrequencyTerms& frequency, const JobControl* control)
{
    for (const ModelFit& fit : result.fits) {
        if (fit.cancelled)
            result.cancelled = true;
        else if (!fit.converged)
            result.problems << QStringLiteral("%1: %2").arg(modelTitle(fit.kind), fit.problem);
    }
    if (result.cancelled)
        return;
    if (control)
        control->report(QStringLiteral("Predicting"), 0.0);
    predict(result, frequency, control);
    if (result.cancelled)
        return;
    if (const ModelFit* gg = result.fit(ModelKind::GammaGamma); gg && gg->converged && gg->params[1] <= 1.0)
        result.problems << QStringLiteral("Gamma-Gamma: q = %1 <= 1, so the population's mean spend is infinite; "
                                          "expected spend is left empty where it has no finite mean")
                               .arg(gg->params[1], 0, 'g', 4);
    compareHoldout(result, frequency);
    track(result);
}

} // namespace

ModelRunResult runModels(std::shared_ptr<const RfmSummary> summary, const ModelRequest& request,
                         const JobControl* control)
{
    ModelRunResult result;
    result.summary = std::move(summary);
    result.request = request;
    const FrequencyTerms frequency = FrequencyTerms::collapse(result.summary->customers);
    const SpendTerms spend = SpendTerms::collapse(result.summary->customers);
    const std::int64_t repeatCustomers = result.summary->repeatCustomers();

    if (control)
        control->report(QStringLiteral("Fitting"), 0.0);
    // One model after another, each likelihood summed in parts on the worker pool: waiting
    // for parts from inside a pool task could leave every worker waiting.
    for (std::size_t i = 0; i < request.models.size(); ++i) {
        result.fits.push_back(fitOne(request.models[i], frequency, spend, repeatCustomers, control));
        if (control)
            control->report(QStringLiteral("Fitting"), double(i + 1) / double(request.models.size()));
    }
    completeRun(result, frequency, control);
    return result;
}

ModelRunResult runWithFits(std::shared_ptr<const RfmSummary> summary, const ModelRequest& request,
                           std::vector<ModelFit> fits, const JobControl* control)
{
    ModelRunResult result;
    result.summary = std::move(summary);
    result.request = request;
    result.fits = std::move(fits);
    completeRun(result, FrequencyTerms::collapse(result.summary->customers), control);
    return result;
}

} // namespace clv
