#pragma once

#include "model/ResultTables.h"
#include "util/DayDate.h"

#include <QDate>
#include <QString>

#include <cstdint>
#include <string_view>
#include <vector>

namespace clv {

// The figures the charts draw, computed from immutable result tables. Pure functions, safe
// to run on any thread; the charts only lay them out.

// One calendar week of the whole data set.
struct CalendarWeek {
    QDate start;             // the week-start day (Sunday or Monday, by the parameters)
    Cents spendCents = 0;    // revenue credited to events of the week
    std::int64_t visits = 0; // distinct (customer, visit) with an event in the week
    std::int64_t orders = 0; // orders whose revenue is credited in the week
};

struct CalendarWeekSeries {
    WeekStart weekStart = WeekStart::Sunday;
    // From the week of the first event to the week of the last, empty weeks included.
    std::vector<CalendarWeek> weeks;

    Cents totalSpendCents() const;
};

// Calendar weeks are aligned on the parameters' week-start day across all customers, unlike
// the weekly table's week_id, which counts from each customer's own first week. A visit
// that runs over a week boundary counts in both weeks, as visits_per_wk does.
CalendarWeekSeries weeklyTotals(const ResultTables& results);

struct LtvDistribution {
    bool logScale = false;
    // bins + 1 ascending edges; bin i holds edges[i] <= ltv < edges[i + 1], the last bin
    // also holds its upper edge. Linear: from min to max. Log: geometric, from the least
    // positive LTV to the max.
    std::vector<double> edges;
    std::vector<std::int64_t> counts;
    // Customers whose LTV is 0. On a log scale they have no place on the axis and are kept
    // out of the bins; on a linear scale they are in the first bin as well.
    std::int64_t zeroCount = 0;
    // Over all customers, zeros included.
    std::int64_t count = 0;
    double mean = 0.0;
    double median = 0.0;
    double p90 = 0.0;
    double min = 0.0;
    double max = 0.0;

    std::int64_t binnedCount() const;
};

// bins is clamped to [1, 10000]. Median: the middle value, or the mean of the two middle
// values for an even count. p90: nearest rank, the value at rank ceil(0.9 · n) of the
// ascending order (1-based), so it is always an LTV some customer has.
LtvDistribution ltvDistribution(const ResultTables& results, int bins, bool logScale);

struct TopCustomer {
    std::uint32_t customer = 0; // id in results.events
    QString customerId;
    double ltv = 0.0;
    Cents totalCents = 0;
};

// The first x rows of the ltv table (TopXSimpleLTVCustomers), in its order.
std::vector<TopCustomer> topCustomers(const ResultTables& results, int x);

struct CustomerWeek {
    std::int32_t weekId = 0;
    QDate start; // calendar date of the week's first day
    std::int32_t visits = 0;
    Cents spendCents = 0;
};

struct CustomerWeekSeries {
    bool found = false; // the customer has rows in the results
    std::uint32_t customer = 0;
    QString customerId;
    // Weeks 0 … last week with activity; weeks without a weekly row hold zeros.
    std::vector<CustomerWeek> weeks;
};

// Binary searches on the customer-ordered visits and weekly tables: O(log n + weeks).
CustomerWeekSeries customerWeeks(const ResultTables& results, std::uint32_t customer);
// The same, by customer id text, so that a selection survives a re-read that renumbers ids.
CustomerWeekSeries customerWeeks(const ResultTables& results, std::string_view customerId);

} // namespace clv
