#include "tables/VisitsColumns.h"

namespace clv {

namespace {

const SqlValues<VisitsRecord>& sqlValues()
{
    static const SqlValues<VisitsRecord> values = {
        sqlValue<&VisitsRecord::customer>("e.customer_id"),     sqlValue<&VisitsRecord::weekId>("v.week_id"),
        sqlValue<&VisitsRecord::visitId>("v.visit_id"),         sqlValue<&VisitsRecord::isOrder>("v.is_order"),
        sqlValue<&VisitsRecord::amountCents>("v.amount_cents"), sqlValue<&VisitsRecord::time>("e.event_time_us"),
        sqlValue<&VisitsRecord::type>("e.event_type"),
    };
    return values;
}

} // namespace

const Columns<VisitsRecord>& VisitsColumns::columns()
{
    using R = VisitsRecord;
    namespace c = clv::columns;
    // The type sorts by its name, not by its code.
    static const Columns<R> list = {
        c::text<R>("customer_id", [](const R& r) { return r.customer; }, {"e.customer_id"}),
        c::integer<R>("week_id", [](const R& r) { return r.weekId; }, {"v.week_id"}),
        c::integer<R>("visit_id", [](const R& r) { return r.visitId; }, {"v.visit_id"}),
        c::boolean<R>("isOrderType", [](const R& r) { return r.isOrder; }, {"v.is_order"}),
        c::money<R>("amount", [](const R& r) { return r.amountCents; }, {"v.amount_cents"}),
        c::time<R>("event_time", [](const R& r) { return r.time; }, {"e.event_time_us"}),
        c::text<R>("type", [](const R& r) { return eventTypeName(r.type); }, {"et.name"}),
    };
    return list;
}

VisitsRecord VisitsColumns::record(const ResultTables& results, std::uint32_t row)
{
    const VisitsTable& v = results.visits;
    const EventStore& e = *results.events;
    const std::uint32_t event = v.event[row];
    return {e.customerId(v.customer[row]),
            v.weekId[row],
            v.visitId[row],
            v.isOrder[row] != 0,
            v.amountCents[row],
            e.time(event),
            e.type(event)};
}

VisitsRecord VisitsColumns::record(const RowBlock& block, int row)
{
    return recordFromBlock(sqlValues(), block, row);
}

WorkspaceTable VisitsColumns::workspaceTable()
{
    WorkspaceTable t;
    t.name = QStringLiteral("visits");
    t.from = QStringLiteral("result_visits v JOIN events e ON e.id = v.event_id "
                            "LEFT JOIN event_types et ON et.code = e.event_type");
    t.countFrom = QStringLiteral("result_visits v");
    t.denseRowNumbers = true;
    t.rowNumber = QStringLiteral("v.row_no");
    t.customerId = QStringLiteral("e.customer_id");
    return clv::workspaceTable(std::move(t), sqlValues(), columns());
}

} // namespace clv
