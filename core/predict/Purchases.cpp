#include "predict/Purchases.h"

#include "etl/OrderLedger.h"
#include "model/EventStore.h"

#include <algorithm>
#include <numeric>

namespace clv {

PurchaseHistory purchasesFromEvents(const EventStore& events, QThreadPool* pool, const JobControl* control)
{
    const std::vector<Cents> revenue = OrderLedger::revenueByRow(events, pool, control);
    PurchaseHistory history;
    if (revenue.size() != events.size())
        return history; // cancelled

    // Purchases bucketed by customer (a counting sort on the interned ids), each customer's
    // then put in day order: no sort over all purchases.
    const std::uint32_t ids = events.customerIdCount();
    std::vector<std::uint32_t> start(std::size_t(ids) + 1, 0);
    for (std::size_t row = 0; row < revenue.size(); ++row)
        if (revenue[row] != OrderLedger::kNoRevenue)
            ++start[events.customer(row) + 1];
    for (std::uint32_t c = 0; c < ids; ++c)
        start[c + 1] += start[c];
    history.purchases = static_cast<std::int64_t>(start[ids]);
    std::vector<PurchaseDay> byCustomer(start[ids]);
    std::vector<std::uint32_t> fill(start.begin(), start.end() - 1);
    for (std::size_t row = 0; row < revenue.size(); ++row)
        if (revenue[row] != OrderLedger::kNoRevenue)
            byCustomer[fill[events.customer(row)]++] = {utcDay(events.time(row)), revenue[row]};

    // Customers in the order of their ids, so that the summary does not depend on the order
    // in which files were named.
    std::vector<std::uint32_t> buyers;
    for (std::uint32_t c = 0; c < ids; ++c)
        if (start[c + 1] > start[c])
            buyers.push_back(c);
    std::sort(buyers.begin(), buyers.end(),
              [&](std::uint32_t l, std::uint32_t r) { return events.customerId(l) < events.customerId(r); });
    history.customers.reserve(buyers.size());
    for (std::uint32_t c : buyers) {
        const auto first = byCustomer.begin() + start[c];
        const auto last = byCustomer.begin() + start[c + 1];
        std::sort(first, last, [](const PurchaseDay& l, const PurchaseDay& r) { return l.day < r.day; });
        CustomerPurchases customer;
        customer.id = std::string(events.customerId(c));
        for (auto it = first; it != last; ++it) {
            if (!customer.days.empty() && customer.days.back().day == it->day)
                customer.days.back().amount += it->amount;
            else
                customer.days.push_back(*it);
        }
        history.customers.push_back(std::move(customer));
    }
    return history;
}

} // namespace clv
