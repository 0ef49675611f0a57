#pragma once

#include "models/ResultTableModel.h"
#include "tables/CellText.h"
#include "tables/TableSpec.h"

#include <memory>
#include <optional>

namespace clv {

// A table held in memory (an analysis's result tables, or a run's read result), shown
// through its column spec: MemoryTableModel<LtvColumns> is the LTV tab's model.
template <class Spec>
class MemoryTableModel final : public ResultTableModel {
public:
    using Record = typename Spec::Record;
    using Source = typename Spec::Source;

    using ResultTableModel::ResultTableModel;

    void setSource(std::shared_ptr<const Source> source)
    {
        m_source = std::move(source);
        tableReplaced();
    }
    const std::shared_ptr<const Source>& source() const { return m_source; }
    // The record shown at view row `row`.
    std::optional<Record> recordAt(int row) const
    {
        if (!m_source || row < 0 || row >= rowCount())
            return std::nullopt;
        return Spec::record(*m_source, sourceRow(row));
    }

protected:
    QStringList columnNames() const override { return columnTitles(Spec::columns()); }
    std::size_t allRows() const override { return m_source ? Spec::rowCount(*m_source) : 0; }
    QVariant cell(std::uint32_t row, int column, int role) const override
    {
        return cellData(Spec::columns(), Spec::record(*m_source, row), column, role);
    }

    OrderWork orderWork(std::size_t rows, int column, bool descending, const QString& filter) const override
    {
        const std::shared_ptr<const Source> source = m_source;
        const std::string needle = matchesOwnWay() ? filter.trimmed().toStdString()
                                                   : filter.trimmed().toLower().toStdString();
        return [source, rows, column, descending, needle]() -> Order {
            Order order;
            if (!source)
                return order;
            const RecordAt<Record> at = [&source](std::uint32_t row) { return Spec::record(*source, row); };
            order.reserve(rows);
            for (std::uint32_t r = 0; r < rows; ++r)
                if (needle.empty() || matches(at(r), needle))
                    order.push_back(r);
            const auto& columns = Spec::columns();
            if (column >= 0 && column < static_cast<int>(columns.size()))
                columns[static_cast<std::size_t>(column)].sortRows(order, at, descending);
            return order;
        };
    }

private:
    static constexpr bool matchesOwnWay()
    {
        return requires(const Record& r, std::string_view n)
        {
            Spec::matches(r, n);
        };
    }
    // A table filters by customer id (ASCII case ignored), unless its spec says otherwise.
    static bool matches(const Record& record, std::string_view needle)
    {
        if constexpr (matchesOwnWay())
            return Spec::matches(record, needle);
        else
            return containsIgnoringAsciiCase(Spec::customer(record), needle);
    }

    std::shared_ptr<const Source> m_source;
};

} // namespace clv
