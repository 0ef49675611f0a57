#pragma once

#include "predict/Dual.h"
#include "predict/PurchaseModel.h"
#include "util/ComputePool.h"

#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace clv {

// ln(shift + t) for each of the terms' distinct times.
template <class S>
std::vector<S> logsOfShifted(const S& shift, const std::vector<double>& times)
{
    using std::log;
    std::vector<S> logs;
    logs.reserve(times.size());
    for (double t : times)
        logs.push_back(log(shift + t));
    return logs;
}

// A Likelihood over frequency terms from a model's log-likelihood written once as a
// template, `Kernel::sum<S>(const S* params, const FrequencyTerms&, begin, end)` over a
// range of terms: evaluated with doubles for the value alone and with Dual<N> when the
// gradient is wanted. Large term sets are summed in parts on the worker pool.
template <class Kernel, int N>
class FrequencyLikelihood final : public Likelihood {
public:
    explicit FrequencyLikelihood(const FrequencyTerms& terms) : m_terms(terms)
    {
        // One part per worker, so that they finish together, once there are enough terms for
        // the pool's overhead to be small against a part's work.
        constexpr std::size_t kTermsForParts = 4096;
        const std::size_t count = terms.terms.size();
        const auto workers = std::size_t(std::max(1, computePool()->maxThreadCount()));
        const std::size_t parts = count < kTermsForParts ? 1 : std::min<std::size_t>(workers, count / 1024);
        for (std::size_t k = 0; k < parts; ++k)
            m_parts.emplace_back(count * k / parts, count * (k + 1) / parts);
    }

    int parameterCount() const override { return N; }
    double observations() const override { return m_terms.customers; }

    double evaluate(std::span<const double> params, std::span<double> gradient) const override
    {
        if (gradient.empty()) {
            double p[N];
            std::copy_n(params.begin(), N, p);
            return sumParts(p);
        }
        Dual<N> p[N];
        for (int i = 0; i < N; ++i)
            p[i] = Dual<N>::variable(params[std::size_t(i)], i);
        const Dual<N> ll = sumParts(p);
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
    template <class S>
    S sumParts(const S* p) const
    {
        if (m_parts.size() == 1)
            return Kernel::sum(p, m_terms, 0, m_terms.terms.size());
        std::vector<S> sums(m_parts.size());
        std::vector<std::size_t> order(m_parts.size());
        std::iota(order.begin(), order.end(), 0);
        QtConcurrent::blockingMap(computePool(), order, [&](std::size_t k) {
            sums[k] = Kernel::sum(p, m_terms, m_parts[k].first, m_parts[k].second);
        });
        S total = 0.0;
        for (const S& s : sums) // in order: the same sum on every run
            total += s;
        return total;
    }

    const FrequencyTerms& m_terms;
    std::vector<std::pair<std::size_t, std::size_t>> m_parts;
};

} // namespace clv
