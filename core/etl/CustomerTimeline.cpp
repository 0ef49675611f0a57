#include "etl/CustomerTimeline.h"

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

void CustomerTimeline::creditOrders(std::span<const std::uint32_t> rows, Cents* amountCents, std::int32_t& orderCount)
{
    // An order key's revenue counts once, on its earliest event, with the amount of its
    // latest event: an ORDER UPDATE replaces the amount, never adds to it.
    m_orders.clear();
    for (std::uint32_t p = 0; p < rows.size(); ++p) {
        amountCents[p] = 0;
        if (m_events.type(rows[p]) == EventType::Order)
            m_orders.push_back({m_events.key(rows[p]), p});
    }
    // Positions are already in time order (ties: input order), so within a key the
    // first position is the earliest event and the last is the latest.
    std::stable_sort(m_orders.begin(), m_orders.end(),
                     [](const OrderEvent& a, const OrderEvent& b) { return a.key < b.key; });
    orderCount = 0;
    for (std::size_t i = 0; i < m_orders.size();) {
        std::size_t j = i;
        while (j + 1 < m_orders.size() && m_orders[j + 1].key == m_orders[i].key)
            ++j;
        amountCents[m_orders[i].position] = m_events.amountCents(rows[m_orders[j].position]);
        ++orderCount;
        i = j + 1;
    }
}

void CustomerTimeline::analyse(std::span<std::uint32_t> rows, std::uint32_t customer, std::int32_t* weekId,
                               std::int32_t* visitId, Cents* amountCents, WeeklyTable& weekly, LtvRow& ltv)
{
    std::stable_sort(rows.begin(), rows.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return m_events.time(a) < m_events.time(b); });

    ltv = LtvRow{};
    ltv.customer = customer;
    creditOrders(rows, amountCents, ltv.orders);

    const TimeMicros firstTime = m_events.time(rows.front());
    const std::int64_t weekZero = weekZeroDay(utcDay(firstTime), m_parameters.weekStart);
    std::int32_t visit = 0;
    std::int64_t previousSecond = wholeSeconds(firstTime);
    std::uint32_t lastCustomerRecord = 0;
    bool hasCustomerRecord = false;

    for (std::uint32_t p = 0; p < rows.size(); ++p) {
        const std::uint32_t row = rows[p];
        const TimeMicros t = m_events.time(row);
        // Whole seconds, so that a gap of exactly the session gap stays in the same visit.
        const std::int64_t second = wholeSeconds(t);
        if (second - previousSecond > m_parameters.sessionGapSeconds)
            ++visit;
        previousSecond = second;
        visitId[p] = visit;
        weekId[p] = static_cast<std::int32_t>(floorDiv(utcDay(t) - weekZero, 7));
        ltv.totalCents += amountCents[p];
        if (m_events.type(row) == EventType::Customer) {
            lastCustomerRecord = row;
            hasCustomerRecord = true;
        }
    }

    // Weeks and visit ids only grow along the timeline, so one pass finds each week's
    // distinct visits.
    for (std::uint32_t p = 0; p < rows.size();) {
        const std::int32_t week = weekId[p];
        std::int32_t visits = 0;
        std::int32_t lastVisit = -1;
        Cents spend = 0;
        for (; p < rows.size() && weekId[p] == week; ++p) {
            if (visitId[p] != lastVisit) {
                ++visits;
                lastVisit = visitId[p];
            }
            spend += amountCents[p];
        }
        weekly.customer.push_back(customer);
        weekly.weekId.push_back(week);
        weekly.visits.push_back(visits);
        weekly.amountCents.push_back(spend);
        ltv.visitWeekSum += visits;
    }

    ltv.visits = visit + 1;
    ltv.firstEvent = firstTime;
    ltv.lastEvent = m_events.time(rows.back());
    ltv.weeksObserved = static_cast<std::int32_t>(floorDiv(m_lastDayOfData - weekZero, 7)) + 1;
    if (hasCustomerRecord) {
        ltv.lastName = m_events.detail(lastCustomerRecord, 0);
        ltv.city = m_events.detail(lastCustomerRecord, 1);
        ltv.state = m_events.detail(lastCustomerRecord, 2);
    }
    const double spend = double(ltv.totalCents) / 100.0;
    const double perYear = 52.0 * m_parameters.lifespanYears;
    if (m_parameters.formula == LtvFormula::Seed)
        ltv.ltv = ltv.visitWeekSum > 0 ? perYear * spend / double(ltv.visitWeekSum) : 0.0;
    else
        ltv.ltv = ltv.weeksObserved > 0 ? perYear * spend / double(ltv.weeksObserved) : 0.0;
}

} // namespace clv
