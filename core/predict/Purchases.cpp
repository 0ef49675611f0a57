#include "predict/Purchases.h"

#include "etl/OrderLedger.h"
#include "model/EventStore.h"

#include <algorithm>
#include <numeric>

namespace clv {

namespace {

struct Purchase {
    std::uint32_t customer;
    std::int64_t day;
    Cents amount;
};

} // namespace

PurchaseHistory purchasesFromEvents(const EventStore& events, QThreadPool* pool, const JobControl* control)
{
    const std::vector<Cents> revenue = OrderLedger::revenueByRow(events, pool, control);
    PurchaseHistory history;
    if (revenue.size() != events.size())
        return history; // cancelled
    std::vector<Purchase> purchases;
    for (std::size_t row = 0; row < revenue.size(); ++row)
        if (revenue[row] != OrderLedger::kNoRevenue)
            purchases.push_back({events.customer(row), utcDay(events.time(row)), revenue[row]});
    history.purchases = static_cast<std::int64_t>(purchases.size());

    // Customers in the order of their ids, so that the summary does not depend on the order
    // in which files were named: each interned id gets its rank among the ids once.
    std::vector<std::uint32_t> byId(events.customerIdCount());
    std::iota(byId.begin(), byId.end(), 0u);
    std::sort(byId.begin(), byId.end(),
              [&](std::uint32_t l, std::uint32_t r) { return events.customerId(l) < events.customerId(r); });
    std::vector<std::uint32_t> rank(byId.size());
    for (std::uint32_t i = 0; i < byId.size(); ++i)
        rank[byId[i]] = i;
    std::sort(purchases.begin(), purchases.end(), [&](const Purchase& l, const Purchase& r) {
        if (l.customer != r.customer)
            return rank[l.customer] < rank[r.customer];
        return l.day < r.day;
    });
    for (std::size_t i = 0; i < purchases.size();) {
        CustomerPurchases customer;
        customer.id = std::string(events.customerId(purchases[i].customer));
        const std::uint32_t id = purchases[i].customer;
        for (; i < purchases.size() && purchases[i].customer == id; ++i) {
            if (!customer.days.empty() && customer.days.back().day == purchases[i].day)
                customer.days.back().amount += purchases[i].amount;
            else
                customer.days.push_back({purchases[i].day, purchases[i].amount});
        }
        history.customers.push_back(std::move(customer));
    }
    return history;
}

} // namespace clv
