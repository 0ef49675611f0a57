#include "summary/ChartSummaries.h"

#include "etl/OrderLedger.h"
#include "summary/OrderStatistics.h"
#include "util/ComputePool.h"

#include <QThreadPool>

#include <algorithm>
#include <cmath>
#include <limits>

namespace clv {

namespace {

std::int64_t weekStartOnOrBefore(std::int64_t day, WeekStart weekStart)
{
    return day - (weekdayFromDays(day) - static_cast<int>(weekStart) + 7) % 7;
}

QString idText(const EventStore& events, std::uint32_t customer)
{
    const std::string_view id = events.customerId(customer);
    return QString::fromUtf8(id.data(), static_cast<qsizetype>(id.size()));
}

// The rows of a column ordered by customer id text (as the grouping step orders them)
// that belong to `customerId`.
std::pair<std::size_t, std::size_t> rowsOfCustomer(const std::vector<std::uint32_t>& column, const EventStore& events,
                                                   std::string_view customerId)
{
    const auto first = std::lower_bound(column.begin(), column.end(), customerId,
                                        [&](std::uint32_t c, std::string_view id) {
                                            return events.customerId(c) < id;
                                        });
    const auto last = std::upper_bound(first, column.end(), customerId,
                                       [&](std::string_view id, std::uint32_t c) { return id < events.customerId(c); });
    return {static_cast<std::size_t>(first - column.begin()), static_cast<std::size_t>(last - column.begin())};
}

} // namespace

Cents CalendarWeekSeries::totalSpendCents() const
{
    Cents total = 0;
    for (const CalendarWeek& w : weeks)
        total += w.spendCents;
    return total;
}

CalendarWeekSeries weeklyTotals(const ResultTables& results)
{
    CalendarWeekSeries series;
    series.weekStart = results.parameters.weekStart;
    const VisitsTable& visits = results.visits;
    if (!results.events || visits.size() == 0)
        return series;
    const EventStore& events = *results.events;

    const auto& times = events.timeColumn();
    const auto [earliest, latest] = std::minmax_element(times.begin(), times.end());
    const std::int64_t firstWeekDay = weekStartOnOrBefore(utcDay(*earliest), series.weekStart);
    const std::int64_t lastWeekDay = weekStartOnOrBefore(utcDay(*latest), series.weekStart);
    const std::size_t weekCount = static_cast<std::size_t>((lastWeekDay - firstWeekDay) / 7 + 1);
    series.weeks.resize(weekCount);
    for (std::size_t w = 0; w < weekCount; ++w)
        series.weeks[w].start = dateFromDays(firstWeekDay + 7 * static_cast<std::int64_t>(w));

    // A customer's week_id counts from a day aligned like the calendar weeks, so the
    // calendar week of a row is the customer's offset plus its week_id: one time look-up
    // per customer, and the rest of the pass reads the table in order.
    std::int64_t offset = 0;
    std::uint32_t previousCustomer = 0;
    std::int32_t previousVisit = -1;
    std::int64_t previousWeek = -1;
    for (std::size_t i = 0; i < visits.size(); ++i) {
        const std::uint32_t customer = visits.customer[i];
        const bool newCustomer = i == 0 || customer != previousCustomer;
        if (newCustomer) {
            const std::int64_t weekZero = weekStartOnOrBefore(utcDay(events.time(visits.event[i])), series.weekStart);
            offset = (weekZero - firstWeekDay) / 7;
            previousCustomer = customer;
        }
        const std::int64_t week = offset + visits.weekId[i];
        CalendarWeek& bucket = series.weeks[static_cast<std::size_t>(week)];
        bucket.spendCents += visits.amountCents[i];
        // Rows of a customer are in time order, so visit ids and weeks never go back: a
        // (customer, visit, week) triple is new exactly when one of them changes.
        if (newCustomer || visits.visitId[i] != previousVisit || week != previousWeek)
            ++bucket.visits;
        previousVisit = visits.visitId[i];
        previousWeek = week;
    }

    // The visits table shows a credited order of 0.00 like any other row, so which order
    // event carries the revenue is asked of the ledger, as the pipeline did.
    const std::vector<Cents> revenue = OrderLedger::revenueByRow(events, computePool(), nullptr);
    for (std::size_t row = 0; row < revenue.size(); ++row) {
        if (revenue[row] == OrderLedger::kNoRevenue)
            continue;
        const std::int64_t day = weekStartOnOrBefore(utcDay(times[row]), series.weekStart);
        ++series.weeks[static_cast<std::size_t>((day - firstWeekDay) / 7)].orders;
    }
    return series;
}

std::int64_t LtvDistribution::binnedCount() const
{
    std::int64_t total = 0;
    for (std::int64_t c : counts)
        total += c;
    return total;
}

LtvDistribution ltvDistribution(const ResultTables& results, int bins, bool logScale)
{
    LtvDistribution d;
    d.logScale = logScale;
    const std::size_t binCount = static_cast<std::size_t>(std::clamp(bins, 1, 10000));
    d.counts.assign(binCount, 0);

    const std::size_t n = results.ltv.size();
    std::vector<double> values(n);
    double sum = 0.0;
    double leastPositive = std::numeric_limits<double>::infinity();
    d.min = n ? results.ltv.front().ltv : 0.0;
    d.max = d.min;
    for (std::size_t i = 0; i < n; ++i) {
        const double v = results.ltv[i].ltv;
        values[i] = v;
        sum += v;
        d.min = std::min(d.min, v);
        d.max = std::max(d.max, v);
        if (v > 0.0)
            leastPositive = std::min(leastPositive, v);
        else
            ++d.zeroCount;
    }
    d.count = static_cast<std::int64_t>(n);

    double lo = d.min;
    double hi = d.max;
    if (logScale) {
        lo = std::isfinite(leastPositive) ? leastPositive : 1.0;
        hi = std::max(hi, lo);
    }
    if (!(hi > lo))
        hi = logScale ? lo * 10.0 : lo + 1.0;
    d.edges.resize(binCount + 1);
    for (std::size_t i = 0; i <= binCount; ++i) {
        const double t = double(i) / double(binCount);
        d.edges[i] = logScale ? lo * std::pow(hi / lo, t) : lo + (hi - lo) * t;
    }
    d.edges.front() = lo;
    d.edges.back() = hi;

    const double span = logScale ? std::log(hi / lo) : hi - lo;
    for (double v : values) {
        if (logScale && !(v > 0.0))
            continue;
        const double position = logScale ? std::log(v / lo) / span : (v - lo) / span;
        const auto bin = static_cast<std::int64_t>(std::floor(position * double(binCount)));
        ++d.counts[static_cast<std::size_t>(std::clamp<std::int64_t>(bin, 0, std::int64_t(binCount) - 1))];
    }

    if (n == 0)
        return d;
    d.mean = sum / double(n);
    d.median = medianReordering(values);
    const std::size_t rank = (9 * n + 9) / 10; // ceil(0.9 · n), 1-based
    std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(rank - 1), values.end());
    d.p90 = values[rank - 1];
    return d;
}

std::vector<TopCustomer> topCustomers(const ResultTables& results, int x)
{
    const std::size_t count = std::min(results.ltv.size(), static_cast<std::size_t>(std::max(0, x)));
    std::vector<TopCustomer> top;
    top.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        const LtvRow& row = results.ltv[i];
        top.push_back({row.customer, idText(*results.events, row.customer), row.ltv, row.totalCents});
    }
    return top;
}

CustomerWeekSeries customerWeeks(const ResultTables& results, std::uint32_t customer)
{
    if (!results.events || customer == 0 || customer >= results.events->customerIdCount()) {
        CustomerWeekSeries none;
        none.customer = customer;
        return none;
    }
    return customerWeeks(results, results.events->customerId(customer));
}

CustomerWeekSeries customerWeeks(const ResultTables& results, std::string_view customerId)
{
    CustomerWeekSeries series;
    series.customerId = QString::fromUtf8(customerId.data(), static_cast<qsizetype>(customerId.size()));
    if (!results.events)
        return series;
    const EventStore& events = *results.events;
    const auto [firstVisit, endVisit] = rowsOfCustomer(results.visits.customer, events, customerId);
    const auto [firstWeek, endWeek] = rowsOfCustomer(results.weekly.customer, events, customerId);
    if (firstVisit == endVisit || firstWeek == endWeek)
        return series;

    series.found = true;
    series.customer = results.visits.customer[firstVisit];
    // The first visits row is the customer's first event, which fixes the day of week 0.
    const std::int64_t weekZero = weekStartOnOrBefore(utcDay(events.time(results.visits.event[firstVisit])),
                                                      results.parameters.weekStart);
    const WeeklyTable& weekly = results.weekly;
    const std::int32_t lastWeek = weekly.weekId[endWeek - 1];
    series.weeks.resize(static_cast<std::size_t>(lastWeek) + 1);
    for (std::int32_t w = 0; w <= lastWeek; ++w) {
        CustomerWeek& week = series.weeks[static_cast<std::size_t>(w)];
        week.weekId = w;
        week.start = dateFromDays(weekZero + 7 * std::int64_t(w));
    }
    for (std::size_t r = firstWeek; r < endWeek; ++r) {
        CustomerWeek& week = series.weeks[static_cast<std::size_t>(weekly.weekId[r])];
        week.visits = weekly.visits[r];
        week.spendCents = weekly.amountCents[r];
    }
    return series;
}

} // namespace clv
