#pragma once

#include "predict/Dual.h"

#include <cmath>
#include <limits>

namespace clv {

// log 2F1(a, b; a + 1; z) for 0 <= z < 1 and a, b > 0: the Gauss hypergeometric function in
// the form the Pareto/NBD likelihood needs, differentiable through the scalar type.
//
// Boost.Math has no 2F1 and its general pFq takes plain reals only, while the likelihood's
// gradient runs through this function for every customer term. Euler's transformation
//   2F1(a, b; a + 1; z) = (1 - z)^(1 - b) · 2F1(1, a + 1 - b; a + 1; z)
// leaves a series whose terms are positive and shrink at least as fast as z^n, so it cannot
// overflow however large b (r + x for frequent buyers) gets; the factor is taken in logs.
// The tests compare it with Boost's hypergeometric_pFq.
template <class S>
S logHyp2f1APlusOne(const S& a, const S& b, const S& z)
{
    using std::log;
    using std::log1p;
    const S shifted = a + 1.0 - b;
    S sum = S(1.0);
    S term = S(1.0);
    const double zv = valueOf(z);
    // Stop when the remainder, below term·z/(1 − z), is beyond double precision. The terms
    // shrink like z^n, so z within 1e-2 of 1 needs thousands of them: that far out (one of
    // α, β a hundred times the other plus t) the value is given up as NaN, which the optimiser
    // treats as a region to leave, instead of spending minutes per evaluation.
    const double tail = zv / (1.0 - zv);
    constexpr int kMaxTerms = 5'000;
    for (int n = 0; n < kMaxTerms; ++n) {
        term = term * (shifted + double(n)) / (a + (1.0 + n)) * z;
        sum += term;
        if (std::abs(valueOf(term)) * tail <= 1e-17 * std::abs(valueOf(sum)))
            return (1.0 - b) * log1p(-z) + log(sum);
    }
    return S(std::numeric_limits<double>::quiet_NaN());
}

// Gauss hypergeometric 2F1(a, b; c; z) for |z| < 1, from Boost.Math's pFq; NaN when Boost
// cannot evaluate it (it throws on a series that does not converge).
double hyp2f1(double a, double b, double c, double z);

} // namespace clv
