#include "models/WorkspaceEventsModel.h"

#include "models/CellFormat.h"
#include "models/EventsTableModel.h"

namespace clv {

namespace {
// WorkspaceTable::events()'s values.
enum Value { Customer, Type, Verb, Key, EventTime, AmountCents, Detail1, Detail2, Detail3, FileName, Line };
} // namespace

WorkspaceEventsModel::WorkspaceEventsModel(QObject* parent) : WorkspaceTableModel(WorkspaceTable::events(), parent) {}

QStringList WorkspaceEventsModel::columnNames() const { return EventsTableModel::headers(); }

QVariant WorkspaceEventsModel::alignment(int column) const
{
    return column == EventsTableModel::Amount ? numberAlignment() : QVariant();
}

QVariant WorkspaceEventsModel::cell(const RowBlock& block, int row, int column, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    const auto type = static_cast<EventType>(block.value(row, Type).toInt());
    switch (column) {
    case EventsTableModel::Customer: return block.value(row, Customer).toString();
    case EventsTableModel::Type: return text(eventTypeName(type));
    case EventsTableModel::Verb: return text(eventVerbName(static_cast<EventVerb>(block.value(row, Verb).toInt())));
    case EventsTableModel::Key: return block.value(row, Key).toString();
    case EventsTableModel::EventTime: return timeText(block.value(row, EventTime).toLongLong());
    case EventsTableModel::Amount:
        return type == EventType::Order ? moneyText(block.value(row, AmountCents).toLongLong()) : QString();
    case EventsTableModel::Details: {
        QStringList parts; // an absent detail is NULL, and left out as the memory table does
        for (Value d : {Detail1, Detail2, Detail3})
            if (const QVariant& value = block.value(row, d); !value.isNull())
                parts << value.toString();
        return parts.join(QStringLiteral(", "));
    }
    case EventsTableModel::Source:
        return QStringLiteral("%1:%2").arg(block.value(row, FileName).toString()).arg(block.value(row, Line).toLongLong());
    default: return {};
    }
}

} // namespace clv
