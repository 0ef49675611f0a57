#include "predict/MbgNbdModel.h"

#include "predict/CountDistribution.h"
#include "predict/FrequencyLikelihood.h"
#include "predict/Hypergeometric.h"
#include "predict/TermBlocks.h"

namespace clv {

namespace {

struct MbgNbdKernel {
    // log L summed over the terms (Batislam et al. 2007), in logs:
    //   ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x+1) − ln B(a, b)
    //   + ln[ (α+T)^−(r+x) + a/(b+x) (α+t_x)^−(r+x) ]
    // the dropout term present for x = 0 too.
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
            const S perX = common + logGamma(rx) + logGamma(b + (x + 1)) - logGamma(a + b + (x + 1));
            const S dropout = logA - log(b + x);
            double weight = 0;
            for (; i < end && terms[i].x == x; ++i) {
                const FrequencyTerm& t = terms[i];
                const S ll = logAddExp(-rx * logAlphaT[set.TAt[i]], dropout - rx * logAlphaT[set.txAt[i]]);
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

// a/(b+x) · ((α+T)/(α+t_x))^(r+x): the odds of having dropped out after the last purchase.
double dropoutOdds(std::span<const double> p, double x, double tx, double T)
{
    const double r = p[0], alpha = p[1], a = p[2], b = p[3];
    return std::exp(std::log(a / (b + x)) + (r + x) * std::log((alpha + T) / (alpha + tx)));
}

// (1−z)^(a−1) 2F1(…; z), z = t/(α+T+t): the part of the conditional expectation that
// depends on x and T only.
double remaining(std::span<const double> p, double x, double T, double t)
{
    const double r = p[0], alpha = p[1], a = p[2], b = p[3];
    const double z = t / (alpha + T + t);
    return std::pow(1.0 - z, a - 1.0) * hyp2f1(a + b - r, a - 1.0, a + b + x, z);
}

} // namespace

std::unique_ptr<Likelihood> MbgNbdModel::likelihood(const FrequencyTerms& terms) const
{
    return std::make_unique<FrequencyLikelihood<MbgNbdKernel, 4>>(terms);
}

double MbgNbdModel::pAlive(std::span<const double> p, double x, double tx, double T) const
{
    return 1.0 / (1.0 + dropoutOdds(p, x, tx, T));
}

double MbgNbdModel::conditionalExpected(std::span<const double> p, double x, double tx, double T, double t) const
{
    // Batislam et al. 2007: (a+b+x)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) 2F1(r+x, b+x+1; a+b+x; z)]
    // / (1 + odds), with Euler's transformation as for BG/NBD.
    if (t <= 0)
        return 0;
    const double a = p[2], b = p[3];
    return (a + b + x) / (a - 1.0) * (1.0 - remaining(p, x, T, t)) / (1.0 + dropoutOdds(p, x, tx, T));
}

void MbgNbdModel::conditionalExpectedForTerms(std::span<const double> p, const FrequencyTerms& terms, double t,
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
            out[i] = (a + b + x) / (a - 1.0) * (1.0 - rest) / (1.0 + dropoutOdds(p, term.x, term.tx, term.T));
        }
    });
}

double MbgNbdModel::expectedRepeat(std::span<const double> p, double t) const
{
    return conditionalExpected(p, 0, 0, 0, t);
}

double MbgNbdModel::repeatProbability(std::span<const double> p, double t, int k) const
{
    // Alive after k + 1 chances to drop out with k purchases, or dropped out right after the
    // k-th purchase (the 0th being the first one), which came before t.
    const double r = p[0], alpha = p[1], a = p[2], b = p[3];
    return betaRatio(a, b, 0, k + 1) * nbdProbability(r, alpha, t, k)
        + betaRatio(a, b, 1, k) * nbdAtLeast(r, alpha, t, k);
}

} // namespace clv
