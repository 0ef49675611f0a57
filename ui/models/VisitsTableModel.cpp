#include "models/VisitsTableModel.h"

#include "models/CellFormat.h"

namespace clv {

void VisitsTableModel::setResults(std::shared_ptr<const ResultTables> results)
{
    m_results = std::move(results);
    tableReplaced();
}

QStringList VisitsTableModel::columnNames() const
{
    return headers();
}

QStringList VisitsTableModel::headers()
{
    return {tr("customer_id"), tr("week_id"), tr("visit_id"), tr("isOrderType"), tr("amount"), tr("event_time"),
            tr("type")};
}

QVariant VisitsTableModel::cell(std::uint32_t row, int column, int role) const
{
    const VisitsTable& v = m_results->visits;
    const EventStore& events = *m_results->events;
    if (role == Qt::TextAlignmentRole)
        return column == WeekId || column == VisitId || column == Amount ? numberAlignment() : QVariant();
    if (role == Qt::UserRole && column == Amount)
        return double(v.amountCents[row]) / 100.0;
    if (role != Qt::DisplayRole && role != Qt::UserRole)
        return {};
    switch (column) {
    case Customer: return text(events.customerId(v.customer[row]));
    case WeekId: return v.weekId[row];
    case VisitId: return v.visitId[row];
    case IsOrder: return v.isOrder[row] ? QStringLiteral("True") : QStringLiteral("False");
    case Amount: return moneyText(v.amountCents[row]);
    case EventTime: return timeText(events.time(v.event[row]));
    case Type: return text(eventTypeName(events.type(v.event[row])));
    default: return {};
    }
}

ResultTableModel::RowLess VisitsTableModel::rowLess(int column) const
{
    const auto t = m_results;
    if (!t)
        return {};
    const VisitsTable* v = &t->visits;
    const EventStore* e = t->events.get();
    switch (column) {
    case Customer: return [t, v, e](std::uint32_t a, std::uint32_t b) { return e->customerId(v->customer[a]) < e->customerId(v->customer[b]); };
    case WeekId: return [t, v](std::uint32_t a, std::uint32_t b) { return v->weekId[a] < v->weekId[b]; };
    case VisitId: return [t, v](std::uint32_t a, std::uint32_t b) { return v->visitId[a] < v->visitId[b]; };
    case IsOrder: return [t, v](std::uint32_t a, std::uint32_t b) { return v->isOrder[a] < v->isOrder[b]; };
    case Amount: return [t, v](std::uint32_t a, std::uint32_t b) { return v->amountCents[a] < v->amountCents[b]; };
    case EventTime: return [t, v, e](std::uint32_t a, std::uint32_t b) { return e->time(v->event[a]) < e->time(v->event[b]); };
    case Type: return [t, v, e](std::uint32_t a, std::uint32_t b) { return eventTypeName(e->type(v->event[a])) < eventTypeName(e->type(v->event[b])); };
    default: return {};
    }
}

ResultTableModel::RowFilter VisitsTableModel::customerFilter(const QString& needle) const
{
    const auto t = m_results;
    if (!t)
        return [](std::uint32_t) { return false; };
    return customerContains(needle, [t](std::uint32_t row) { return t->events->customerId(t->visits.customer[row]); });
}

} // namespace clv
