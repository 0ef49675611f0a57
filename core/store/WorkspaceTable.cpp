#include "store/WorkspaceTable.h"

namespace clv {

namespace {
QStringList key(const QString& expression) { return {expression}; }
} // namespace

WorkspaceTable WorkspaceTable::ltv()
{
    WorkspaceTable t;
    t.name = QStringLiteral("ltv");
    t.from = QStringLiteral("result_ltv r LEFT JOIN customers c ON c.customer_id = r.customer_id");
    t.countFrom = QStringLiteral("result_ltv r");
    t.denseRowNumbers = true;
    t.rowNumber = QStringLiteral("r.ltv_rank");
    t.customerId = QStringLiteral("r.customer_id");
    t.values = {"r.ltv_rank", "r.customer_id", "r.ltv", "r.visits", "r.orders", "r.total_cents",
                "r.weeks_observed", "r.first_event_us", "r.last_event_us", "c.last_name", "c.city", "c.state"};
    // The ratios are computed as the engine computes them (double division, 0 without a
    // visit or a week), so that they sort the same; a missing name sorts as empty text.
    t.sortKeys = {key("r.ltv_rank"),
                  key("r.customer_id"),
                  key("r.ltv"),
                  key("r.visits"),
                  key("r.orders"),
                  key("r.total_cents"),
                  key("CASE WHEN r.visits = 0 THEN 0.0 ELSE r.total_cents / 100.0 / r.visits END"),
                  key("CASE WHEN r.weeks_observed = 0 THEN 0.0 "
                      "ELSE CAST(r.visits AS DOUBLE PRECISION) / r.weeks_observed END"),
                  key("r.weeks_observed"),
                  key("r.first_event_us"),
                  key("r.last_event_us"),
                  key("COALESCE(c.last_name, '')"),
                  key("COALESCE(c.city, '')"),
                  key("COALESCE(c.state, '')")};
    return t;
}

WorkspaceTable WorkspaceTable::weekly()
{
    WorkspaceTable t;
    t.name = QStringLiteral("weekly");
    t.from = QStringLiteral("result_weekly w");
    t.countFrom = t.from;
    t.denseRowNumbers = true;
    t.rowNumber = QStringLiteral("w.row_no");
    t.customerId = QStringLiteral("w.customer_id");
    t.values = {"w.customer_id", "w.week_id", "w.visits_per_week", "w.amount_cents", "w.amount_per_week",
                "w.amount_per_visit"};
    // amount_per_visit was stored as the engine computes it: amount_per_week / visits.
    t.sortKeys = {key("w.customer_id"), key("w.week_id"), key("w.visits_per_week"), key("w.amount_cents"),
                  key("w.amount_per_visit")};
    return t;
}

WorkspaceTable WorkspaceTable::visits()
{
    WorkspaceTable t;
    t.name = QStringLiteral("visits");
    t.from = QStringLiteral("result_visits v JOIN events e ON e.id = v.event_id "
                            "LEFT JOIN event_types et ON et.code = e.event_type");
    t.countFrom = QStringLiteral("result_visits v");
    t.denseRowNumbers = true;
    t.rowNumber = QStringLiteral("v.row_no");
    t.customerId = QStringLiteral("e.customer_id");
    t.values = {"e.customer_id", "v.week_id", "v.visit_id", "v.is_order", "v.amount_cents", "e.event_time_us",
                "e.event_type"};
    // The type sorts by its name, as the engine's table does, not by its code.
    t.sortKeys = {key("e.customer_id"), key("v.week_id"),        key("v.visit_id"), key("v.is_order"),
                  key("v.amount_cents"), key("e.event_time_us"), key("et.name")};
    return t;
}

WorkspaceTable WorkspaceTable::events()
{
    WorkspaceTable t;
    t.name = QStringLiteral("events");
    t.from = QStringLiteral("events e JOIN source_files f ON f.id = e.file_id "
                            "LEFT JOIN event_types et ON et.code = e.event_type "
                            "LEFT JOIN event_verbs ev ON ev.code = e.event_verb");
    t.countFrom = QStringLiteral("events e"); // ids may have gaps: no dense row numbers
    t.rowNumber = QStringLiteral("e.id");
    t.customerId = QStringLiteral("e.customer_id");
    t.values = {"e.customer_id", "e.event_type", "e.event_verb", "e.event_key", "e.event_time_us", "e.amount_cents",
                "e.detail_1", "e.detail_2", "e.detail_3", "f.display_name", "e.line_number"};
    // Details sort one after the other, a missing one as empty text; the source sorts in
    // ingest order, which is file and line order.
    t.sortKeys = {key("e.customer_id"),
                  key("et.name"),
                  key("ev.name"),
                  key("e.event_key"),
                  key("e.event_time_us"),
                  key("e.amount_cents"),
                  {"COALESCE(e.detail_1, '')", "COALESCE(e.detail_2, '')", "COALESCE(e.detail_3, '')"},
                  key("e.id")};
    return t;
}

} // namespace clv
