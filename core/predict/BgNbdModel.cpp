#include "predict/BgNbdModel.h"

#include "predict/CountDistribution.h"
#include "predict/FrequencyLikelihood.h"
#include "predict/Hypergeometric.h"
#include "predict/TermBlocks.h"

namespace clv {

namespace {

struct BgNbdKernel {
    // log L summed over the terms (Fader, Hardie & Lee 2005, eq. 6, in logs):
    //   ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
    //   + ln[ (α+T)^−(r+x) + [x>0] a/(b+x−1) (α+t_x)^−(r+x) ]
    // Everything that depends on x alone is worked out once per run of equal x.
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
            const S rx = r + x;
            const S perX = common + logGamma(rx) + logGamma(b + x) - logGamma(a + b + x);
            const S dropout = x > 0 ? logA - log(b + (x - 1)) : S(0.0);
            double weight = 0;
            for (; i < end && terms[i].x == x; ++i) {
                const FrequencyTerm& t = terms[i];
                const S alive = -rx * logAlphaT[set.TAt[i]];
                const S ll = x > 0 ? logAddExp(alive, dropout - rx * logAlphaT[set.txAt[i]]) : alive;
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

// The odds that a customer with x > 0 dropped out after the last purchase rather than being
// alive: a/(b+x−1) · ((α+T)/(α+t_x))^(r+x).
double dropoutOdds(std::span<const double> p, double x, double tx, double T)
{
    if (x <= 0)
        return 0;
    const double r = p[0], alpha = p[1], a = p[2], b = p[3];
    return std::exp(std::log(a / (b + x - 1)) + (r + x) * std::log((alpha + T) / (alpha + tx)));
}

// (1−z)^(a−1) 2F1(…; z), z = t/(α+T+t): the part of the conditional expectation that
// depends on x and T only.
double remaining(std::span<const double> p, double x, double T, double t)
{
    const double r = p[0], alpha = p[1], a = p[2], b = p[3];
    const double z = t / (alpha + T + t);
    return std::pow(1.0 - z, a - 1.0) * hyp2f1(a + b - 1.0 - r, a - 1.0, a + b + x - 1.0, z);
}

} // namespace

std::unique_ptr<Likelihood> BgNbdModel::likelihood(const FrequencyTerms& terms) const
{
    return std::make_unique<FrequencyLikelihood<BgNbdKernel, 4>>(terms);
}

double BgNbdModel::pAlive(std::span<const double> p, double x, double tx, double T) const
{
    return 1.0 / (1.0 + dropoutOdds(p, x, tx, T));
}

double BgNbdModel::conditionalExpected(std::span<const double> p, double x, double tx, double T, double t) const
{
    // Fader, Hardie & Lee 2005, eq. 10. Euler's transformation turns
    //   ((α+T)/(α+T+t))^(r+x) 2F1(r+x, b+x; a+b+x−1; z)
    // into (1−z)^(a−1) 2F1(a+b−1−r, a−1; a+b+x−1; z), z = t/(α+T+t), whose terms stay small
    // however large x is.
    if (t <= 0)
        return 0;
    const double a = p[2], b = p[3];
    return (a + b + x - 1.0) / (a - 1.0) * (1.0 - remaining(p, x, T, t)) / (1.0 + dropoutOdds(p, x, tx, T));
}

void BgNbdModel::conditionalExpectedForTerms(std::span<const double> p, const FrequencyTerms& terms, double t,
                                             std::span<double> out) const
{
    const double a = p[2], b = p[3];
    forEachTermBlock(terms.terms.size(), [&](std::size_t begin, std::size_t end) {
        XTimeMemo memo;
        for (std::size_t i = begin; i < end; ++i) {
            const FrequencyTerm& term = terms.terms[i];
            const double rest = t <= 0
                ? 1.0
                : memo.get(term.x, terms.TAt[i], [&] { return remaining(p, term.x, term.T, t); });
            const double x = term.x;
            out[i] = (a + b + x - 1.0) / (a - 1.0) * (1.0 - rest) / (1.0 + dropoutOdds(p, term.x, term.tx, term.T));
        }
    });
}

double BgNbdModel::expectedRepeat(std::span<const double> p, double t) const
{
    return conditionalExpected(p, 0, 0, 0, t);
}

double BgNbdModel::repeatProbability(std::span<const double> p, double t, int k) const
{
    // Fader, Hardie & Lee 2005, eq. 8: alive with k purchases, or dropped out right after
    // the k-th one, which came before t.
    const double r = p[0], alpha = p[1], a = p[2], b = p[3];
    double probability = betaRatio(a, b, 0, k) * nbdProbability(r, alpha, t, k);
    if (k > 0)
        probability += betaRatio(a, b, 1, k - 1) * nbdAtLeast(r, alpha, t, k);
    return probability;
}

} // namespace clv
