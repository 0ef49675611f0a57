#pragma once

#include "etl/Parameters.h"
#include "model/ResultTables.h"

#include <vector>

namespace clv {

// The visits table's cells for one customer's rows, in the table's order.
struct VisitsSlice {
    std::uint32_t* event;
    std::uint32_t* customer;
    std::uint8_t* isOrder;
    std::int32_t* weekId;
    std::int32_t* visitId;
    Cents* amountCents;
};

// The analysis of one customer: puts the customer's events in time order (ties: input
// order), cuts visits, numbers weeks and fills that customer's part of the three tables.
// A worker reuses one timeline from customer to customer.
class CustomerTimeline {
public:
    // `revenueByRow` is OrderLedger's verdict for every event row.
    CustomerTimeline(const EventStore& events, const std::vector<Cents>& revenueByRow, const Parameters& parameters,
                     std::int64_t lastDayOfData)
        : m_events(events), m_revenue(revenueByRow), m_parameters(parameters), m_lastDayOfData(lastDayOfData)
    {
    }

    // `rows` are the customer's event rows in input order; `out` receives them in time order.
    // `readable` (>= count) rows may be read from `rows` on: the next customers' rows, whose
    // events are fetched into the cache ahead of time.
    void analyse(const std::uint32_t* rows, std::size_t count, std::size_t readable, std::uint32_t customer,
                 VisitsSlice out, WeeklyTable& weekly, LtvRow& ltv);

private:
    // What the analysis needs of an event, gathered once: the events of a customer lie
    // scattered through the store, and sorting through indirections missed the cache.
    struct Moment {
        TimeMicros time;
        std::uint32_t row;
        EventType type;
    };

    // Puts m_moments in time order, ties in their order now: std::stable_sort did the same but
    // asked malloc for a buffer for every customer, and with the workers taking the allocator's
    // lock 200,000 times in a fifth of a second the window's thread waited for it.
    void sortMomentsByTime();

    // Adds the revenues of the instant of timeline row `first` (a revenue, not the last row)
    // to `amount` in ascending order; returns the end of the instant's rows.
    std::size_t addInstant(const Cents* cents, std::size_t first, std::size_t count, double& amount);

    const EventStore& m_events;
    const std::vector<Cents>& m_revenue;
    const Parameters& m_parameters;
    std::int64_t m_lastDayOfData;
    std::vector<Moment> m_moments;
    std::vector<Moment> m_merged; // sortMomentsByTime's other half, kept from customer to customer
    std::vector<Cents> m_instant;
};

} // namespace clv
