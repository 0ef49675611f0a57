#include "predict/PurchaseOverview.h"

#include "model/EventStore.h"

#include <limits>
#include <string_view>
#include <unordered_map>

namespace clv {

namespace {

// The LTV table's value per history customer, matched by id text (the history and the tables
// come from the same store, but the history is ordered by id, the table by rank).
std::vector<double> seedLtvOf(const PurchaseHistory& history, const EventStore& events, const ResultTables& results)
{
    std::unordered_map<std::string_view, double> byId;
    byId.reserve(results.ltv.size());
    for (const LtvRow& row : results.ltv)
        byId.emplace(events.customerId(row.customer), row.ltv);
    std::vector<double> ltv(history.customers.size(), std::numeric_limits<double>::quiet_NaN());
    for (std::size_t i = 0; i < history.customers.size(); ++i)
        if (const auto it = byId.find(history.customers[i].id); it != byId.end())
            ltv[i] = it->second;
    return ltv;
}

} // namespace

std::shared_ptr<const PurchaseOverview> buildPurchaseOverview(std::shared_ptr<const EventStore> events,
                                                              const ResultTables* results, QThreadPool* pool,
                                                              const JobControl* control)
{
    auto overview = std::make_shared<PurchaseOverview>();
    overview->events = std::move(events);
    if (!overview->events)
        return overview;
    overview->history = purchasesFromEvents(*overview->events, pool, control);
    if (control && control->isCancelled()) {
        overview->cancelled = true;
        return overview;
    }
    bool first = true;
    for (const CustomerPurchases& c : overview->history.customers) {
        if (c.days.empty())
            continue;
        if (first || c.days.front().day < overview->firstDay)
            overview->firstDay = c.days.front().day;
        if (first || c.days.back().day > overview->lastDay)
            overview->lastDay = c.days.back().day;
        first = false;
    }
    overview->segments = segmentCustomers(overview->history, overview->lastDay);
    overview->weeklyCohorts = cohortsOf(overview->history, CohortPeriod::Week);
    overview->monthlyCohorts = cohortsOf(overview->history, CohortPeriod::Month);
    if (results)
        overview->seedLtv = seedLtvOf(overview->history, *overview->events, *results);
    else
        overview->seedLtv.assign(overview->history.customers.size(), std::numeric_limits<double>::quiet_NaN());
    return overview;
}

} // namespace clv
