#include "models/WorkspaceLtvModel.h"

#include "models/CellFormat.h"
#include "models/LtvTableModel.h"

namespace clv {

namespace {
// The places of WorkspaceTable::ltv()'s values.
enum Value { Rank, Customer, Ltv, Visits, Orders, TotalCents, WeeksObserved, FirstEvent, LastEvent, LastName, City, State };
} // namespace

WorkspaceLtvModel::WorkspaceLtvModel(QObject* parent) : WorkspaceTableModel(WorkspaceTable::ltv(), parent) {}

QStringList WorkspaceLtvModel::columnNames() const { return LtvTableModel::headers(); }

qint64 WorkspaceLtvModel::rankAt(int row) const
{
    int offset = 0;
    const RowBlock* block = cachedBlock(row, &offset);
    return block ? block->value(offset, Rank).toLongLong() : 0;
}

QVariant WorkspaceLtvModel::alignment(int column) const
{
    return column == LtvTableModel::Customer || column >= LtvTableModel::FirstEvent ? QVariant() : numberAlignment();
}

// As LtvTableModel::cell, from the stored columns: the ratios are derived the same way.
QVariant WorkspaceLtvModel::cell(const RowBlock& block, int row, int column, int role) const
{
    const auto v = [&](Value value) { return block.value(row, value); };
    const int visits = v(Visits).toInt();
    const int weeks = v(WeeksObserved).toInt();
    const Cents total = v(TotalCents).toLongLong();
    if (role == Qt::UserRole) {
        switch (column) {
        case LtvTableModel::Ltv: return v(Ltv).toDouble();
        case LtvTableModel::TotalSpend: return double(total) / 100.0;
        default: break;
        }
    }
    if (role != Qt::DisplayRole && role != Qt::UserRole)
        return {};
    switch (column) {
    case LtvTableModel::Rank: return v(Rank).toLongLong();
    case LtvTableModel::Customer: return v(Customer).toString();
    case LtvTableModel::Ltv: return decimalText(v(Ltv).toDouble());
    case LtvTableModel::Visits: return visits;
    case LtvTableModel::Orders: return v(Orders).toInt();
    case LtvTableModel::TotalSpend: return moneyText(total);
    case LtvTableModel::SpendPerVisit: return decimalText(visits ? double(total) / 100.0 / visits : 0.0);
    case LtvTableModel::VisitsPerWeek: return decimalText(weeks ? double(visits) / weeks : 0.0, 3);
    case LtvTableModel::WeeksObserved: return weeks;
    case LtvTableModel::FirstEvent: return timeText(v(FirstEvent).toLongLong());
    case LtvTableModel::LastEvent: return timeText(v(LastEvent).toLongLong());
    case LtvTableModel::LastName: return v(LastName).toString();
    case LtvTableModel::City: return v(City).toString();
    case LtvTableModel::State: return v(State).toString();
    default: return {};
    }
}

} // namespace clv
