#include "tables/WeeklyColumns.h"

namespace clv {

namespace {

const SqlValues<WeeklyRecord>& sqlValues()
{
    static const SqlValues<WeeklyRecord> values = {
        sqlValue<&WeeklyRecord::customer>("w.customer_id"),
        sqlValue<&WeeklyRecord::weekId>("w.week_id"),
        sqlValue<&WeeklyRecord::visits>("w.visits_per_week"),
        sqlValue<&WeeklyRecord::amountCents>("w.amount_cents"),
        sqlValue<&WeeklyRecord::amountPerWeek>("w.amount_per_week"),
        sqlValue<&WeeklyRecord::amountPerVisit>("w.amount_per_visit"),
    };
    return values;
}

} // namespace

const Columns<WeeklyRecord>& WeeklyColumns::columns()
{
    using R = WeeklyRecord;
    namespace c = clv::columns;
    // amount_per_visit is stored as the engine computes it (WeeklyTable::amountPerVisit).
    static const Columns<R> list = {
        c::text<R>("customer_id", [](const R& r) { return r.customer; }, {"w.customer_id"}),
        c::integer<R>("week_id", [](const R& r) { return r.weekId; }, {"w.week_id"}),
        c::integer<R>("visits_per_wk", [](const R& r) { return r.visits; }, {"w.visits_per_week"}),
        c::money<R>("amount_per_wk", [](const R& r) { return r.amountCents; }, {"w.amount_cents"}),
        c::decimal<4, R>("amount_per_visit", [](const R& r) { return r.amountPerVisit; }, {"w.amount_per_visit"}),
    };
    return list;
}

WeeklyRecord WeeklyColumns::record(const ResultTables& results, std::uint32_t row)
{
    const WeeklyTable& w = results.weekly;
    return {results.events->customerId(w.customer[row]),
            w.weekId[row],
            w.visits[row],
            w.amountCents[row],
            w.amountPerWeek[row],
            w.amountPerVisit(row)};
}

WeeklyRecord WeeklyColumns::record(const RowBlock& block, int row)
{
    return recordFromBlock(sqlValues(), block, row);
}

WorkspaceTable WeeklyColumns::workspaceTable()
{
    WorkspaceTable t;
    t.name = QStringLiteral("weekly");
    t.from = QStringLiteral("result_weekly w");
    t.countFrom = t.from;
    t.denseRowNumbers = true;
    t.rowNumber = QStringLiteral("w.row_no");
    t.customerId = QStringLiteral("w.customer_id");
    return clv::workspaceTable(std::move(t), sqlValues(), columns());
}

} // namespace clv
