#include "etl/CustomerGrouping.h"

#include <algorithm>
#include <numeric>

namespace clv {

CustomerGrouping groupByCustomer(const EventStore& events)
{
    CustomerGrouping g;
    const std::uint32_t idCount = events.customerIdCount();
    // Sorting the distinct ids once gives every table a stable, readable customer order.
    g.customerAt.resize(idCount > 0 ? idCount - 1 : 0);
    std::iota(g.customerAt.begin(), g.customerAt.end(), 1u);
    std::sort(g.customerAt.begin(), g.customerAt.end(),
              [&](std::uint32_t a, std::uint32_t b) { return events.customerId(a) < events.customerId(b); });
    std::vector<std::uint32_t> rankOf(idCount, 0);
    for (std::uint32_t k = 0; k < g.customerAt.size(); ++k)
        rankOf[g.customerAt[k]] = k;

    // Counting sort: stable, so rows keep input order within a customer.
    g.start.assign(g.customerAt.size() + 1, 0);
    const auto& customers = events.customerColumn();
    for (std::uint32_t c : customers)
        ++g.start[rankOf[c] + 1];
    std::partial_sum(g.start.begin(), g.start.end(), g.start.begin());
    std::vector<std::uint32_t> next(g.start.begin(), g.start.end() - 1);
    g.rows.resize(customers.size());
    for (std::uint32_t row = 0; row < customers.size(); ++row)
        g.rows[next[rankOf[customers[row]]]++] = row;
    return g;
}

} // namespace clv
