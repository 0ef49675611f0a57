#pragma once

#include "predict/Dual.h"
#include "predict/PurchaseModel.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace clv {

// A Likelihood over frequency terms from a model's log-likelihood written once as a
// template, `Kernel::sum<S>(const S* params, const FrequencyTerms&)`: evaluated with
// doubles for the value alone and with Dual<N> when the gradient is wanted.
template <class Kernel, int N>
class FrequencyLikelihood final : public Likelihood {
public:
    explicit FrequencyLikelihood(const FrequencyTerms& terms) : m_terms(terms) {}

    int parameterCount() const override { return N; }
    double observations() const override { return m_terms.customers; }

    double evaluate(std::span<const double> params, std::span<double> gradient) const override
    {
        if (gradient.empty()) {
            double p[N];
            std::copy_n(params.begin(), N, p);
            return Kernel::sum(p, m_terms);
        }
        Dual<N> p[N];
        for (int i = 0; i < N; ++i)
            p[i] = Dual<N>::variable(params[std::size_t(i)], i);
        const Dual<N> ll = Kernel::sum(p, m_terms);
        std::copy_n(ll.d.begin(), N, gradient.begin());
        return ll.v;
    }

    // Four-parameter models (r, alpha and two for the dropout): the purchase rate's scale
    // alpha is set from the observed repeat rate and a time scale of the dropout from the
    // mean T, so that the search starts in the data's units (days, weeks or months alike).
    std::vector<std::vector<double>> startingPoints() const override
    {
        double purchases = 0;
        double exposure = 0;
        for (const FrequencyTerm& t : m_terms.terms) {
            purchases += t.weight * t.x;
            exposure += t.weight * t.T;
        }
        const double rate = purchases > 0 && exposure > 0 ? purchases / exposure : 0.1;
        const double meanT = m_terms.customers > 0 && exposure > 0 ? exposure / m_terms.customers : 1.0;
        std::vector<std::vector<double>> starts;
        for (double r : {1.0, 0.3})
            for (auto [c, d] : {std::pair{1.0, 1.0}, std::pair{0.5, 3.0}})
                starts.push_back(Kernel::start(r, r / rate, c, d, meanT));
        return starts;
    }

private:
    const FrequencyTerms& m_terms;
};

} // namespace clv
