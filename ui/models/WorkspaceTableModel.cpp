#include "models/WorkspaceTableModel.h"

#include "export/CsvField.h"
#include "store/WorkspacePager.h"

#include <algorithm>
#include <limits>
#include <map>

namespace clv {

WorkspaceTableModel::WorkspaceTableModel(WorkspaceTable table, QObject* parent)
    : TableModel(parent), m_table(std::move(table))
{
}

WorkspaceTableModel::~WorkspaceTableModel() = default;

void WorkspaceTableModel::setWorkspace(const QString& path)
{
    m_pager.reset();
    m_path = path;
    if (path.isEmpty()) {
        ++m_generation;
        beginResetModel();
        m_rows = m_totalRows = 0;
        m_pages.clear();
        m_requested.clear();
        m_shownGeneration = m_generation;
        endResetModel();
        setBusy(false);
        return;
    }
    m_pager = std::make_unique<WorkspacePager>(path, m_table);
    connect(m_pager.get(), &WorkspacePager::countsReady, this, &WorkspaceTableModel::countsArrived);
    connect(m_pager.get(), &WorkspacePager::rowsReady, this, &WorkspaceTableModel::rowsArrived);
    reload();
}

void WorkspaceTableModel::setRowLimit(int limit)
{
    if (limit == m_query.rowLimit)
        return;
    m_query.rowLimit = limit;
    reload();
}

void WorkspaceTableModel::sort(int column, Qt::SortOrder order)
{
    const bool descending = order == Qt::DescendingOrder;
    if (column == m_query.sortColumn && descending == m_query.descending)
        return;
    m_query.sortColumn = column;
    m_query.descending = descending;
    reload();
}

void WorkspaceTableModel::setCustomerFilter(const QString& text)
{
    if (text == m_filter)
        return;
    m_filter = text;
    m_query.customerFilter = text;
    reload();
}

// The count and the first page are asked for together: a view that fits its columns to
// the first rows when the model resets finds them in place.
void WorkspaceTableModel::reload()
{
    const quint64 generation = ++m_generation;
    m_pending = {};
    if (!m_pager)
        return;
    m_pager->requestCounts(generation, m_query);
    m_pager->requestRows(generation, m_query, 0, kPageRows);
    setBusy(true);
}

void WorkspaceTableModel::setBusy(bool busy)
{
    if (busy == m_busy)
        return;
    m_busy = busy;
    Q_EMIT reorderingChanged(busy);
}

void WorkspaceTableModel::countsArrived(quint64 generation, qint64 shown, qint64 total, const QString& error)
{
    if (generation != m_generation)
        return;
    if (!error.isEmpty())
        Q_EMIT readFailed(error);
    m_pending.counts = std::pair(shown, total);
    showPendingWhenComplete();
}

void WorkspaceTableModel::rowsArrived(quint64 generation, std::shared_ptr<const RowBlock> block, const QString& error)
{
    if (!error.isEmpty() && generation == m_generation)
        Q_EMIT readFailed(error);
    if (generation == m_generation && generation != m_shownGeneration) {
        if (!m_pending.firstPage) {
            m_pending.firstPage = block ? block : std::make_shared<const RowBlock>();
            showPendingWhenComplete();
        }
        return;
    }
    if (generation == m_shownGeneration && !block) {
        // A page read failed (say, the file was busy): which page is not known, so every page
        // on its way is asked for again when next in view, instead of staying blank.
        m_requested.clear();
        return;
    }
    if (generation != m_shownGeneration || !block)
        return; // an answer to a sort, filter or file no longer shown
    storePage(block);
    if (block->rowCount() > 0 && m_rows > 0) {
        const int top = static_cast<int>(block->first);
        const int bottom = static_cast<int>(std::min<qint64>(block->first + block->rowCount(), m_rows)) - 1;
        if (top <= bottom)
            Q_EMIT dataChanged(index(top, 0), index(bottom, columnCount() - 1));
    }
}

void WorkspaceTableModel::showPendingWhenComplete()
{
    if (!m_pending.counts || !m_pending.firstPage)
        return;
    beginResetModel();
    m_rows = m_pending.counts->first;
    m_totalRows = m_pending.counts->second;
    m_shownQuery = m_query;
    m_shownGeneration = m_generation;
    m_pages.clear();
    m_requested.clear();
    storePage(m_pending.firstPage);
    m_pending = {};
    endResetModel();
    setBusy(false);
}

void WorkspaceTableModel::storePage(std::shared_ptr<const RowBlock> block) const
{
    const qint64 page = block->first / kPageRows;
    m_requested.erase(page);
    m_pages[page] = {std::move(block), ++m_useClock};
    if (m_pages.size() <= kCachedPages)
        return;
    auto oldest = m_pages.begin();
    for (auto it = m_pages.begin(); it != m_pages.end(); ++it)
        if (it->second.lastUse < oldest->second.lastUse)
            oldest = it;
    m_pages.erase(oldest);
}

void WorkspaceTableModel::requestPage(qint64 page) const
{
    // While a new sort or filter is on its way, the shown order's missing pages are not asked
    // for: the new rows replace them in a moment.
    if (!m_pager || m_generation != m_shownGeneration || m_requested.count(page))
        return;
    m_requested.insert(page);
    m_pager->requestRows(m_shownGeneration, m_shownQuery, page * kPageRows, kPageRows);
}

const RowBlock* WorkspaceTableModel::cachedBlock(int row, int* rowInBlock) const
{
    const auto it = m_pages.find(row / kPageRows);
    if (it == m_pages.end())
        return nullptr;
    const RowBlock& block = *it->second.block;
    const qint64 offset = row - block.first;
    if (offset < 0 || offset >= block.rowCount())
        return nullptr;
    it->second.lastUse = ++m_useClock;
    *rowInBlock = static_cast<int>(offset);
    return &block;
}

bool WorkspaceTableModel::isRowLoaded(int row) const
{
    int offset = 0;
    return row >= 0 && row < m_rows && cachedBlock(row, &offset);
}

int WorkspaceTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(std::min<qint64>(m_rows, std::numeric_limits<int>::max()));
}

int WorkspaceTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(columnNames().size());
}

QVariant WorkspaceTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    if (role == Qt::TextAlignmentRole)
        return alignment(index.column());
    if (role != Qt::DisplayRole && role != Qt::UserRole && role != Qt::ToolTipRole)
        return {};
    int offset = 0;
    if (const RowBlock* block = cachedBlock(index.row(), &offset))
        return cell(*block, offset, index.column(), role);
    requestPage(index.row() / kPageRows);
    return {};
}

QVariant WorkspaceTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Horizontal)
        return columnNames().value(section);
    return section + 1;
}

QString WorkspaceTableModel::toCsv(const QList<int>& rows, const QList<int>& columns) const
{
    // The pages the rows fall on, each read once: from the cache, or from the file.
    std::map<qint64, std::shared_ptr<const RowBlock>> pages;
    for (int row : rows) {
        const qint64 page = row / kPageRows;
        if (pages.count(page))
            continue;
        const auto cached = m_pages.find(page);
        if (cached != m_pages.end()) {
            pages[page] = cached->second.block;
        } else if (m_pager) {
            QString error;
            pages[page] = m_pager->readRows(m_shownQuery, page * kPageRows, kPageRows, &error);
        }
    }
    std::string text;
    const QStringList names = columnNames();
    for (int c = 0; c < columns.size(); ++c) {
        if (c)
            text += ',';
        appendCsvField(text, names.value(columns[c]).toStdString());
    }
    text += '\n';
    for (int row : rows) {
        const auto& block = pages[row / kPageRows];
        const qint64 offset = block ? row - block->first : -1;
        const bool present = block && offset >= 0 && offset < block->rowCount();
        for (int c = 0; c < columns.size(); ++c) {
            if (c)
                text += ',';
            if (present)
                appendCsvField(text, cell(*block, static_cast<int>(offset), columns[c], Qt::DisplayRole).toString().toStdString());
        }
        text += '\n';
    }
    return QString::fromStdString(text);
}

} // namespace clv
