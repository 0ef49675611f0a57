#include "predict/Cohorts.h"

#include "io/EventTime.h"
#include "util/DayDate.h"

#include <map>

namespace clv {

namespace {

// 1970-01-05 (day 4) was the first Monday after the epoch: ISO weeks are counted from it.
constexpr std::int64_t kFirstMonday = 4;

// A running number of the period holding `day`, so that offsets are differences.
std::int64_t periodIndex(std::int64_t day, CohortPeriod period)
{
    if (period == CohortPeriod::Week)
        return floorDiv(day - kFirstMonday, 7);
    const QDate date = dateFromDays(day);
    return std::int64_t(date.year()) * 12 + date.month() - 1;
}

} // namespace

double Cohort::retention(std::size_t offset) const
{
    if (customers <= 0 || offset >= activeCustomers.size())
        return 0.0;
    return double(activeCustomers[offset]) / double(customers);
}

QDate cohortPeriodStart(std::int64_t day, CohortPeriod period)
{
    if (period == CohortPeriod::Week)
        return dateFromDays(kFirstMonday + periodIndex(day, period) * 7);
    const QDate date = dateFromDays(day);
    return QDate(date.year(), date.month(), 1);
}

CohortTable cohortsOf(const PurchaseHistory& history, CohortPeriod period)
{
    CohortTable table;
    table.period = period;
    bool any = false;
    std::int64_t lastIndex = 0;
    for (const CustomerPurchases& c : history.customers)
        if (!c.days.empty()) {
            const std::int64_t last = periodIndex(c.days.back().day, period);
            lastIndex = any ? std::max(lastIndex, last) : last;
            any = true;
        }
    if (!any)
        return table;

    // Keyed by period index: only periods in which someone first bought get a cohort, and
    // a span of decades with few customers costs nothing.
    std::map<std::int64_t, Cohort> cohorts;
    for (const CustomerPurchases& c : history.customers) {
        if (c.days.empty())
            continue;
        const std::int64_t first = periodIndex(c.days.front().day, period);
        Cohort& cohort = cohorts[first];
        if (cohort.customers == 0) {
            cohort.start = cohortPeriodStart(c.days.front().day, period);
            const std::size_t offsets = std::size_t(lastIndex - first + 1);
            cohort.activeCustomers.assign(offsets, 0);
            cohort.revenueByPeriod.assign(offsets, 0);
        }
        ++cohort.customers;
        // Days are ascending, so a customer's days in one period follow each other: they
        // are counted active once per period however many days they bought on.
        std::int64_t counted = -1;
        for (const PurchaseDay& d : c.days) {
            const std::size_t offset = std::size_t(periodIndex(d.day, period) - first);
            if (std::int64_t(offset) != counted) {
                ++cohort.activeCustomers[offset];
                counted = std::int64_t(offset);
            }
            cohort.revenueByPeriod[offset] += d.amount;
            cohort.revenue += d.amount;
        }
    }
    table.cohorts.reserve(cohorts.size());
    for (auto& [index, cohort] : cohorts)
        table.cohorts.push_back(std::move(cohort));
    return table;
}

} // namespace clv
