#pragma once

#include "models/TableModel.h"

#include <QFutureWatcher>

#include <functional>
#include <memory>
#include <vector>

namespace clv {

// Base of the table models: adapts an immutable result table to Qt's views without
// copying it. Cells are computed when a view asks for them. Sorting and filtering build a
// row order on the worker pool; each request carries a generation number, so that the
// answer to an older request is dropped when a newer one was made meanwhile.
class ResultTableModel : public TableModel {
    Q_OBJECT
public:
    using RowLess = std::function<bool(std::uint32_t, std::uint32_t)>;
    using RowFilter = std::function<bool(std::uint32_t)>;

    explicit ResultTableModel(QObject* parent = nullptr);
    ~ResultTableModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    void setCustomerFilter(const QString& text) override;
    QString customerFilter() const override { return m_filter; }
    // The row of the underlying table shown at view row `row`.
    std::uint32_t sourceRow(int row) const;
    qsizetype sourceRowCount() const override { return static_cast<qsizetype>(tableRows()); }
    bool isReordering() const override { return m_watcher != nullptr; }

protected:
    virtual QStringList columnNames() const = 0;
    virtual std::size_t tableRows() const = 0;
    virtual QVariant cell(std::uint32_t row, int column, int role) const = 0;
    // Built on the UI thread, run on a worker: they must hold what they read (a shared_ptr
    // to the immutable table), never `this`.
    virtual RowLess rowLess(int column) const = 0;
    virtual RowFilter customerFilter(const QString& text) const = 0;

    // Subclasses call this after replacing their table: the row order is rebuilt for the
    // sort and filter in force.
    void tableReplaced();

private:
    void rebuildOrder();

    using Order = std::shared_ptr<const std::vector<std::uint32_t>>;
    Order m_order; // null: the table's own order, all rows
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    QString m_filter;
    quint64 m_generation = 0;
    std::unique_ptr<QFutureWatcher<Order>> m_watcher;
};

} // namespace clv
