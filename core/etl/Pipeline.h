#pragma once

#include "etl/CustomerGrouping.h"
#include "etl/Parameters.h"
#include "model/ResultTables.h"
#include "util/JobControl.h"

#include <memory>
#include <vector>

class QElapsedTimer;
class QThreadPool;

namespace clv {

// The ETL: groups events by customer, orders them in time, cuts visits at the session
// gap, numbers weeks, credits each order once, and builds the visits, weekly and ltv
// tables. Customers are independent, so ranges of customers run in parallel on the pool.
class Pipeline {
public:
    explicit Pipeline(Parameters parameters, QThreadPool* pool = nullptr) : m_parameters(parameters), m_pool(pool) {}

    // Null when cancelled through `control`: a cancelled run produces nothing.
    std::shared_ptr<const ResultTables> run(const std::shared_ptr<const EventStore>& events,
                                            const JobControl* control = nullptr) const;

    // The same analysis over a part of the data whose dataset-wide values were settled
    // beforehand (a customer partition, see core/partition): `revenueByRow` is the order
    // ledger's verdict for each of `events`' rows (OrderLedger::revenueByRow over all the
    // data), `lastDayOfData` the UTC day of the last event of all the data.
    std::shared_ptr<const ResultTables> runResolved(const std::shared_ptr<const EventStore>& events,
                                                    std::vector<Cents> revenueByRow, std::int64_t lastDayOfData,
                                                    const JobControl* control = nullptr) const;

private:
    // Result tables of `events` with this pipeline's parameters and no rows yet.
    std::shared_ptr<ResultTables> emptyTables(std::shared_ptr<const EventStore> events) const;
    std::shared_ptr<const ResultTables> analyse(std::shared_ptr<ResultTables> tables, CustomerGrouping grouping,
                                                std::vector<Cents> revenue, std::int64_t lastDayOfData,
                                                const JobControl* control, QElapsedTimer& clock) const;

    Parameters m_parameters;
    QThreadPool* m_pool;
};

} // namespace clv
