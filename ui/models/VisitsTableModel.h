#pragma once

#include "model/ResultTables.h"
#include "models/ResultTableModel.h"

namespace clv {

// The visits table (the seed's output_t1), one row per event, with the event's time and type.
class VisitsTableModel : public ResultTableModel {
    Q_OBJECT
public:
    enum Column { Customer, WeekId, VisitId, IsOrder, Amount, EventTime, Type, ColumnCount };
    // The column titles, shared with the paged model of the same table.
    static QStringList headers();

    using ResultTableModel::ResultTableModel;
    void setResults(std::shared_ptr<const ResultTables> results);

protected:
    QStringList columnNames() const override;
    std::size_t tableRows() const override { return m_results ? m_results->visits.size() : 0; }
    QVariant cell(std::uint32_t row, int column, int role) const override;
    RowLess rowLess(int column) const override;
    RowFilter customerFilter(const QString& text) const override;

private:
    std::shared_ptr<const ResultTables> m_results;
};

} // namespace clv
