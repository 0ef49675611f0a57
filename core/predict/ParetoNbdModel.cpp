#include "predict/ParetoNbdModel.h"

#include "predict/CountDistribution.h"
#include "predict/FrequencyLikelihood.h"
#include "predict/Hypergeometric.h"
#include "predict/TermBlocks.h"

#include <boost/math/quadrature/gauss_kronrod.hpp>

namespace clv {

namespace {

// ln A0 (Fader & Hardie 2005, "A Note on Deriving the Pareto/NBD Model"), for t_x < T:
//   A0 = F(M+t_x) − F(M+T),  F(u) = 2F1(r+s+x, c; r+s+x+1; |α−β|/u) / u^(r+s+x)
// with M = max(α, β) and c = s+1 when α >= β, c = r+x otherwise; so that the series'
// argument is in [0, 1). The difference is taken in logs, so neither term can overflow.
template <class S>
struct A0Parts {
    A0Parts(const S& r, const S& alpha, const S& s, const S& beta)
        : r(r), s(s), alphaLarger(valueOf(alpha) >= valueOf(beta)), larger(alphaLarger ? alpha : beta),
          gap(alphaLarger ? alpha - beta : beta - alpha)
    {
    }

    // ln F(M + t) given ln(M + t).
    S part(double x, double t, const S& logLargerPlusT) const
    {
        const S a = r + s + x;
        const S c = alphaLarger ? s + 1.0 : r + x;
        return logHyp2f1APlusOne(a, c, gap / (larger + t)) - a * logLargerPlusT;
    }
    S part(double x, double t) const
    {
        using std::log;
        return part(x, t, log(larger + t));
    }

    const S& r;
    const S& s;
    bool alphaLarger;
    const S& larger;
    S gap;
};

template <class S>
S logA0(const S& r, const S& alpha, const S& s, const S& beta, double x, double tx, double T)
{
    const A0Parts<S> parts(r, alpha, s, beta);
    return logSubExp(parts.part(x, tx), parts.part(x, T));
}

// P(alive) = 1 / (1 + s/(r+s+x) (α+T)^(r+x) (β+T)^s A0), from ln A0.
double aliveGivenLogA0(std::span<const double> p, double x, double T, double logA0Value)
{
    const double r = p[0], alpha = p[1], s = p[2], beta = p[3];
    const double logOdds = std::log(s / (r + s + x)) + (r + x) * std::log(alpha + T) + s * std::log(beta + T)
        + logA0Value;
    return 1.0 / (1.0 + std::exp(logOdds));
}

struct ParetoNbdKernel {
    // log L summed over the terms, in logs:
    //   ln Γ(r+x) − ln Γ(r) + r ln α + s ln β
    //   + ln[ (α+T)^−(r+x) (β+T)^−s + s/(r+s+x) A0 ]
    // A0's two parts, F(M + t) of logA0(), depend on x and one time: each is worked out once
    // per x and distinct time, which spares most of the series.
    template <class S>
    static S sum(const S* p, const FrequencyTerms& set, std::size_t begin, std::size_t end)
    {
        using std::log;
        const S& r = p[0];
        const S& alpha = p[1];
        const S& s = p[2];
        const S& beta = p[3];
        const S common = r * log(alpha) + s * log(beta) - logGamma(r);
        const S logS = log(s);
        const std::vector<S> logAlphaT = logsOfShifted(alpha, set.times);
        const std::vector<S> logBetaT = logsOfShifted(beta, set.times);
        const A0Parts<S> parts(r, alpha, s, beta);
        const std::vector<S>& logLargerT = parts.alphaLarger ? logAlphaT : logBetaT;

        std::vector<S> part(set.times.size());
        std::vector<double> partFor(set.times.size(), -1.0); // the x each cached part belongs to
        S total = 0.0;
        const std::vector<FrequencyTerm>& terms = set.terms;
        for (std::size_t i = begin; i < end;) {
            const double x = terms[i].x;
            const S rx = r + x;
            const S perX = common + logGamma(rx);
            const S share = logS - log(rx + s);
            const auto partAt = [&](std::uint32_t at) -> const S& {
                if (partFor[at] != x) {
                    part[at] = parts.part(x, set.times[at], logLargerT[at]);
                    partFor[at] = x;
                }
                return part[at];
            };
            double weight = 0;
            for (; i < end && terms[i].x == x; ++i) {
                const FrequencyTerm& t = terms[i];
                S ll = -rx * logAlphaT[set.TAt[i]] - s * logBetaT[set.TAt[i]];
                if (t.tx < t.T)
                    ll = logAddExp(ll, share + logSubExp(partAt(set.txAt[i]), partAt(set.TAt[i])));
                total += ll * t.weight;
                weight += t.weight;
            }
            total += perX * weight;
        }
        return total;
    }

    // beta is the lifetime's time scale: started from the mean T.
    static std::vector<double> start(double r, double alpha, double c, double d, double meanT)
    {
        return {r, alpha, c, d * meanT / 3.0};
    }
};

// [1 − ((β+T)/(β+T+t))^(s−1)] / (s−1), which tends to ln((β+T+t)/(β+T)) as s → 1.
double lifetimeFactor(double s, double betaT, double t)
{
    const double span = std::log1p(t / betaT);
    if (std::abs(s - 1.0) < 1e-9)
        return span;
    return -std::expm1(-(s - 1.0) * span) / (s - 1.0);
}

} // namespace

std::unique_ptr<Likelihood> ParetoNbdModel::likelihood(const FrequencyTerms& terms) const
{
    return std::make_unique<FrequencyLikelihood<ParetoNbdKernel, 4>>(terms);
}

double ParetoNbdModel::pAlive(std::span<const double> p, double x, double tx, double T) const
{
    if (tx >= T)
        return 1.0;
    return aliveGivenLogA0(p, x, T, logA0(p[0], p[1], p[2], p[3], x, tx, T));
}

double ParetoNbdModel::conditionalExpected(std::span<const double> p, double x, double tx, double T, double t) const
{
    // (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)] · P(alive)
    const double r = p[0], alpha = p[1], s = p[2], beta = p[3];
    if (t <= 0)
        return 0;
    return (r + x) * (beta + T) / (alpha + T) * lifetimeFactor(s, beta + T, t) * pAlive(p, x, tx, T);
}

void ParetoNbdModel::pAliveForTerms(std::span<const double> p, const FrequencyTerms& terms, std::span<double> out) const
{
    // As pAlive(), with A0's two parts remembered per x and time.
    const A0Parts<double> parts(p[0], p[1], p[2], p[3]);
    forEachTermBlock(terms.terms.size(), [&](std::size_t begin, std::size_t end) {
        XTimeMemo memo;
        for (std::size_t i = begin; i < end; ++i) {
            const FrequencyTerm& t = terms.terms[i];
            if (t.tx >= t.T) {
                out[i] = 1.0;
                continue;
            }
            const auto part = [&](std::uint32_t at) {
                return memo.get(t.x, at, [&] { return parts.part(t.x, terms.times[at]); });
            };
            out[i] = aliveGivenLogA0(p, t.x, t.T, logSubExp(part(terms.txAt[i]), part(terms.TAt[i])));
        }
    });
}

void ParetoNbdModel::conditionalExpectedForTerms(std::span<const double> p, const FrequencyTerms& terms, double t,
                                                 std::span<double> out) const
{
    pAliveForTerms(p, terms, out);
    const double r = p[0], alpha = p[1], s = p[2], beta = p[3];
    for (std::size_t i = 0; i < terms.terms.size(); ++i) {
        const FrequencyTerm& term = terms.terms[i];
        out[i] = t <= 0
            ? 0.0
            : (r + term.x) * (beta + term.T) / (alpha + term.T) * lifetimeFactor(s, beta + term.T, t) * out[i];
    }
}

double ParetoNbdModel::expectedRepeat(std::span<const double> p, double t) const
{
    return conditionalExpected(p, 0, 0, 0, t);
}

double ParetoNbdModel::repeatProbability(std::span<const double> p, double t, int k) const
{
    // The lifetime τ is Pareto (Lomax) distributed, independent of the purchase rate, so
    //   P(X(t) = k) = P(τ > t) NBD(k; t) + ∫_0^t f(τ) NBD(k; τ) dτ,
    // the integrand smooth on [0, t]: Gauss–Kronrod quadrature.
    const double r = p[0], alpha = p[1], s = p[2], beta = p[3];
    if (t <= 0)
        return k == 0 ? 1.0 : 0.0;
    const auto density = [&](double tau) {
        return s / beta * std::pow(beta / (beta + tau), s + 1.0) * nbdProbability(r, alpha, tau, k);
    };
    const double survived = std::pow(beta / (beta + t), s) * nbdProbability(r, alpha, t, k);
    return survived + boost::math::quadrature::gauss_kronrod<double, 61>::integrate(density, 0.0, t, 15, 1e-12);
}

} // namespace clv
