#include "models/WorkspaceTableModel.h"

#include "store/WorkspacePager.h"
#include "util/JobTracker.h"

#include <algorithm>

namespace clv {

WorkspaceTableModel::WorkspaceTableModel(WorkspaceTable table, QObject* parent)
    : TableModel(parent), m_table(std::move(table))
{
}

// The tracker goes first: no answer reaches a model being destroyed; the pager then lets the
// query in flight end and closes its connection.
WorkspaceTableModel::~WorkspaceTableModel()
{
    m_jobs.reset();
    m_pager.reset();
}

void WorkspaceTableModel::setWorkspace(const QString& path)
{
    m_jobs.reset();
    m_pager.reset();
    m_path = path;
    if (path.isEmpty()) {
        beginResetModel();
        m_rows = m_totalRows = 0;
        resetFetchedRows();
        m_pages.clear();
        m_requested.clear();
        m_pending = {};
        endResetModel();
        setReloading(false);
        return;
    }
    m_pager = std::make_unique<WorkspacePager>(path, m_table);
    m_jobs = std::make_unique<JobTracker>(this, m_pager->thread());
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
    m_pending = {};
    if (!m_pager)
        return;
    m_jobs->supersede();
    setReloading(true);
    WorkspacePager* pager = m_pager.get();
    const TableQuery query = m_query;
    struct Counts {
        std::optional<std::pair<qint64, qint64>> counts;
        QString error;
    };
    m_jobs->run(
        [pager, query](const JobControl& control) {
            Counts answer;
            if (!control.isCancelled())
                answer.counts = pager->counts(query, &answer.error);
            return answer;
        },
        [this](const Counts& answer) {
            if (!answer.error.isEmpty())
                Q_EMIT readFailed(answer.error);
            m_pending.counts = answer.counts.value_or(std::pair<qint64, qint64>(0, 0));
            showPendingWhenComplete();
        });
    m_jobs->run(
        [pager, query](const JobControl& control) {
            PageAnswer answer;
            if (!control.isCancelled())
                answer.block = pager->rows(query, 0, kPageRows, &answer.error);
            return answer;
        },
        [this](const PageAnswer& answer) {
            if (!answer.error.isEmpty())
                Q_EMIT readFailed(answer.error);
            m_pending.firstPage = answer.block ? answer.block : std::make_shared<const RowBlock>();
            showPendingWhenComplete();
        });
}

void WorkspaceTableModel::setReloading(bool reloading)
{
    if (reloading == m_reloading)
        return;
    m_reloading = reloading;
    Q_EMIT reorderingChanged(reloading);
}

void WorkspaceTableModel::showPendingWhenComplete()
{
    if (!m_pending.counts || !m_pending.firstPage)
        return;
    beginResetModel();
    m_rows = m_pending.counts->first;
    m_totalRows = m_pending.counts->second;
    resetFetchedRows();
    m_shownQuery = m_query;
    m_pages.clear();
    m_requested.clear();
    storePage(m_pending.firstPage);
    m_pending = {};
    endResetModel();
    setReloading(false);
}

void WorkspaceTableModel::pageArrived(const PageAnswer& answer)
{
    if (!answer.block) {
        // A page read failed (say, the file was busy): which page is not known, so every page
        // on its way is asked for again when next in view, instead of staying blank.
        if (!answer.error.isEmpty())
            Q_EMIT readFailed(answer.error);
        m_requested.clear();
        return;
    }
    storePage(answer.block);
    const RowBlock& block = *answer.block;
    if (block.rowCount() > 0 && rowCount() > 0) {
        const int top = static_cast<int>(block.first);
        const int bottom = static_cast<int>(std::min<qint64>(block.first + block.rowCount(), rowCount())) - 1;
        if (top <= bottom)
            Q_EMIT dataChanged(index(top, 0), index(bottom, columnCount() - 1));
    }
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
    if (!m_pager || m_reloading || m_requested.count(page))
        return;
    m_requested.insert(page);
    WorkspacePager* pager = m_pager.get();
    const TableQuery query = m_shownQuery;
    auto* self = const_cast<WorkspaceTableModel*>(this); // the cache is filled as rows are shown
    m_jobs->run(
        [pager, query, page](const JobControl& control) {
            PageAnswer answer;
            if (!control.isCancelled())
                answer.block = pager->rows(query, page * kPageRows, kPageRows, &answer.error);
            return answer;
        },
        [self](const PageAnswer& answer) { self->pageArrived(answer); });
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
    return row >= 0 && row < rowCount() && cachedBlock(row, &offset);
}

QVariant WorkspaceTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    if (role == Qt::TextAlignmentRole)
        return cell(nullptr, 0, index.column(), role);
    if (role != Qt::DisplayRole && role != Qt::UserRole && role != Qt::ToolTipRole)
        return {};
    int offset = 0;
    if (const RowBlock* block = cachedBlock(index.row(), &offset))
        return cell(block, offset, index.column(), role);
    requestPage(index.row() / kPageRows);
    return {};
}

QString WorkspaceTableModel::csvCell(int row, int column) const
{
    const auto copied = m_copyPages.find(row / kPageRows);
    const RowBlock* block = copied != m_copyPages.end() ? copied->second.get() : nullptr;
    int offset = block ? static_cast<int>(row - block->first) : 0;
    if (!block)
        block = cachedBlock(row, &offset);
    if (!block || offset < 0 || offset >= block->rowCount())
        return {};
    return cell(block, offset, column, Qt::DisplayRole).toString();
}

void WorkspaceTableModel::requestCsv(const QList<int>& rows, const QList<int>& columns, const CsvOptions& csv,
                                     const CsvReady& ready)
{
    std::set<qint64> missing;
    for (int row : rows)
        if (!isRowLoaded(row))
            missing.insert(row / kPageRows);
    if (missing.empty() || !m_pager) {
        ready(toCsv(rows, columns, csv));
        return;
    }
    WorkspacePager* pager = m_pager.get();
    const TableQuery query = m_shownQuery;
    using Pages = std::map<qint64, std::shared_ptr<const RowBlock>>;
    m_jobs->run(
        [pager, query, missing](const JobControl&) {
            Pages pages;
            for (const qint64 page : missing) {
                QString error;
                pages[page] = pager->rows(query, page * kPageRows, kPageRows, &error);
            }
            return pages;
        },
        [this, rows, columns, csv, ready](const Pages& pages) {
            m_copyPages = pages;
            const QString text = toCsv(rows, columns, csv);
            m_copyPages.clear();
            ready(text);
        });
}

} // namespace clv
