#pragma once

#include "predict/PurchaseModel.h"

namespace clv {

// Pareto/NBD (Schmittlein, Morrison & Colombo 1987) in the form of Fader & Hardie (2005),
// with the Gauss hypergeometric function: purchases at a gamma-distributed Poisson rate
// (r, alpha), a lifetime that ends at a gamma-distributed exponential rate (s, beta).
// Parameters: r, alpha, s, beta.
class ParetoNbdModel final : public PurchaseModel {
public:
    ModelKind kind() const override { return ModelKind::ParetoNbd; }
    std::unique_ptr<Likelihood> likelihood(const FrequencyTerms& terms) const override;
    double pAlive(std::span<const double> p, double x, double tx, double T) const override;
    double conditionalExpected(std::span<const double> p, double x, double tx, double T, double t) const override;
    void pAliveForTerms(std::span<const double> p, const FrequencyTerms& terms, std::span<double> out) const override;
    void conditionalExpectedForTerms(std::span<const double> p, const FrequencyTerms& terms, double t,
                                     std::span<double> out) const override;
    double expectedRepeat(std::span<const double> p, double t) const override;
    double repeatProbability(std::span<const double> p, double t, int k) const override;
};

} // namespace clv
