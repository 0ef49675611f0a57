#pragma once

#include "model/ResultTables.h"
#include "tables/TableSpec.h"

namespace clv {

// One row of the visits table (the seed's output_t1), with the event's time and type.
struct VisitsRecord {
    std::string_view customer;
    qint64 weekId = 0;
    qint64 visitId = 0;
    bool isOrder = false;
    Cents amountCents = 0;
    TimeMicros time = 0;
    EventType type = EventType::Customer;
};

// Shown from memory only: the event times and types it shows live in the workspace's
// compressed event blocks, not in SQL (result_visits and the view `visits` hold the rest).
struct VisitsColumns {
    using Record = VisitsRecord;
    using Source = ResultTables;

    static const Columns<Record>& columns();
    static std::size_t rowCount(const Source& results) { return results.visits.size(); }
    static Record record(const Source& results, std::uint32_t row);
    static std::string_view customer(const Record& r) { return r.customer; }
};

} // namespace clv
