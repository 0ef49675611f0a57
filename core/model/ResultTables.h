#pragma once

#include "etl/Parameters.h"
#include "model/EventStore.h"

#include <QList>
#include <QPair>
#include <QString>

#include <memory>
#include <vector>

namespace clv {

// Table "visits" (the seed's output_t1): one row per accepted event, grouped by customer
// (customer ids in ascending order) and ordered by time within a customer.
struct VisitsTable {
    std::vector<std::uint32_t> event;    // row in the EventStore
    std::vector<std::uint32_t> customer; // copied from the event, so that reading rows in order stays sequential
    std::vector<std::uint8_t> isOrder;
    std::vector<std::int32_t> weekId;
    std::vector<std::int32_t> visitId;
    std::vector<Cents> amountCents; // the order's revenue on its first event, else 0
    std::size_t size() const { return customer.size(); }
};

// Table "weekly" (the seed's output_ltv_specs): one row per customer and week with activity.
struct WeeklyTable {
    std::vector<std::uint32_t> customer;
    std::vector<std::int32_t> weekId;
    std::vector<std::int32_t> visits; // distinct visits with an event in the week
    std::vector<Cents> amountCents;   // the week's revenue, exact
    // amount_per_wk as the notebook computes it: 0.0 plus each event's amount as a double,
    // in time order. It may differ from amountCents / 100 in the last digit (171.32999999999998
    // for 17133 cents); the CSV, the LTV and amountPerVisit() use it.
    std::vector<double> amountPerWeek;
    std::size_t size() const { return customer.size(); }

    // amount_per_visit as the notebook computes it.
    double amountPerVisit(std::size_t row) const
    {
        return visits[row] ? amountPerWeek[row] / double(visits[row]) : 0.0;
    }
};

// Table "ltv" (the seed's output_ltv_final and more): one row per customer, by LTV
// descending then customer id.
struct LtvRow {
    std::uint32_t customer = 0;
    double ltv = 0.0;
    std::int32_t visits = 0; // distinct visits
    std::int32_t orders = 0; // distinct order keys
    Cents totalCents = 0;
    std::int64_t visitWeekSum = 0;  // sum of visits_per_wk (a visit across weeks counts per week)
    std::int32_t weeksObserved = 0; // from the customer's week 0 to the data set's last week
    TimeMicros firstEvent = 0;
    TimeMicros lastEvent = 0;
    std::uint32_t lastName = 0; // detail ids of the latest CUSTOMER event, 0 if none
    std::uint32_t city = 0;
    std::uint32_t state = 0;

    double spendPerVisit() const { return visits ? double(totalCents) / 100.0 / visits : 0.0; }
    double visitsPerWeek() const { return weeksObserved ? double(visits) / weeksObserved : 0.0; }
};

// The immutable outcome of one analysis run. Holds the events it was computed from, so
// that every id in it can be turned back into text. Tables unpacked from a workspace's
// packed results without loading its events (ResultPack, for writing the output files) hold
// a store of no events, only the customer ids and details they name, and an empty
// visits.event column.
struct ResultTables {
    std::shared_ptr<const EventStore> events;
    Parameters parameters;
    VisitsTable visits;
    WeeklyTable weekly;
    std::vector<LtvRow> ltv;
    QList<QPair<QString, qint64>> timings; // milliseconds per step of the pipeline
};

} // namespace clv
