#include "predict/GammaGammaModel.h"

#include "predict/Dual.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace clv {

namespace {

class SpendLikelihood final : public Likelihood {
public:
    explicit SpendLikelihood(const SpendTerms& terms) : m_terms(terms) {}

    int parameterCount() const override { return 3; }
    double observations() const override { return m_terms.customers; }

    double evaluate(std::span<const double> params, std::span<double> gradient) const override
    {
        if (gradient.empty())
            return sum(params[0], params[1], params[2]);
        const auto ll = sum(Dual<3>::variable(params[0], 0), Dual<3>::variable(params[1], 1),
                            Dual<3>::variable(params[2], 2));
        std::copy_n(ll.d.begin(), 3, gradient.begin());
        return ll.v;
    }

    // The mean spend fixes p·γ/(q−1); the starts spread q (how much customers differ).
    std::vector<std::vector<double>> startingPoints() const override
    {
        double spend = 0;
        for (const SpendTerm& t : m_terms.terms)
            spend += t.weight * t.monetary;
        const double mean = m_terms.customers > 0 ? spend / m_terms.customers : 1.0;
        std::vector<std::vector<double>> starts;
        for (double p : {1.0, 5.0})
            for (double q : {2.0, 5.0})
                starts.push_back({p, q, mean * (q - 1.0) / p});
        return starts;
    }

private:
    // The density of a customer's mean spend m over x purchases, in logs:
    //   ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m + px ln x − (px+q) ln(γ + m x)
    // summed over the terms; only the last part differs within a run of equal x.
    template <class S>
    S sum(const S& p, const S& q, const S& gamma) const
    {
        using std::log;
        const S common = q * log(gamma) - logGamma(q);
        S total = 0.0;
        const std::vector<SpendTerm>& terms = m_terms.terms;
        for (std::size_t i = 0; i < terms.size();) {
            const double x = terms[i].x;
            const S px = p * x;
            double weight = 0;
            double logSpend = 0;
            S perTerm = 0.0;
            for (; i < terms.size() && terms[i].x == x; ++i) {
                const SpendTerm& t = terms[i];
                perTerm += log(gamma + t.monetary * x) * t.weight;
                weight += t.weight;
                logSpend += t.weight * std::log(t.monetary);
            }
            total += (common + logGamma(px + q) - logGamma(px) + px * std::log(x)) * weight + (px - 1.0) * logSpend
                - (px + q) * perTerm;
        }
        return total;
    }

    const SpendTerms& m_terms;
};

} // namespace

std::unique_ptr<Likelihood> GammaGammaModel::likelihood(const SpendTerms& terms)
{
    return std::make_unique<SpendLikelihood>(terms);
}

double GammaGammaModel::expectedSpend(std::span<const double> params, double x, double monetary)
{
    // With p·x + q <= 1 the conditional mean is infinite (a spend distribution with too heavy
    // a tail): NaN, never a negative figure.
    const double p = params[0], q = params[1], gamma = params[2];
    if (!(p * x + q > 1.0))
        return std::numeric_limits<double>::quiet_NaN();
    return p * (gamma + x * monetary) / (p * x + q - 1.0);
}

} // namespace clv
