#include "tables/LtvColumns.h"

namespace clv {

namespace {

const SqlValues<LtvRecord>& sqlValues()
{
    static const SqlValues<LtvRecord> values = {
        sqlValue<&LtvRecord::rank>("r.ltv_rank"),
        sqlValue<&LtvRecord::customer>("r.customer_id"),
        sqlValue<&LtvRecord::ltv>("r.ltv"),
        sqlValue<&LtvRecord::visits>("r.visits"),
        sqlValue<&LtvRecord::orders>("r.orders"),
        sqlValue<&LtvRecord::totalCents>("r.total_cents"),
        sqlValue<&LtvRecord::weeksObserved>("r.weeks_observed"),
        sqlValue<&LtvRecord::firstEvent>("r.first_event_us"),
        sqlValue<&LtvRecord::lastEvent>("r.last_event_us"),
        sqlValue<&LtvRecord::lastName>("c.last_name"),
        sqlValue<&LtvRecord::city>("c.city"),
        sqlValue<&LtvRecord::state>("c.state"),
    };
    return values;
}

} // namespace

const Columns<LtvRecord>& LtvColumns::columns()
{
    using R = LtvRecord;
    namespace c = clv::columns;
    // The ratios sort in SQL as the engine computes them (double division, 0 without a visit
    // or a week); a missing name sorts as empty text.
    static const Columns<R> list = {
        c::integer<R>(QT_TRANSLATE_NOOP("Columns", "Rank"), [](const R& r) { return r.rank; }, {"r.ltv_rank"}),
        c::text<R>("customer_id", [](const R& r) { return r.customer; }, {"r.customer_id"}),
        c::decimal<2, R>("customer_ltv", [](const R& r) { return r.ltv; }, {"r.ltv"}),
        c::integer<R>(QT_TRANSLATE_NOOP("Columns", "Visits"), [](const R& r) { return r.visits; }, {"r.visits"}),
        c::integer<R>(QT_TRANSLATE_NOOP("Columns", "Orders"), [](const R& r) { return r.orders; }, {"r.orders"}),
        c::money<R>(QT_TRANSLATE_NOOP("Columns", "Total spend"), [](const R& r) { return r.totalCents; },
                    {"r.total_cents"}),
        c::decimal<2, R>(QT_TRANSLATE_NOOP("Columns", "Spend / visit"), [](const R& r) { return r.spendPerVisit(); },
                         {"CASE WHEN r.visits = 0 THEN 0.0 ELSE r.total_cents / 100.0 / r.visits END"}),
        c::decimal<3, R>(QT_TRANSLATE_NOOP("Columns", "Visits / week"), [](const R& r) { return r.visitsPerWeek(); },
                         {"CASE WHEN r.weeks_observed = 0 THEN 0.0 "
                          "ELSE CAST(r.visits AS DOUBLE PRECISION) / r.weeks_observed END"}),
        c::integer<R>(QT_TRANSLATE_NOOP("Columns", "Weeks observed"), [](const R& r) { return r.weeksObserved; },
                      {"r.weeks_observed"}),
        c::time<R>(QT_TRANSLATE_NOOP("Columns", "First event"), [](const R& r) { return r.firstEvent; },
                   {"r.first_event_us"}),
        c::time<R>(QT_TRANSLATE_NOOP("Columns", "Last event"), [](const R& r) { return r.lastEvent; },
                   {"r.last_event_us"}),
        c::text<R>("last_name", [](const R& r) { return r.lastName; }, {"COALESCE(c.last_name, '')"}),
        c::text<R>(QT_TRANSLATE_NOOP("Columns", "City"), [](const R& r) { return r.city; }, {"COALESCE(c.city, '')"}),
        c::text<R>(QT_TRANSLATE_NOOP("Columns", "State"), [](const R& r) { return r.state; },
                   {"COALESCE(c.state, '')"}),
    };
    return list;
}

LtvRecord LtvColumns::record(const ResultTables& results, std::uint32_t row)
{
    const LtvRow& r = results.ltv[row];
    const EventStore& e = *results.events;
    LtvRecord out;
    out.rank = qint64(row) + 1;
    out.customer = e.customerId(r.customer);
    out.ltv = r.ltv;
    out.visits = r.visits;
    out.orders = r.orders;
    out.totalCents = r.totalCents;
    out.weeksObserved = r.weeksObserved;
    out.firstEvent = r.firstEvent;
    out.lastEvent = r.lastEvent;
    out.lastName = e.detailText(r.lastName);
    out.city = e.detailText(r.city);
    out.state = e.detailText(r.state);
    return out;
}

LtvRecord LtvColumns::record(const RowBlock& block, int row)
{
    return recordFromBlock(sqlValues(), block, row);
}

WorkspaceTable LtvColumns::workspaceTable()
{
    WorkspaceTable t;
    t.name = QStringLiteral("ltv");
    t.from = QStringLiteral("result_ltv r LEFT JOIN customers c ON c.customer_id = r.customer_id");
    t.countFrom = QStringLiteral("result_ltv r");
    t.denseRowNumbers = true;
    t.rowNumber = QStringLiteral("r.ltv_rank");
    t.customerId = QStringLiteral("r.customer_id");
    return clv::workspaceTable(std::move(t), sqlValues(), columns());
}

} // namespace clv
