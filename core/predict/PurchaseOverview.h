#pragma once

#include "model/ResultTables.h"
#include "predict/Cohorts.h"
#include "predict/Purchases.h"
#include "predict/RfmSegments.h"
#include "util/JobControl.h"

#include <cstdint>
#include <memory>
#include <vector>

class QThreadPool;

namespace clv {

class EventStore;

// What the Predict, Cohorts and Segments views know about purchases before any model is
// fitted: the purchase history of the events in memory, its date range, the RFM segments as
// of the last purchase day, the cohorts by week and by month, and each customer's seed LTV.
// Immutable once built; shared by every view and job.
struct PurchaseOverview {
    std::shared_ptr<const EventStore> events; // the store the history was taken from
    PurchaseHistory history;
    std::int64_t firstDay = 0; // earliest and latest purchase day (days since 1970-01-01)
    std::int64_t lastDay = 0;
    RfmSegmentation segments; // parallel to history.customers
    CohortTable weeklyCohorts;
    CohortTable monthlyCohorts;
    std::vector<double> seedLtv; // parallel to history.customers; NaN without an LTV row
    bool cancelled = false;

    bool empty() const { return history.empty(); }
    const CohortTable& cohorts(CohortPeriod period) const
    {
        return period == CohortPeriod::Week ? weeklyCohorts : monthlyCohorts;
    }
};

// Builds the overview of `events` (null or empty: an empty overview); `results`, when given,
// supplies the seed LTV of each customer. Uses `pool` for the parallel steps: not to be called
// from a task on that pool.
std::shared_ptr<const PurchaseOverview> buildPurchaseOverview(std::shared_ptr<const EventStore> events,
                                                              const ResultTables* results, QThreadPool* pool,
                                                              const JobControl* control = nullptr);

} // namespace clv
