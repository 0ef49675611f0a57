#pragma once

#include "predict/PurchaseModel.h"

namespace clv {

// Gamma-Gamma spend (Fader, Hardie & Lee 2005, "RFM and CLV: Using Iso-Value Curves"): each
// purchase's amount is gamma(p, ν) distributed, ν gamma(q, γ) across customers; fitted on the
// repeat customers' mean spend. Parameters: p, q, gamma.
class GammaGammaModel {
public:
    static std::unique_ptr<Likelihood> likelihood(const SpendTerms& terms);
    // E[spend per purchase | x purchases with mean m]: the population mean p·γ/(q−1) for
    // x = 0, weighted towards the customer's own mean as x grows. NaN where the mean is
    // infinite (p·x + q <= 1).
    static double expectedSpend(std::span<const double> params, double x, double monetary);
};

} // namespace clv
