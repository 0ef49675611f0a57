#include "tables/EventsColumns.h"

namespace clv {

namespace {

const SqlValues<EventsRecord>& sqlValues()
{
    static const SqlValues<EventsRecord> values = {
        sqlValue<&EventsRecord::customer>("e.customer_id"), sqlValue<&EventsRecord::type>("e.event_type"),
        sqlValue<&EventsRecord::verb>("e.event_verb"),      sqlValue<&EventsRecord::key>("e.event_key"),
        sqlValue<&EventsRecord::time>("e.event_time_us"),   sqlValue<&EventsRecord::amountCents>("e.amount_cents"),
        sqlValue<&EventsRecord::detail1>("e.detail_1"),     sqlValue<&EventsRecord::detail2>("e.detail_2"),
        sqlValue<&EventsRecord::detail3>("e.detail_3"),     sqlValue<&EventsRecord::file>("f.display_name"),
        sqlValue<&EventsRecord::line>("e.line_number"),     sqlValue<&EventsRecord::order>("e.id"),
    };
    return values;
}

QVariant amountText(const EventsRecord& r)
{
    return r.type == EventType::Order ? moneyText(r.amountCents) : QString();
}

QVariant detailsText(const EventsRecord& r)
{
    QStringList parts;
    for (const std::string_view d : r.details())
        if (!d.empty())
            parts << utf8Text(d);
    return parts.join(QStringLiteral(", "));
}

QVariant sourceText(const EventsRecord& r)
{
    return QStringLiteral("%1:%2").arg(utf8Text(r.file)).arg(r.line);
}

} // namespace

const Columns<EventsRecord>& EventsColumns::columns()
{
    using R = EventsRecord;
    namespace c = clv::columns;
    struct Amount {
        Cents operator()(const R& r) const { return r.amountCents; }
    };
    struct Details {
        std::array<std::string_view, 3> operator()(const R& r) const { return r.details(); }
    };
    struct Order {
        qint64 operator()(const R& r) const { return r.order; }
    };
    // Details sort one after the other, a missing one as empty text; the source sorts in input
    // order, which is file and line order.
    static const Columns<R> list = {
        c::text<R>("customer_id", [](const R& r) { return r.customer; }, {"e.customer_id"}),
        c::text<R>("type", [](const R& r) { return eventTypeName(r.type); }, {"et.name"}),
        c::text<R>("verb", [](const R& r) { return eventVerbName(r.verb); }, {"ev.name"}),
        c::text<R>("key", [](const R& r) { return r.key; }, {"e.event_key"}),
        c::time<R>("event_time", [](const R& r) { return r.time; }, {"e.event_time_us"}),
        {"total_amount", true, &amountText, nullptr, &sortByKey<R, Amount>, {"e.amount_cents"}},
        {"details",
         false,
         &detailsText,
         nullptr,
         &sortByKey<R, Details>,
         {"COALESCE(e.detail_1, '')", "COALESCE(e.detail_2, '')", "COALESCE(e.detail_3, '')"}},
        {"source", false, &sourceText, nullptr, &sortByKey<R, Order>, {"e.id"}},
    };
    return list;
}

EventsRecord EventsColumns::record(const ReadView& view, std::uint32_t row)
{
    const EventStore& e = *view.read->events;
    EventsRecord r;
    r.customer = e.customerId(e.customer(row));
    r.type = e.type(row);
    r.verb = e.verb(row);
    r.key = e.key(row);
    r.time = e.time(row);
    r.amountCents = e.amountCents(row);
    r.detail1 = e.detailText(e.detail(row, 0));
    r.detail2 = e.detailText(e.detail(row, 1));
    r.detail3 = e.detailText(e.detail(row, 2));
    const SourceRef source = e.source(row);
    r.file = view.fileNames[source.file];
    r.line = source.line;
    r.order = row;
    return r;
}

EventsRecord EventsColumns::record(const RowBlock& block, int row)
{
    return recordFromBlock(sqlValues(), block, row);
}

WorkspaceTable EventsColumns::workspaceTable()
{
    WorkspaceTable t;
    t.name = QStringLiteral("events");
    t.from = QStringLiteral("events e JOIN source_files f ON f.id = e.file_id "
                            "LEFT JOIN event_types et ON et.code = e.event_type "
                            "LEFT JOIN event_verbs ev ON ev.code = e.event_verb");
    t.countFrom = QStringLiteral("events e"); // ids may have gaps: no dense row numbers
    t.rowNumber = QStringLiteral("e.id");
    t.customerId = QStringLiteral("e.customer_id");
    return clv::workspaceTable(std::move(t), sqlValues(), columns());
}

} // namespace clv
