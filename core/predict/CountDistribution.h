#pragma once

#include "predict/Dual.h"

#include <cmath>

namespace clv {

// P(N(t) = j) for a Poisson count whose rate is gamma(r, alpha) distributed: the negative
// binomial distribution all three purchase models share while a customer is alive.
inline double nbdProbability(double r, double alpha, double t, int j)
{
    if (t <= 0)
        return j == 0 ? 1.0 : 0.0;
    return std::exp(logGamma(r + j) - logGamma(r) - logGamma(j + 1.0) + r * std::log(alpha / (alpha + t))
                    + j * std::log(t / (alpha + t)));
}

// P(N(t) >= k) for the same count.
inline double nbdAtLeast(double r, double alpha, double t, int k)
{
    double below = 0;
    for (int j = 0; j < k; ++j)
        below += nbdProbability(r, alpha, t, j);
    return std::max(0.0, 1.0 - below);
}

// B(a + c, b + d) / B(a, b) for the beta-distributed dropout probability.
inline double betaRatio(double a, double b, double c, double d)
{
    return std::exp(logGamma(a + c) + logGamma(b + d) - logGamma(a + b + c + d) - logGamma(a) - logGamma(b)
                    + logGamma(a + b));
}

} // namespace clv
