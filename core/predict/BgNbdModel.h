#pragma once

#include "predict/PurchaseModel.h"

namespace clv {

// BG/NBD (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way"): purchases at a
// gamma-distributed Poisson rate (r, alpha); after each repeat purchase a customer drops out
// with a beta-distributed probability (a, b). Parameters: r, alpha, a, b.
class BgNbdModel final : public PurchaseModel {
public:
    ModelKind kind() const override { return ModelKind::BgNbd; }
    std::unique_ptr<Likelihood> likelihood(const FrequencyTerms& terms) const override;
    double pAlive(std::span<const double> p, double x, double tx, double T) const override;
    double conditionalExpected(std::span<const double> p, double x, double tx, double T, double t) const override;
    void conditionalExpectedForTerms(std::span<const double> p, const FrequencyTerms& terms, double t,
                                     std::span<double> out) const override;
    double expectedRepeat(std::span<const double> p, double t) const override;
    double repeatProbability(std::span<const double> p, double t, int k) const override;
};

} // namespace clv
