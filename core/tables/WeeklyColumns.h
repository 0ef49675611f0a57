#pragma once

#include "model/ResultTables.h"
#include "tables/TableSpec.h"

namespace clv {

// One row of the weekly table (the seed's output_ltv_specs): a customer's week with activity.
struct WeeklyRecord {
    std::string_view customer;
    qint64 weekId = 0;
    qint64 visits = 0;
    Cents amountCents = 0;
    double amountPerWeek = 0.0;  // the notebook's amount_per_wk: the week's amounts summed as doubles
    double amountPerVisit = 0.0; // the notebook's: its amount_per_wk (a sum of doubles) / visits
};

struct WeeklyColumns {
    using Record = WeeklyRecord;
    using Source = ResultTables;

    static const Columns<Record>& columns();
    static std::size_t rowCount(const Source& results) { return results.weekly.size(); }
    static Record record(const Source& results, std::uint32_t row);
    static Record record(const RowBlock& block, int row);
    static std::string_view customer(const Record& r) { return r.customer; }
    static WorkspaceTable workspaceTable();
};

} // namespace clv
