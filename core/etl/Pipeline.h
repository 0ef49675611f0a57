#pragma once

#include "etl/Parameters.h"
#include "model/ResultTables.h"
#include "util/JobControl.h"

#include <memory>

class QThreadPool;

namespace clv {

// The ETL: groups events by customer, orders them in time, cuts visits at the session
// gap, numbers weeks, credits each order once, and builds the visits, weekly and ltv
// tables. Customers are independent, so ranges of customers run in parallel on the pool.
class Pipeline {
public:
    explicit Pipeline(Parameters parameters, QThreadPool* pool = nullptr) : m_parameters(parameters), m_pool(pool) {}

    // Null when cancelled through `control`: a cancelled run produces nothing.
    std::shared_ptr<const ResultTables> run(std::shared_ptr<const EventStore> events,
                                            const JobControl* control = nullptr) const;

private:
    Parameters m_parameters;
    QThreadPool* m_pool;
};

} // namespace clv
