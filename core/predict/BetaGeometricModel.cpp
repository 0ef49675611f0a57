#include "predict/BetaGeometricModel.h"

#include "predict/CountDistribution.h"
#include "predict/FrequencyLikelihood.h"
#include "predict/Hypergeometric.h"
#include "predict/TermBlocks.h"

namespace clv {

namespace {

// log L summed over the terms, in logs, with m = 0 for BG/NBD (Fader, Hardie & Lee 2005,
// eq. 6) and m = 1 for MBG/NBD (Batislam et al. 2007):
//   ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x+m) − ln B(a, b)
//   + ln[ (α+T)^−(r+x) + [x>0 or m=1] a/(b+x−1+m) (α+t_x)^−(r+x) ]
// Everything that depends on x alone is worked out once per run of equal x.
template <int M>
struct BetaGeometricKernel {
    template <class S>
    static S sum(const S* p, const FrequencyTerms& set, std::size_t begin, std::size_t end)
    {
        using std::log;
        const S& r = p[0];
        const S& alpha = p[1];
        const S& a = p[2];
        const S& b = p[3];
        const S common = r * log(alpha) - logGamma(r) + logGamma(a + b) - logGamma(b);
        const S logA = log(a);
        const std::vector<S> logAlphaT = logsOfShifted(alpha, set.times);
        S total = 0.0;
        const std::vector<FrequencyTerm>& terms = set.terms;
        for (std::size_t i = begin; i < end;) {
            const double x = terms[i].x;
            const double shifted = x + M; // b's shift in the beta terms
            const S rx = r + x;
            const S perX = common + logGamma(rx) + logGamma(b + shifted) - logGamma(a + b + shifted);
            const bool canHaveDropped = x > 0 || M == 1;
            const S dropout = canHaveDropped ? logA - log(b + (shifted - 1)) : S(0.0);
            double weight = 0;
            for (; i < end && terms[i].x == x; ++i) {
                const FrequencyTerm& t = terms[i];
                const S alive = -rx * logAlphaT[set.TAt[i]];
                const S ll = canHaveDropped ? logAddExp(alive, dropout - rx * logAlphaT[set.txAt[i]]) : alive;
                total += ll * t.weight;
                weight += t.weight;
            }
            total += perX * weight;
        }
        return total;
    }

    static std::vector<double> start(double r, double alpha, double c, double d, double /*meanT*/)
    {
        return {r, alpha, c, d};
    }
};

} // namespace

std::unique_ptr<Likelihood> BetaGeometricModel::likelihood(const FrequencyTerms& terms) const
{
    if (m_modified)
        return std::make_unique<FrequencyLikelihood<BetaGeometricKernel<1>, 4>>(terms);
    return std::make_unique<FrequencyLikelihood<BetaGeometricKernel<0>, 4>>(terms);
}

// The odds that the customer dropped out after the last purchase rather than being alive:
// a/(b+x−1+m) · ((α+T)/(α+t_x))^(r+x); none for BG/NBD's x = 0.
double BetaGeometricModel::dropoutOdds(std::span<const double> p, double x, double tx, double T) const
{
    if (x <= 0 && !m_modified)
        return 0;
    const double r = p[0], alpha = p[1], a = p[2], b = p[3];
    return std::exp(std::log(a / (b + x - 1 + shift())) + (r + x) * std::log((alpha + T) / (alpha + tx)));
}

// ((α+T)/(α+T+t))^(r+x) 2F1(r+x, b+x+m; a+b+x−1+m; z), z = t/(α+T+t), the part of the
// conditional expectation that depends on x and T only. Euler's transformation turns it into
// (1−z)^(a−1) 2F1(a+b−1+m−r, a−1; a+b+x−1+m; z), whose terms stay small however large x is.
double BetaGeometricModel::remaining(std::span<const double> p, double x, double T, double t) const
{
    const double r = p[0], alpha = p[1], a = p[2], b = p[3];
    const double z = t / (alpha + T + t);
    return std::pow(1.0 - z, a - 1.0) * hyp2f1(a + b - 1.0 + shift() - r, a - 1.0, a + b + x - 1.0 + shift(), z);
}

// Fader, Hardie & Lee 2005, eq. 10 (Batislam et al. 2007 with m = 1):
//   (a+b+x−1+m)/(a−1) · [1 − remaining] / (1 + odds)
double BetaGeometricModel::expectedGiven(std::span<const double> p, double x, double tx, double T, double rest) const
{
    const double a = p[2], b = p[3];
    return (a + b + x - 1.0 + shift()) / (a - 1.0) * (1.0 - rest) / (1.0 + dropoutOdds(p, x, tx, T));
}

double BetaGeometricModel::pAlive(std::span<const double> p, double x, double tx, double T) const
{
    return 1.0 / (1.0 + dropoutOdds(p, x, tx, T));
}

double BetaGeometricModel::conditionalExpected(std::span<const double> p, double x, double tx, double T, double t) const
{
    if (t <= 0)
        return 0;
    return expectedGiven(p, x, tx, T, remaining(p, x, T, t));
}

void BetaGeometricModel::conditionalExpectedForTerms(std::span<const double> p, const FrequencyTerms& terms, double t,
                                                     std::span<double> out) const
{
    forEachTermBlock(terms.terms.size(), [&](std::size_t begin, std::size_t end) {
        XTimeMemo memo;
        for (std::size_t i = begin; i < end; ++i) {
            const FrequencyTerm& term = terms.terms[i];
            if (t <= 0) {
                out[i] = 0;
                continue;
            }
            const double rest = memo.get(term.x, terms.TAt[i], [&] { return remaining(p, term.x, term.T, t); });
            out[i] = expectedGiven(p, term.x, term.tx, term.T, rest);
        }
    });
}

double BetaGeometricModel::expectedRepeat(std::span<const double> p, double t) const
{
    return conditionalExpected(p, 0, 0, 0, t);
}

double BetaGeometricModel::repeatProbability(std::span<const double> p, double t, int k) const
{
    // Alive with k purchases after k (+m) chances to drop out, or dropped out at the last
    // chance, right after the k-th purchase, which came before t (Fader, Hardie & Lee 2005,
    // eq. 8 for m = 0).
    const double r = p[0], alpha = p[1], a = p[2], b = p[3];
    const int m = m_modified ? 1 : 0;
    double probability = betaRatio(a, b, 0, k + m) * nbdProbability(r, alpha, t, k);
    if (k > 0 || m_modified)
        probability += betaRatio(a, b, 1, k - 1 + m) * nbdAtLeast(r, alpha, t, k);
    return probability;
}

} // namespace clv
