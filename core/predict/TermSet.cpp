#include "predict/TermSet.h"

#include <algorithm>
#include <numeric>
#include <tuple>

namespace clv {

FrequencyTerms FrequencyTerms::collapse(std::span<const CustomerRfm> customers)
{
    // Sorted by value with each customer's position alongside, so that the sort reads
    // neighbouring memory rather than jumping through the customers.
    struct Keyed {
        double x, tx, T;
        std::uint32_t customer;
    };
    std::vector<Keyed> keyed(customers.size());
    for (std::size_t i = 0; i < customers.size(); ++i)
        keyed[i] = {customers[i].x, customers[i].tx, customers[i].T, std::uint32_t(i)};
    std::sort(keyed.begin(), keyed.end(),
              [](const Keyed& a, const Keyed& b) { return std::tie(a.x, a.tx, a.T) < std::tie(b.x, b.tx, b.T); });
    FrequencyTerms result;
    result.termOfCustomer.resize(customers.size());
    for (const Keyed& c : keyed) {
        FrequencyTerm* last = result.terms.empty() ? nullptr : &result.terms.back();
        if (last && last->x == c.x && last->tx == c.tx && last->T == c.T)
            last->weight += 1;
        else
            result.terms.push_back({c.x, c.tx, c.T, 1.0});
        result.termOfCustomer[c.customer] = std::uint32_t(result.terms.size() - 1);
        result.customers += 1;
    }
    for (const FrequencyTerm& t : result.terms) {
        result.times.push_back(t.tx);
        result.times.push_back(t.T);
    }
    std::sort(result.times.begin(), result.times.end());
    result.times.erase(std::unique(result.times.begin(), result.times.end()), result.times.end());
    const auto indexOf = [&](double time) {
        return std::uint32_t(std::lower_bound(result.times.begin(), result.times.end(), time) - result.times.begin());
    };
    for (const FrequencyTerm& t : result.terms) {
        result.txAt.push_back(indexOf(t.tx));
        result.TAt.push_back(indexOf(t.T));
    }
    return result;
}

SpendTerms SpendTerms::collapse(std::span<const CustomerRfm> customers)
{
    std::vector<SpendTerm> all;
    SpendTerms result;
    for (const CustomerRfm& c : customers) {
        if (c.x <= 0)
            continue;
        if (c.monetary <= 0) {
            ++result.leftOut;
            continue;
        }
        all.push_back({c.x, c.monetary, 1.0});
    }
    std::sort(all.begin(), all.end(), [](const SpendTerm& l, const SpendTerm& r) {
        return std::tie(l.x, l.monetary) < std::tie(r.x, r.monetary);
    });
    for (const SpendTerm& t : all) {
        if (!result.terms.empty() && result.terms.back().x == t.x && result.terms.back().monetary == t.monetary)
            result.terms.back().weight += 1;
        else
            result.terms.push_back(t);
        result.customers += 1;
    }
    return result;
}

} // namespace clv
