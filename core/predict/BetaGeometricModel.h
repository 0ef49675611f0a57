#pragma once

#include "predict/PurchaseModel.h"

namespace clv {

// The beta-geometric purchase models: purchases at a gamma-distributed Poisson rate (r, α);
// after a purchase a customer drops out with a beta-distributed probability (a, b).
// Parameters: r, alpha, a, b.
//
// BG/NBD (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way"): the chance to drop
// out comes after each repeat purchase. MBG/NBD (Batislam, Denizel & Filiztekin 2007): also
// right after the first purchase, so that x = 0 customers are not all taken to be alive.
// The two differ only by that one extra chance: the beta terms' second argument is shifted by
// one, and the dropout term is present for x = 0 too.
class BetaGeometricModel final : public PurchaseModel {
public:
    explicit BetaGeometricModel(bool dropoutAtFirstPurchase) : m_modified(dropoutAtFirstPurchase) {}

    ModelKind kind() const override { return m_modified ? ModelKind::MbgNbd : ModelKind::BgNbd; }
    std::unique_ptr<Likelihood> likelihood(const FrequencyTerms& terms) const override;
    double pAlive(std::span<const double> p, double x, double tx, double T) const override;
    double conditionalExpected(std::span<const double> p, double x, double tx, double T, double t) const override;
    void conditionalExpectedForTerms(std::span<const double> p, const FrequencyTerms& terms, double t,
                                     std::span<double> out) const override;
    double expectedRepeat(std::span<const double> p, double t) const override;
    double repeatProbability(std::span<const double> p, double t, int k) const override;

private:
    double shift() const { return m_modified ? 1.0 : 0.0; }
    double dropoutOdds(std::span<const double> p, double x, double tx, double T) const;
    double remaining(std::span<const double> p, double x, double T, double t) const;
    double expectedGiven(std::span<const double> p, double x, double tx, double T, double remaining) const;

    bool m_modified;
};

} // namespace clv
