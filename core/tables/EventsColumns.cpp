#include "tables/EventsColumns.h"

namespace clv {

namespace {

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
        c::text<R>("customer_id", [](const R& r) { return r.customer; }, {}),
        c::text<R>("type", [](const R& r) { return eventTypeName(r.type); }, {}),
        c::text<R>("verb", [](const R& r) { return eventVerbName(r.verb); }, {}),
        c::text<R>("key", [](const R& r) { return r.key; }, {}),
        c::time<R>("event_time", [](const R& r) { return r.time; }, {}),
        {"total_amount", true, &amountText, nullptr, &sortByKey<R, Amount>, {}},
        {"details", false, &detailsText, nullptr, &sortByKey<R, Details>, {}},
        {"source", false, &sourceText, nullptr, &sortByKey<R, Order>, {}},
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

} // namespace clv
