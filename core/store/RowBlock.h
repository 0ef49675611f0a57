#pragma once

#include <QVariant>

#include <vector>

namespace clv {

// Consecutive rows of a paged table, as read: row `first` of the query's order and the ones
// after it, each with the table's values (WorkspaceTable::values) in order. Immutable once
// handed over, so it crosses threads as a shared_ptr<const RowBlock>.
struct RowBlock {
    qint64 first = 0;
    int columns = 0;
    std::vector<QVariant> cells; // row-major

    int rowCount() const { return columns ? static_cast<int>(cells.size() / static_cast<std::size_t>(columns)) : 0; }
    const QVariant& value(int row, int column) const
    {
        return cells[static_cast<std::size_t>(row) * static_cast<std::size_t>(columns) + static_cast<std::size_t>(column)];
    }
};

} // namespace clv
