#include "models/ResultTableModel.h"

#include "util/ComputePool.h"

#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <numeric>

namespace clv {

ResultTableModel::ResultTableModel(QObject* parent) : TableModel(parent) {}

ResultTableModel::~ResultTableModel()
{
    if (m_watcher)
        m_watcher->waitForFinished();
}

int ResultTableModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid())
        return 0;
    const std::size_t rows = m_order ? m_order->size() : tableRows();
    return static_cast<int>(std::min<std::size_t>(rows, std::numeric_limits<int>::max()));
}

int ResultTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(columnNames().size());
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

QVariant ResultTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Horizontal)
        return columnNames().value(section);
    return section + 1;
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

void ResultTableModel::tableReplaced()
{
    beginResetModel();
    m_order.reset();
    endResetModel();
    rebuildOrder();
}

void ResultTableModel::rebuildOrder()
{
    const quint64 generation = ++m_generation;
    if (m_sortColumn < 0 && m_filter.isEmpty()) {
        if (m_watcher) {
            m_watcher.reset(); // its answer is no longer wanted
            Q_EMIT reorderingChanged(false);
        }
        if (m_order) {
            beginResetModel();
            m_order.reset();
            endResetModel();
        }
        return;
    }
    const std::size_t rows = tableRows();
    RowFilter keep = m_filter.isEmpty() ? RowFilter() : customerFilter(m_filter);
    RowLess less = m_sortColumn >= 0 ? rowLess(m_sortColumn) : RowLess();
    const bool descending = m_sortOrder == Qt::DescendingOrder;

    auto watcher = std::make_unique<QFutureWatcher<Order>>();
    connect(watcher.get(), &QFutureWatcherBase::finished, this, [this, generation] {
        if (generation != m_generation || !m_watcher)
            return;
        const Order order = m_watcher->result();
        m_watcher.reset();
        beginResetModel();
        m_order = order;
        endResetModel();
        Q_EMIT reorderingChanged(false);
    });
    watcher->setFuture(QtConcurrent::run(computePool(), [rows, keep, less, descending]() -> Order {
        auto order = std::make_shared<std::vector<std::uint32_t>>();
        order->reserve(rows);
        for (std::uint32_t r = 0; r < rows; ++r)
            if (!keep || keep(r))
                order->push_back(r);
        if (less) {
            if (descending)
                std::stable_sort(order->begin(), order->end(), [&](std::uint32_t a, std::uint32_t b) { return less(b, a); });
            else
                std::stable_sort(order->begin(), order->end(), less);
        }
        return order;
    }));
    const bool wasIdle = m_watcher == nullptr;
    if (m_watcher)
        m_watcher->disconnect(this); // superseded: its result is dropped
    m_watcher = std::move(watcher);
    if (wasIdle)
        Q_EMIT reorderingChanged(true);
}

} // namespace clv
