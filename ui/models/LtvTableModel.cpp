#include "models/LtvTableModel.h"

#include "models/CellFormat.h"

namespace clv {

void LtvTableModel::setResults(std::shared_ptr<const ResultTables> results)
{
    m_results = std::move(results);
    tableReplaced();
}

void LtvTableModel::setRowLimit(int limit)
{
    if (limit == m_rowLimit)
        return;
    m_rowLimit = limit;
    tableReplaced();
}

std::size_t LtvTableModel::tableRows() const
{
    const std::size_t rows = m_results ? m_results->ltv.size() : 0;
    return m_rowLimit > 0 ? std::min(rows, static_cast<std::size_t>(m_rowLimit)) : rows;
}

std::uint32_t LtvTableModel::customerAt(int row) const
{
    return m_results->ltv[sourceRow(row)].customer;
}

QStringList LtvTableModel::columnNames() const
{
    return headers();
}

QStringList LtvTableModel::headers()
{
    return {tr("Rank"), tr("customer_id"), tr("customer_ltv"), tr("Visits"), tr("Orders"), tr("Total spend"),
            tr("Spend / visit"), tr("Visits / week"), tr("Weeks observed"), tr("First event"), tr("Last event"),
            tr("last_name"), tr("City"), tr("State")};
}

QVariant LtvTableModel::cell(std::uint32_t row, int column, int role) const
{
    const LtvRow& r = m_results->ltv[row];
    const EventStore& events = *m_results->events;
    if (role == Qt::TextAlignmentRole)
        return column == Customer || column >= FirstEvent ? QVariant() : numberAlignment();
    if (role == Qt::UserRole) {
        switch (column) {
        case Ltv: return r.ltv;
        case TotalSpend: return double(r.totalCents) / 100.0;
        default: break;
        }
    }
    if (role != Qt::DisplayRole && role != Qt::UserRole)
        return {};
    switch (column) {
    case Rank: return static_cast<qlonglong>(row) + 1;
    case Customer: return text(events.customerId(r.customer));
    case Ltv: return decimalText(r.ltv);
    case Visits: return r.visits;
    case Orders: return r.orders;
    case TotalSpend: return moneyText(r.totalCents);
    case SpendPerVisit: return decimalText(r.spendPerVisit());
    case VisitsPerWeek: return decimalText(r.visitsPerWeek(), 3);
    case WeeksObserved: return r.weeksObserved;
    case FirstEvent: return timeText(r.firstEvent);
    case LastEvent: return timeText(r.lastEvent);
    case LastName: return text(events.detailText(r.lastName));
    case City: return text(events.detailText(r.city));
    case State: return text(events.detailText(r.state));
    default: return {};
    }
}

ResultTableModel::RowLess LtvTableModel::rowLess(int column) const
{
    const auto t = m_results;
    if (!t)
        return {};
    auto by = [t](auto key) { return [t, key](std::uint32_t a, std::uint32_t b) { return key(t->ltv[a]) < key(t->ltv[b]); }; };
    const EventStore* e = t->events.get();
    switch (column) {
    case Rank: return [](std::uint32_t a, std::uint32_t b) { return a < b; };
    case Customer: return by([e](const LtvRow& r) { return e->customerId(r.customer); });
    case Ltv: return by([](const LtvRow& r) { return r.ltv; });
    case Visits: return by([](const LtvRow& r) { return r.visits; });
    case Orders: return by([](const LtvRow& r) { return r.orders; });
    case TotalSpend: return by([](const LtvRow& r) { return r.totalCents; });
    case SpendPerVisit: return by([](const LtvRow& r) { return r.spendPerVisit(); });
    case VisitsPerWeek: return by([](const LtvRow& r) { return r.visitsPerWeek(); });
    case WeeksObserved: return by([](const LtvRow& r) { return r.weeksObserved; });
    case FirstEvent: return by([](const LtvRow& r) { return r.firstEvent; });
    case LastEvent: return by([](const LtvRow& r) { return r.lastEvent; });
    case LastName: return by([e](const LtvRow& r) { return e->detailText(r.lastName); });
    case City: return by([e](const LtvRow& r) { return e->detailText(r.city); });
    case State: return by([e](const LtvRow& r) { return e->detailText(r.state); });
    default: return {};
    }
}

ResultTableModel::RowFilter LtvTableModel::customerFilter(const QString& needle) const
{
    const auto t = m_results;
    if (!t)
        return [](std::uint32_t) { return false; };
    return customerContains(needle, [t](std::uint32_t row) { return t->events->customerId(t->ltv[row].customer); });
}

} // namespace clv
