#pragma once

#include "store/RowBlock.h"
#include "store/WorkspaceTable.h"

#include <QObject>
#include <QString>
#include <QThread>

#include <atomic>
#include <memory>

namespace clv {

class WorkspaceTableReader;

// Answers a table model's questions about one workspace table — how many rows a query
// shows, and the rows of a page — on a thread of its own, so that the UI thread never waits
// for SQL. It opens its own read-only connection to the file (a Qt SQL connection belongs
// to the thread that opened it, so the connection is opened, used and closed on that
// thread). Requests carry the asker's generation number; a request older than the latest
// generation is skipped when its turn comes, and the asker drops late answers by the same
// number. Answers arrive as signals on the thread that made the pager.
class WorkspacePager : public QObject {
    Q_OBJECT
public:
    WorkspacePager(const QString& path, WorkspaceTable table, QObject* parent = nullptr);
    ~WorkspacePager() override; // waits for the query in flight, then closes the connection

    QString path() const { return m_path; }
    const WorkspaceTable& table() const { return m_table; }

    // Answered by countsReady: the rows `query` shows, and the rows without its filter.
    void requestCounts(quint64 generation, const TableQuery& query);
    // Answered by rowsReady: rows [first, first + count) of `query`'s order.
    void requestRows(quint64 generation, const TableQuery& query, qint64 first, int count);
    // For a deliberate action (copying a selection): waits for the rows on the pager's thread.
    std::shared_ptr<const RowBlock> readRows(const TableQuery& query, qint64 first, int count, QString* error);

Q_SIGNALS:
    void countsReady(quint64 generation, qint64 shown, qint64 total, const QString& error);
    void rowsReady(quint64 generation, std::shared_ptr<const clv::RowBlock> block, const QString& error);

private:
    bool isStale(quint64 generation) const { return generation < m_latest.load(); }
    void noteGeneration(quint64 generation);
    // On the pager's thread.
    const WorkspaceTableReader* reader(QString* error);
    void closeConnection();

    const QString m_path;
    const WorkspaceTable m_table;
    const QString m_connection;
    std::atomic<quint64> m_latest{0};
    QThread m_thread;
    QObject* m_worker; // lives on m_thread: the context of every request
    std::unique_ptr<WorkspaceTableReader> m_reader; // touched on m_thread only
    QString m_openError;                            // likewise
};

} // namespace clv
