#pragma once

#include <QByteArray>
#include <QVariant>

#include <string_view>
#include <vector>

namespace clv {

// Consecutive rows of a paged table, as read: row `first` of the query's order and the ones
// after it, each with the table's values (WorkspaceTable::values) in order. Text values are
// held as UTF-8 (QByteArray), as the engine holds its strings. Immutable once handed over,
// so it crosses threads as a shared_ptr<const RowBlock>.
struct RowBlock {
    qint64 first = 0;
    int columns = 0;
    std::vector<QVariant> cells; // row-major

    int rowCount() const { return columns ? static_cast<int>(cells.size() / static_cast<std::size_t>(columns)) : 0; }
    const QVariant& value(int row, int column) const
    {
        return cells[static_cast<std::size_t>(row) * static_cast<std::size_t>(columns)
                     + static_cast<std::size_t>(column)];
    }
    // A text value, valid as long as the block; empty for NULL.
    std::string_view text(int row, int column) const
    {
        const QVariant& v = value(row, column);
        if (v.typeId() != QMetaType::QByteArray)
            return {};
        const auto* bytes = static_cast<const QByteArray*>(v.constData());
        return {bytes->constData(), static_cast<std::size_t>(bytes->size())};
    }
};

} // namespace clv
