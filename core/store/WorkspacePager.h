#pragma once

#include "store/RowBlock.h"
#include "store/WorkspaceTable.h"

#include <QString>
#include <QThreadPool>

#include <memory>
#include <optional>

namespace clv {

class WorkspaceTableReader;

// One workspace table read over a read-only connection of its own, on a thread of its own
// (a Qt SQL connection belongs to the thread that opened it, so it is opened, used and closed
// there). `path` is a WorkspaceLocation: a file, or a database on a PostgreSQL server. Its questions — how many rows a
// query shows, the rows of a page — are asked by jobs run on thread() (a JobTracker over it), so that the UI thread
// never waits for SQL.
class WorkspacePager {
public:
    WorkspacePager(const QString& path, WorkspaceTable table);
    // Drops the questions not yet begun, lets the one in flight end, closes the connection.
    ~WorkspacePager();
    WorkspacePager(const WorkspacePager&) = delete;
    WorkspacePager& operator=(const WorkspacePager&) = delete;

    QString path() const { return m_path; }
    const WorkspaceTable& table() const { return m_table; }
    // The pager's thread, as a pool of one thread that never ends while the pager lives.
    QThreadPool* thread() { return &m_thread; }

    // Only in a job on thread(). The rows `query` shows and the rows without its filter.
    std::optional<std::pair<qint64, qint64>> counts(const TableQuery& query, QString* error);
    // Only in a job on thread(). Rows [first, first + count) of `query`'s order.
    std::shared_ptr<const RowBlock> rows(const TableQuery& query, qint64 first, int count, QString* error);

private:
    const WorkspaceTableReader* reader(QString* error);
    void closeConnection();

    const QString m_path;
    const WorkspaceTable m_table;
    const QString m_connection;
    std::unique_ptr<WorkspaceTableReader> m_reader; // touched on m_thread only
    QString m_openError;                            // likewise
    QThreadPool m_thread;
};

} // namespace clv
