#include "etl/CustomerTimeline.h"

#include "etl/OrderLedger.h"
#include "io/MoneyAmount.h"

#include <algorithm>

namespace clv {

namespace {

// The first day of week 0: the week-start day on or before the customer's first day.
std::int64_t weekZeroDay(std::int64_t firstDay, WeekStart weekStart)
{
    const int back = (weekdayFromDays(firstDay) - static_cast<int>(weekStart) + 7) % 7;
    return firstDay - back;
}

} // namespace

void CustomerTimeline::analyse(const std::uint32_t* rows, std::size_t count, std::size_t readable,
                               std::uint32_t customer, VisitsSlice out, WeeklyTable& weekly, LtvRow& ltv)
{
    m_moments.clear();
    constexpr std::size_t kAhead = 8;
    for (std::size_t i = 0; i < count; ++i) {
        // The rows are scattered through the store; asking for the next ones early lets
        // their cache misses overlap instead of queueing one after another.
        if (i + kAhead < readable) {
            __builtin_prefetch(&m_events.timeColumn()[rows[i + kAhead]]);
            __builtin_prefetch(&m_events.typeColumn()[rows[i + kAhead]]);
        }
        m_moments.push_back({m_events.time(rows[i]), rows[i], m_events.type(rows[i])});
    }
    sortMomentsByTime();

    ltv = LtvRow{};
    ltv.customer = customer;
    const TimeMicros firstTime = m_moments.front().time;
    const std::int64_t weekZero = weekZeroDay(utcDay(firstTime), m_parameters.weekStart);
    std::int32_t visit = 0;
    std::int64_t previousSecond = wholeSeconds(firstTime);
    std::uint32_t lastCustomerRecord = 0;
    bool hasCustomerRecord = false;

    for (std::size_t p = 0; p < count; ++p) {
        const Moment& m = m_moments[p];
        // Whole seconds, so that a gap of exactly the session gap stays in the same visit.
        const std::int64_t second = wholeSeconds(m.time);
        if (second - previousSecond > m_parameters.sessionGapSeconds)
            ++visit;
        previousSecond = second;
        out.event[p] = m.row;
        out.customer[p] = customer;
        out.isOrder[p] = m.type == EventType::Order;
        out.visitId[p] = visit;
        out.weekId[p] = static_cast<std::int32_t>(floorDiv(utcDay(m.time) - weekZero, 7));
        const Cents revenue = m.type == EventType::Order ? m_revenue[m.row] : OrderLedger::kNoRevenue;
        out.amountCents[p] = revenue == OrderLedger::kNoRevenue ? 0 : revenue;
        ltv.orders += revenue == OrderLedger::kNoRevenue ? 0 : 1;
        ltv.totalCents += out.amountCents[p];
        if (m.type == EventType::Customer) {
            lastCustomerRecord = m.row;
            hasCustomerRecord = true;
        }
    }

    // Weeks and visit ids only grow along the timeline, so one pass finds each week's
    // distinct visits. The week's amount is summed as the notebook sums it: 0.0 plus each
    // event's amount as a double, in time order (events without revenue add 0.0, which
    // changes nothing), so that amount_per_wk has the published digits — 171.32999999999998
    // where the cents say 171.33. Only the amounts of one instant are added in ascending
    // order rather than in input order, so that the sum does not depend on the order in
    // which the events arrived (the notebook's order for them is Spark's, and undefined).
    double amountSum = 0.0; // the notebook's sum(amount_per_wk), weeks in ascending order
    std::size_t instantAddedUpTo = 0;
    for (std::size_t p = 0; p < count;) {
        const std::int32_t week = out.weekId[p];
        std::int32_t visits = 0;
        std::int32_t lastVisit = -1;
        Cents spend = 0;
        double amount = 0.0;
        for (; p < count && out.weekId[p] == week; ++p) {
            if (out.visitId[p] != lastVisit) {
                ++visits;
                lastVisit = out.visitId[p];
            }
            const Cents cents = out.amountCents[p];
            if (cents == 0)
                continue;
            spend += cents;
            if (p < instantAddedUpTo)
                continue; // added with an earlier revenue of its instant
            if (p + 1 == count || m_moments[p + 1].time != m_moments[p].time) [[likely]]
                amount += dollarsAsDouble(cents);
            else
                instantAddedUpTo = addInstant(out.amountCents, p, count, amount);
        }
        weekly.customer.push_back(customer);
        weekly.weekId.push_back(week);
        weekly.visits.push_back(visits);
        weekly.amountCents.push_back(spend);
        weekly.amountPerWeek.push_back(amount);
        amountSum += amount;
        ltv.visitWeekSum += visits;
    }

    ltv.visits = visit + 1;
    ltv.firstEvent = firstTime;
    ltv.lastEvent = m_moments.back().time;
    ltv.weeksObserved = static_cast<std::int32_t>(floorDiv(m_lastDayOfData - weekZero, 7)) + 1;
    if (hasCustomerRecord) {
        ltv.lastName = m_events.detail(lastCustomerRecord, 0);
        ltv.city = m_events.detail(lastCustomerRecord, 1);
        ltv.state = m_events.detail(lastCustomerRecord, 2);
    }
    if (m_parameters.formula == LtvFormula::Seed) {
        // The notebook's `52*(sum(amount_per_wk)/sum(visits_per_wk))*10`, operation by
        // operation: 520 * S / V, or exact cents, differ from its digits in the last place.
        const double t = m_parameters.lifespanYears;
        ltv.ltv = ltv.visitWeekSum > 0 ? (52.0 * (amountSum / double(ltv.visitWeekSum))) * t : 0.0;
    } else {
        // No published table to match here: the total is the exact one from cents, rounded
        // once, rather than the notebook's sum of doubles.
        const double spend = double(ltv.totalCents) / 100.0;
        const double perYear = 52.0 * m_parameters.lifespanYears;
        ltv.ltv = ltv.weeksObserved > 0 ? perYear * spend / double(ltv.weeksObserved) : 0.0;
    }
}

void CustomerTimeline::sortMomentsByTime()
{
    const auto earlier = [](const Moment& a, const Moment& b) { return a.time < b.time; };
    // Runs of kRun sorted in place (insertion sort is stable, and a customer's events mostly
    // arrive in time order already), then merged pairwise; std::merge takes the first run's
    // element on a tie, so input order stands.
    constexpr std::size_t kRun = 32;
    const std::size_t count = m_moments.size();
    for (std::size_t start = 0; start < count; start += kRun) {
        const auto first = m_moments.begin() + static_cast<std::ptrdiff_t>(start);
        const auto last = m_moments.begin() + static_cast<std::ptrdiff_t>(std::min(count, start + kRun));
        for (auto i = first + 1; i < last; ++i) {
            if (!earlier(*i, *(i - 1)))
                continue;
            const Moment moving = *i;
            auto j = i;
            for (; j > first && earlier(moving, *(j - 1)); --j)
                *j = *(j - 1);
            *j = moving;
        }
    }
    if (count <= kRun)
        return;
    m_merged.resize(count);
    for (std::size_t width = kRun; width < count; width *= 2) {
        for (std::size_t start = 0; start < count; start += 2 * width) {
            const std::size_t middle = std::min(count, start + width);
            const std::size_t end = std::min(count, start + 2 * width);
            std::merge(m_moments.begin() + static_cast<std::ptrdiff_t>(start),
                       m_moments.begin() + static_cast<std::ptrdiff_t>(middle),
                       m_moments.begin() + static_cast<std::ptrdiff_t>(middle),
                       m_moments.begin() + static_cast<std::ptrdiff_t>(end),
                       m_merged.begin() + static_cast<std::ptrdiff_t>(start), earlier);
        }
        m_moments.swap(m_merged);
    }
}

std::size_t CustomerTimeline::addInstant(const Cents* cents, std::size_t first, std::size_t count, double& amount)
{
    std::size_t end = first + 1;
    while (end < count && m_moments[end].time == m_moments[first].time)
        ++end;
    m_instant.clear();
    for (std::size_t p = first; p < end; ++p)
        if (cents[p] != 0)
            m_instant.push_back(cents[p]);
    std::sort(m_instant.begin(), m_instant.end());
    for (const Cents c : m_instant)
        amount += dollarsAsDouble(c);
    return end;
}

} // namespace clv
