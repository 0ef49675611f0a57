#pragma once

#include "model/ResultTables.h"
#include "tables/TableSpec.h"

namespace clv {

// One row of the ltv table as shown: the customer, its LTV and the figures behind it.
struct LtvRecord {
    qint64 rank = 0; // 1 = highest LTV
    std::string_view customer;
    double ltv = 0.0;
    qint64 visits = 0;
    qint64 orders = 0;
    Cents totalCents = 0;
    qint64 weeksObserved = 0;
    TimeMicros firstEvent = 0;
    TimeMicros lastEvent = 0;
    std::string_view lastName;
    std::string_view city;
    std::string_view state;

    double spendPerVisit() const { return visits ? double(totalCents) / 100.0 / double(visits) : 0.0; }
    double visitsPerWeek() const { return weeksObserved ? double(visits) / double(weeksObserved) : 0.0; }
};

// The ltv table: by rank, with the customer's name and place.
struct LtvColumns {
    using Record = LtvRecord;
    using Source = ResultTables;

    static const Columns<Record>& columns();
    static std::size_t rowCount(const Source& results) { return results.ltv.size(); }
    static Record record(const Source& results, std::uint32_t row);
    static Record record(const RowBlock& block, int row);
    static std::string_view customer(const Record& r) { return r.customer; }
    static WorkspaceTable workspaceTable();
};

} // namespace clv
