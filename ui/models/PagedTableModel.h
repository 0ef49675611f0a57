#pragma once

#include "models/WorkspaceTableModel.h"
#include "tables/TableSpec.h"

#include <optional>

namespace clv {

// A table paged from a workspace, shown through its column spec: PagedTableModel<LtvColumns>
// shows the stored ltv table with the memory model's columns, text and sort rules.
template <class Spec>
class PagedTableModel final : public WorkspaceTableModel {
public:
    using Record = typename Spec::Record;

    explicit PagedTableModel(QObject* parent = nullptr) : WorkspaceTableModel(Spec::workspaceTable(), parent) {}

    // The record shown at view row `row`, if its page is in the cache.
    std::optional<Record> recordAt(int row) const
    {
        int offset = 0;
        const RowBlock* block = row >= 0 && row < rowCount() ? cachedBlock(row, &offset) : nullptr;
        return block ? std::optional(Spec::record(*block, offset)) : std::nullopt;
    }

protected:
    QStringList columnNames() const override { return columnTitles(Spec::columns()); }
    QVariant cell(const RowBlock* block, int row, int column, int role) const override
    {
        return cellData(Spec::columns(), block ? Spec::record(*block, row) : Record{}, column, role);
    }
};

} // namespace clv
