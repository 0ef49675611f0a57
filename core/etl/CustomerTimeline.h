#pragma once

#include "etl/Parameters.h"
#include "model/ResultTables.h"

#include <span>
#include <string_view>
#include <vector>

namespace clv {

// The analysis of one customer: takes the customer's event rows, puts them in time
// order (ties: input order) and fills that customer's part of the three tables.
// Holds scratch buffers so that a worker can reuse it from customer to customer.
class CustomerTimeline {
public:
    CustomerTimeline(const EventStore& events, const Parameters& parameters, std::int64_t lastDayOfData)
        : m_events(events), m_parameters(parameters), m_lastDayOfData(lastDayOfData)
    {
    }

    // `rows` is reordered in place. `weekId`, `visitId` and `amountCents` are the visits
    // table's cells for the same positions; weekly rows are appended to `weekly`.
    void analyse(std::span<std::uint32_t> rows, std::uint32_t customer, std::int32_t* weekId, std::int32_t* visitId,
                 Cents* amountCents, WeeklyTable& weekly, LtvRow& ltv);

private:
    void creditOrders(std::span<const std::uint32_t> rows, Cents* amountCents, std::int32_t& orderCount);

    const EventStore& m_events;
    const Parameters& m_parameters;
    std::int64_t m_lastDayOfData;
    struct OrderEvent {
        std::string_view key;
        std::uint32_t position;
    };
    std::vector<OrderEvent> m_orders;
};

} // namespace clv
