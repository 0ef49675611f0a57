#include "models/WeeklyTableModel.h"

#include "models/CellFormat.h"

namespace clv {

namespace {
double perVisit(const WeeklyTable& w, std::uint32_t row)
{
    return w.visits[row] ? double(w.amountCents[row]) / 100.0 / w.visits[row] : 0.0;
}
} // namespace

void WeeklyTableModel::setResults(std::shared_ptr<const ResultTables> results)
{
    m_results = std::move(results);
    tableReplaced();
}

QStringList WeeklyTableModel::columnNames() const
{
    return headers();
}

QStringList WeeklyTableModel::headers()
{
    return {tr("customer_id"), tr("week_id"), tr("visits_per_wk"), tr("amount_per_wk"), tr("amount_per_visit")};
}

QVariant WeeklyTableModel::cell(std::uint32_t row, int column, int role) const
{
    const WeeklyTable& w = m_results->weekly;
    if (role == Qt::TextAlignmentRole)
        return column == Customer ? QVariant() : numberAlignment();
    if (role == Qt::UserRole && column == AmountPerWeek)
        return double(w.amountCents[row]) / 100.0;
    if (role == Qt::UserRole && column == AmountPerVisit)
        return perVisit(w, row);
    if (role != Qt::DisplayRole && role != Qt::UserRole)
        return {};
    switch (column) {
    case Customer: return text(m_results->events->customerId(w.customer[row]));
    case WeekId: return w.weekId[row];
    case VisitsPerWeek: return w.visits[row];
    case AmountPerWeek: return moneyText(w.amountCents[row]);
    case AmountPerVisit: return decimalText(perVisit(w, row), 4);
    default: return {};
    }
}

ResultTableModel::RowLess WeeklyTableModel::rowLess(int column) const
{
    const auto t = m_results;
    if (!t)
        return {};
    const WeeklyTable* w = &t->weekly;
    const EventStore* e = t->events.get();
    switch (column) {
    case Customer: return [t, w, e](std::uint32_t a, std::uint32_t b) { return e->customerId(w->customer[a]) < e->customerId(w->customer[b]); };
    case WeekId: return [t, w](std::uint32_t a, std::uint32_t b) { return w->weekId[a] < w->weekId[b]; };
    case VisitsPerWeek: return [t, w](std::uint32_t a, std::uint32_t b) { return w->visits[a] < w->visits[b]; };
    case AmountPerWeek: return [t, w](std::uint32_t a, std::uint32_t b) { return w->amountCents[a] < w->amountCents[b]; };
    case AmountPerVisit: return [t, w](std::uint32_t a, std::uint32_t b) { return perVisit(*w, a) < perVisit(*w, b); };
    default: return {};
    }
}

ResultTableModel::RowFilter WeeklyTableModel::customerFilter(const QString& needle) const
{
    const auto t = m_results;
    if (!t)
        return [](std::uint32_t) { return false; };
    return customerContains(needle, [t](std::uint32_t row) { return t->events->customerId(t->weekly.customer[row]); });
}

} // namespace clv
