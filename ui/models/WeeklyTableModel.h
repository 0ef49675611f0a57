#pragma once

#include "model/ResultTables.h"
#include "models/ResultTableModel.h"

namespace clv {

// The weekly table (the seed's output_ltv_specs): one row per customer and active week.
class WeeklyTableModel : public ResultTableModel {
    Q_OBJECT
public:
    enum Column { Customer, WeekId, VisitsPerWeek, AmountPerWeek, AmountPerVisit, ColumnCount };
    // The column titles, shared with the paged model of the same table.
    static QStringList headers();

    using ResultTableModel::ResultTableModel;
    void setResults(std::shared_ptr<const ResultTables> results);

protected:
    QStringList columnNames() const override;
    std::size_t tableRows() const override { return m_results ? m_results->weekly.size() : 0; }
    QVariant cell(std::uint32_t row, int column, int role) const override;
    RowLess rowLess(int column) const override;
    RowFilter customerFilter(const QString& text) const override;

private:
    std::shared_ptr<const ResultTables> m_results;
};

} // namespace clv
