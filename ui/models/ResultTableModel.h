#pragma once

#include "models/TableModel.h"
#include "util/JobTracker.h"

#include <functional>
#include <memory>
#include <vector>

namespace clv {

// Base of the memory models: adapts an immutable result table to Qt's views without copying
// it. Cells are computed when a view asks for them. Sorting and filtering build a row order
// on the worker pool (a JobTracker job), so that only the latest request's order is shown;
// a new order reaches the views from its first rows again, as the views scroll (TableModel).
class ResultTableModel : public TableModel {
    Q_OBJECT
public:
    using Order = std::vector<std::uint32_t>;
    // Builds the row order on a worker: it must hold what it reads (a shared_ptr to the
    // immutable table), never the model.
    using OrderWork = std::function<Order()>;

    explicit ResultTableModel(QObject* parent = nullptr);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    void setCustomerFilter(const QString& text) override;
    QString customerFilter() const override { return m_filter; }
    // The row of the underlying table shown at view row `row`.
    std::uint32_t sourceRow(int row) const;
    qsizetype sourceRowCount() const override { return static_cast<qsizetype>(tableRows()); }
    qsizetype orderedRowCount() const override { return static_cast<qsizetype>(orderRows()); }
    bool isReordering() const override { return m_jobs.isRunning(); }
    // Shows only the first `limit` rows of the table (the top X); 0 shows all.
    void setRowLimit(int limit);

protected:
    virtual std::size_t allRows() const = 0;
    virtual QVariant cell(std::uint32_t row, int column, int role) const = 0;
    // The order of rows [0, rows) for a sort column (-1: none) and a filter (empty: none).
    virtual OrderWork orderWork(std::size_t rows, int column, bool descending, const QString& filter) const = 0;

    // Subclasses call this after replacing their table: the row order is rebuilt for the
    // sort and filter in force.
    void tableReplaced();

private:
    std::size_t tableRows() const;
    std::size_t orderRows() const { return m_order ? m_order->size() : tableRows(); }
    void rebuildOrder();
    void showOrder(std::shared_ptr<const Order> order);

    std::shared_ptr<const Order> m_order; // null: the table's own order, all rows
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    QString m_filter;
    int m_rowLimit = 0;
    JobTracker m_jobs;
};

} // namespace clv
