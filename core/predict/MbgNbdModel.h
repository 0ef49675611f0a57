#pragma once

#include "predict/PurchaseModel.h"

namespace clv {

// MBG/NBD (Batislam, Denizel & Filiztekin 2007): BG/NBD in which a customer can also drop
// out right after the first purchase, so that x = 0 customers are not all taken to be alive.
// Parameters: r, alpha, a, b.
class MbgNbdModel final : public PurchaseModel {
public:
    ModelKind kind() const override { return ModelKind::MbgNbd; }
    std::unique_ptr<Likelihood> likelihood(const FrequencyTerms& terms) const override;
    double pAlive(std::span<const double> p, double x, double tx, double T) const override;
    double conditionalExpected(std::span<const double> p, double x, double tx, double T, double t) const override;
    void conditionalExpectedForTerms(std::span<const double> p, const FrequencyTerms& terms, double t,
                                     std::span<double> out) const override;
    double expectedRepeat(std::span<const double> p, double t) const override;
    double repeatProbability(std::span<const double> p, double t, int k) const override;
};

} // namespace clv
