#include "models/ResultTableModel.h"

#include <algorithm>

namespace clv {

ResultTableModel::ResultTableModel(QObject* parent) : TableModel(parent), m_jobs(this)
{
}

std::size_t ResultTableModel::tableRows() const
{
    const std::size_t rows = allRows();
    return m_rowLimit > 0 ? std::min(rows, static_cast<std::size_t>(m_rowLimit)) : rows;
}

std::uint32_t ResultTableModel::sourceRow(int row) const
{
    return m_order ? (*m_order)[static_cast<std::size_t>(row)] : static_cast<std::uint32_t>(row);
}

QVariant ResultTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    return cell(sourceRow(index.row()), index.column(), role);
}

void ResultTableModel::sort(int column, Qt::SortOrder order)
{
    if (column == m_sortColumn && order == m_sortOrder)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    rebuildOrder();
}

void ResultTableModel::setCustomerFilter(const QString& text)
{
    if (text == m_filter)
        return;
    m_filter = text;
    rebuildOrder();
}

void ResultTableModel::setRowLimit(int limit)
{
    if (limit == m_rowLimit)
        return;
    m_rowLimit = limit;
    tableReplaced();
}

void ResultTableModel::tableReplaced()
{
    beginResetModel();
    m_order.reset();
    resetFetchedRows();
    endResetModel();
    rebuildOrder();
}

void ResultTableModel::showOrder(std::shared_ptr<const Order> order)
{
    if (order || m_order) {
        beginResetModel();
        m_order = std::move(order);
        resetFetchedRows();
        endResetModel();
    }
}

void ResultTableModel::rebuildOrder()
{
    const bool wasBusy = m_jobs.isRunning();
    if (m_sortColumn < 0 && m_filter.isEmpty()) {
        m_jobs.supersede(); // an order on its way is no longer wanted
        showOrder(nullptr);
        if (wasBusy)
            Q_EMIT reorderingChanged(false);
        return;
    }
    OrderWork work = orderWork(tableRows(), m_sortColumn, m_sortOrder == Qt::DescendingOrder, m_filter);
    m_jobs.start([work](const JobControl&) { return std::make_shared<const Order>(work()); },
                 [this](std::shared_ptr<const Order> order) {
                     showOrder(std::move(order));
                     Q_EMIT reorderingChanged(false);
                 });
    if (!wasBusy)
        Q_EMIT reorderingChanged(true);
}

} // namespace clv
