#include "models/WorkspaceWeeklyModel.h"

#include "models/CellFormat.h"
#include "models/WeeklyTableModel.h"

namespace clv {

namespace {
enum Value { Customer, WeekId, Visits, AmountCents }; // WorkspaceTable::weekly()'s values
} // namespace

WorkspaceWeeklyModel::WorkspaceWeeklyModel(QObject* parent) : WorkspaceTableModel(WorkspaceTable::weekly(), parent) {}

QStringList WorkspaceWeeklyModel::columnNames() const { return WeeklyTableModel::headers(); }

QVariant WorkspaceWeeklyModel::alignment(int column) const
{
    return column == WeeklyTableModel::Customer ? QVariant() : numberAlignment();
}

QVariant WorkspaceWeeklyModel::cell(const RowBlock& block, int row, int column, int role) const
{
    const int visits = block.value(row, Visits).toInt();
    const Cents amount = block.value(row, AmountCents).toLongLong();
    const double perVisit = visits ? double(amount) / 100.0 / visits : 0.0;
    if (role == Qt::UserRole && column == WeeklyTableModel::AmountPerWeek)
        return double(amount) / 100.0;
    if (role == Qt::UserRole && column == WeeklyTableModel::AmountPerVisit)
        return perVisit;
    if (role != Qt::DisplayRole && role != Qt::UserRole)
        return {};
    switch (column) {
    case WeeklyTableModel::Customer: return block.value(row, Customer).toString();
    case WeeklyTableModel::WeekId: return block.value(row, WeekId).toInt();
    case WeeklyTableModel::VisitsPerWeek: return visits;
    case WeeklyTableModel::AmountPerWeek: return moneyText(amount);
    case WeeklyTableModel::AmountPerVisit: return decimalText(perVisit, 4);
    default: return {};
    }
}

} // namespace clv
