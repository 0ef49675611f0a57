#include "predict/TermSet.h"

#include <algorithm>
#include <tuple>

namespace clv {

FrequencyTerms FrequencyTerms::collapse(std::span<const CustomerRfm> customers)
{
    std::vector<FrequencyTerm> all;
    all.reserve(customers.size());
    for (const CustomerRfm& c : customers)
        all.push_back({c.x, c.tx, c.T, 1.0});
    std::sort(all.begin(), all.end(), [](const FrequencyTerm& l, const FrequencyTerm& r) {
        return std::tie(l.x, l.tx, l.T) < std::tie(r.x, r.tx, r.T);
    });
    FrequencyTerms result;
    for (const FrequencyTerm& t : all) {
        FrequencyTerm* last = result.terms.empty() ? nullptr : &result.terms.back();
        if (last && last->x == t.x && last->tx == t.tx && last->T == t.T)
            last->weight += 1;
        else
            result.terms.push_back(t);
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
