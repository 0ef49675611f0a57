#include "tables/VisitsColumns.h"

namespace clv {

const Columns<VisitsRecord>& VisitsColumns::columns()
{
    using R = VisitsRecord;
    namespace c = clv::columns;
    // The type sorts by its name, not by its code.
    static const Columns<R> list = {
        c::text<R>("customer_id", [](const R& r) { return r.customer; }, {}),
        c::integer<R>("week_id", [](const R& r) { return r.weekId; }, {}),
        c::integer<R>("visit_id", [](const R& r) { return r.visitId; }, {}),
        c::boolean<R>("isOrderType", [](const R& r) { return r.isOrder; }, {}),
        c::money<R>("amount", [](const R& r) { return r.amountCents; }, {}),
        c::time<R>("event_time", [](const R& r) { return r.time; }, {}),
        c::text<R>("type", [](const R& r) { return eventTypeName(r.type); }, {}),
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

} // namespace clv
