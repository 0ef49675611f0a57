#include "models/EventsTableModel.h"

#include "models/CellFormat.h"

namespace clv {

namespace {

QString details(const EventStore& e, std::uint32_t row)
{
    QStringList parts;
    for (int d = 0; d < EventStore::kDetailCount; ++d)
        if (const std::uint32_t id = e.detail(row, d); id != StringPool::kAbsent)
            parts << text(e.detailText(id));
    return parts.join(QStringLiteral(", "));
}

} // namespace

void EventsTableModel::setReadResult(std::shared_ptr<const ReadResult> read)
{
    m_read = std::move(read);
    tableReplaced();
}

QStringList EventsTableModel::columnNames() const
{
    return headers();
}

QStringList EventsTableModel::headers()
{
    return {tr("customer_id"), tr("type"), tr("verb"), tr("key"), tr("event_time"), tr("total_amount"), tr("details"),
            tr("source")};
}

QVariant EventsTableModel::cell(std::uint32_t row, int column, int role) const
{
    const EventStore& e = *m_read->events;
    if (role == Qt::TextAlignmentRole)
        return column == Amount ? numberAlignment() : QVariant();
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case Customer: return text(e.customerId(e.customer(row)));
    case Type: return text(eventTypeName(e.type(row)));
    case Verb: return text(eventVerbName(e.verb(row)));
    case Key: return text(e.key(row));
    case EventTime: return timeText(e.time(row));
    case Amount: return e.type(row) == EventType::Order ? moneyText(e.amountCents(row)) : QString();
    case Details: return details(e, row);
    case Source: {
        const SourceRef s = e.source(row);
        return QStringLiteral("%1:%2").arg(m_read->files[s.file].display).arg(s.line);
    }
    default: return {};
    }
}

ResultTableModel::RowLess EventsTableModel::rowLess(int column) const
{
    const auto r = m_read;
    if (!r)
        return {};
    const EventStore* e = r->events.get();
    switch (column) {
    case Customer: return [r, e](std::uint32_t a, std::uint32_t b) { return e->customerId(e->customer(a)) < e->customerId(e->customer(b)); };
    case Type: return [r, e](std::uint32_t a, std::uint32_t b) { return eventTypeName(e->type(a)) < eventTypeName(e->type(b)); };
    case Verb: return [r, e](std::uint32_t a, std::uint32_t b) { return eventVerbName(e->verb(a)) < eventVerbName(e->verb(b)); };
    case Key: return [r, e](std::uint32_t a, std::uint32_t b) { return e->key(a) < e->key(b); };
    case EventTime: return [r, e](std::uint32_t a, std::uint32_t b) { return e->time(a) < e->time(b); };
    case Amount: return [r, e](std::uint32_t a, std::uint32_t b) { return e->amountCents(a) < e->amountCents(b); };
    case Details: return [r, e](std::uint32_t a, std::uint32_t b) {
        for (int d = 0; d < EventStore::kDetailCount; ++d) {
            const auto x = e->detailText(e->detail(a, d));
            const auto y = e->detailText(e->detail(b, d));
            if (x != y)
                return x < y;
        }
        return false;
    };
    case Source: return [](std::uint32_t a, std::uint32_t b) { return a < b; }; // input order is source order
    default: return {};
    }
}

ResultTableModel::RowFilter EventsTableModel::customerFilter(const QString& needle) const
{
    const auto r = m_read;
    if (!r)
        return [](std::uint32_t) { return false; };
    return customerContains(needle, [r](std::uint32_t row) { return r->events->customerId(r->events->customer(row)); });
}

} // namespace clv
