#pragma once

#include "predict/TermSet.h"

#include <QString>

#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace clv {

enum class ModelKind { BgNbd, ParetoNbd, MbgNbd, GammaGamma };

// "bgnbd", "pnbd", "mbgnbd", "gg": the names in `--models` and in model_fit.json.
std::string_view modelKey(ModelKind kind);
std::optional<ModelKind> modelFromKey(std::string_view key);
QString modelKeyText(ModelKind kind);
// "BG/NBD", "Pareto/NBD", "MBG/NBD", "Gamma-Gamma": the names a user reads.
QString modelTitle(ModelKind kind);
std::vector<std::string_view> parameterNames(ModelKind kind);
bool isPurchaseModel(ModelKind kind);

// What the fitter maximises: a model's log-likelihood over its data, at natural (positive)
// parameters, with the exact gradient when asked.
class Likelihood {
public:
    virtual ~Likelihood() = default;
    virtual int parameterCount() const = 0;
    virtual double observations() const = 0; // customers, for the BIC
    // The log-likelihood; fills `gradient` (d/d parameter) when it is not empty.
    virtual double evaluate(std::span<const double> params, std::span<double> gradient) const = 0;
    // Where the search starts: a few spread-out points that suit the data's scale.
    virtual std::vector<std::vector<double>> startingPoints() const = 0;
};

// A buy-'til-you-die purchase model (§10): its likelihood and what it predicts for a
// customer with history (x, t_x, T), times in the summary's unit.
class PurchaseModel {
public:
    virtual ~PurchaseModel() = default;
    virtual ModelKind kind() const = 0;
    virtual std::unique_ptr<Likelihood> likelihood(const FrequencyTerms& terms) const = 0;

    // The probability that the customer is still active at T.
    virtual double pAlive(std::span<const double> p, double x, double tx, double T) const = 0;
    // Expected purchases in (T, T + t], given the history.
    virtual double conditionalExpected(std::span<const double> p, double x, double tx, double T, double t) const = 0;
    // pAlive() for every term of `terms` into `out`, on the worker pool.
    virtual void pAliveForTerms(std::span<const double> p, const FrequencyTerms& terms, std::span<double> out) const;
    // conditionalExpected() for every term of `terms` into `out` (one value per term), on the
    // worker pool. Models whose expectation has a costly part that depends on fewer than all
    // of (x, t_x, T) work that part out once per distinct value.
    virtual void conditionalExpectedForTerms(std::span<const double> p, const FrequencyTerms& terms, double t,
                                             std::span<double> out) const;
    // E[X(t)]: expected repeat purchases of a new customer in their first t units.
    virtual double expectedRepeat(std::span<const double> p, double t) const = 0;
    // P(X(t) = k): the chance that a new customer makes exactly k repeat purchases by t.
    virtual double repeatProbability(std::span<const double> p, double t, int k) const = 0;
};

std::unique_ptr<PurchaseModel> makePurchaseModel(ModelKind kind);

} // namespace clv
