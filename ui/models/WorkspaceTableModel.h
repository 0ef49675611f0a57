#pragma once

#include "models/TableModel.h"
#include "store/RowBlock.h"
#include "store/WorkspaceTable.h"

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <unordered_map>

namespace clv {

class JobTracker;
class WorkspacePager;

// Base of the models that page a table from a workspace file instead of holding it: the
// row count comes from a COUNT query, and cells from a cache of pages of kPageRows rows
// (the kCachedPages used last). A page not in the cache is asked of the pager's thread (a
// JobTracker job) and shown when it arrives (dataChanged); data() never waits for SQL. A new
// sort, filter or file supersedes the jobs before it: the rows shown stay on screen until
// the new count and first page are in, and older answers are dropped.
class WorkspaceTableModel : public TableModel {
    Q_OBJECT
public:
    static constexpr int kPageRows = 256;
    static constexpr int kCachedPages = 48;

    explicit WorkspaceTableModel(WorkspaceTable table, QObject* parent = nullptr);
    ~WorkspaceTableModel() override;

    // Reads the table from the workspace at `path`, over a new connection (after a save the
    // file at that path may be another one). Empty: no workspace, no rows.
    void setWorkspace(const QString& path);
    QString workspacePath() const { return m_path; }
    // Shows only the first `limit` rows of the stored order (the top X); 0 shows all.
    void setRowLimit(int limit);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    void setCustomerFilter(const QString& text) override;
    QString customerFilter() const override { return m_filter; }
    qsizetype sourceRowCount() const override { return static_cast<qsizetype>(m_totalRows); }
    qsizetype orderedRowCount() const override { return static_cast<qsizetype>(m_rows); }
    bool isReordering() const override { return m_reloading; }
    // Rows whose pages are not cached are read first, on the pager's thread.
    void requestCsv(const QList<int>& rows, const QList<int>& columns, const CsvOptions& csv,
                    const CsvReady& ready) override;

    // Whether the cells of view row `row` are in the cache (a view shows them at once).
    bool isRowLoaded(int row) const;

Q_SIGNALS:
    // The workspace could not be read. A page that failed is asked for again when next in
    // view; counts that failed leave the table empty rather than showing numbers not read.
    void readFailed(const QString& message);

protected:
    // The cell at `column` of row `row` of `block` (values as WorkspaceTable::values); a
    // null block asks for what needs no row (the alignment).
    virtual QVariant cell(const RowBlock* block, int row, int column, int role) const = 0;
    // The cached block holding view row `row` and the row's place in it; null if not cached.
    const RowBlock* cachedBlock(int row, int* rowInBlock) const;
    QString csvCell(int row, int column) const override;

private:
    struct CachedPage {
        std::shared_ptr<const RowBlock> block;
        quint64 lastUse = 0;
    };
    struct Pending {                                     // what a new query waits for before it replaces the shown rows
        std::optional<std::pair<qint64, qint64>> counts; // shown, total
        std::shared_ptr<const RowBlock> firstPage;
    };
    struct PageAnswer {
        std::shared_ptr<const RowBlock> block;
        QString error;
    };

    void reload();
    void requestPage(qint64 page) const;
    void storePage(std::shared_ptr<const RowBlock> block) const;
    void pageArrived(const PageAnswer& answer);
    void showPendingWhenComplete();
    void setReloading(bool reloading);

    const WorkspaceTable m_table;
    std::unique_ptr<WorkspacePager> m_pager;
    std::unique_ptr<JobTracker> m_jobs; // over the pager's thread
    QString m_path;
    QString m_filter;
    TableQuery m_query;      // the newest sort and filter asked for
    TableQuery m_shownQuery; // the one whose rows are shown
    Pending m_pending;
    bool m_reloading = false;
    qint64 m_rows = 0;
    qint64 m_totalRows = 0;
    mutable std::unordered_map<qint64, CachedPage> m_pages;
    mutable std::set<qint64> m_requested;
    mutable quint64 m_useClock = 0;
    // Pages read for a copy, on their way to CSV text.
    std::map<qint64, std::shared_ptr<const RowBlock>> m_copyPages;
};

} // namespace clv
