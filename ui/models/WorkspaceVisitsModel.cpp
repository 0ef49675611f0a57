#include "models/WorkspaceVisitsModel.h"

#include "models/CellFormat.h"
#include "models/VisitsTableModel.h"

namespace clv {

namespace {
enum Value { Customer, WeekId, VisitId, IsOrder, AmountCents, EventTime, Type }; // WorkspaceTable::visits()'s values
} // namespace

WorkspaceVisitsModel::WorkspaceVisitsModel(QObject* parent) : WorkspaceTableModel(WorkspaceTable::visits(), parent) {}

QStringList WorkspaceVisitsModel::columnNames() const { return VisitsTableModel::headers(); }

QVariant WorkspaceVisitsModel::alignment(int column) const
{
    return column == VisitsTableModel::WeekId || column == VisitsTableModel::VisitId || column == VisitsTableModel::Amount
        ? numberAlignment()
        : QVariant();
}

QVariant WorkspaceVisitsModel::cell(const RowBlock& block, int row, int column, int role) const
{
    const Cents amount = block.value(row, AmountCents).toLongLong();
    if (role == Qt::UserRole && column == VisitsTableModel::Amount)
        return double(amount) / 100.0;
    if (role != Qt::DisplayRole && role != Qt::UserRole)
        return {};
    switch (column) {
    case VisitsTableModel::Customer: return block.value(row, Customer).toString();
    case VisitsTableModel::WeekId: return block.value(row, WeekId).toInt();
    case VisitsTableModel::VisitId: return block.value(row, VisitId).toInt();
    case VisitsTableModel::IsOrder:
        return block.value(row, IsOrder).toInt() ? QStringLiteral("True") : QStringLiteral("False");
    case VisitsTableModel::Amount: return moneyText(amount);
    case VisitsTableModel::EventTime: return timeText(block.value(row, EventTime).toLongLong());
    case VisitsTableModel::Type: return text(eventTypeName(static_cast<EventType>(block.value(row, Type).toInt())));
    default: return {};
    }
}

} // namespace clv
