#pragma once

#include "model/ResultTables.h"
#include "models/ResultTableModel.h"

namespace clv {

// The ltv table: one row per customer with LTV and the figures behind it.
class LtvTableModel : public ResultTableModel {
    Q_OBJECT
public:
    enum Column { Rank, Customer, Ltv, Visits, Orders, TotalSpend, SpendPerVisit, VisitsPerWeek, WeeksObserved,
                  FirstEvent, LastEvent, LastName, City, State, ColumnCount };
    // The column titles, shared with the paged model of the same table.
    static QStringList headers();

    using ResultTableModel::ResultTableModel;
    void setResults(std::shared_ptr<const ResultTables> results);
    std::shared_ptr<const ResultTables> results() const { return m_results; }
    // The customer (interned id) shown at view row `row`.
    std::uint32_t customerAt(int row) const;
    // Shows only the first `limit` rows of the ltv table (the top X); 0 shows all.
    void setRowLimit(int limit);

protected:
    QStringList columnNames() const override;
    std::size_t tableRows() const override;
    QVariant cell(std::uint32_t row, int column, int role) const override;
    RowLess rowLess(int column) const override;
    RowFilter customerFilter(const QString& text) const override;

private:
    std::shared_ptr<const ResultTables> m_results;
    int m_rowLimit = 0;
};

} // namespace clv
