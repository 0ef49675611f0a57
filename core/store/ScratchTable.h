#pragma once

#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <thread>

namespace clv {

// Part of a big table's rows, written on a second thread while the workspace's own thread
// writes the rest, then appended to the workspace's table in one INSERT … SELECT.
//
// A SQLite connection writes on one thread only, and saving results was one thread inserting
// millions of rows while the other core idled. Here the rows are inserted on a thread of their
// own into a scratch file beside the workspace (same schema, no journal), which the workspace's
// connection has attached. SQLite copies rows between tables of the same shape record by
// record without decoding them (its transfer optimisation): moving them in costs about a third
// of inserting them.
//
// Order of use: attach() before the caller's transaction (SQLite attaches outside one only),
// start(), the caller's transaction with moveInto() in it, then the destructor (or detach())
// after the transaction has ended. The caller's transaction must be deferred (a plain BEGIN):
// an immediate one would lock the scratch file against the filling thread.
class ScratchTable {
public:
    // Fills the scratch table through `scratch`, a connection of the filling thread, inside
    // a transaction of its own. False with `error` set when it failed or was cancelled.
    using Fill = std::function<bool(QSqlDatabase& scratch, QString* error)>;

    ScratchTable() = default;
    ~ScratchTable();
    ScratchTable(const ScratchTable&) = delete;
    ScratchTable& operator=(const ScratchTable&) = delete;

    // Makes an empty scratch file beside `db`'s file with `table` as `db` defines it, and
    // attaches it to `db`. False (and nothing left behind) when `db` is not a SQLite file or
    // the scratch cannot be made: the caller then writes every row itself.
    bool attach(const QSqlDatabase& db, const QString& table);

    // Removes the scratch files beside `db`'s file that a process no longer running left
    // there (killed while saving): a scratch is named after its process, and one whose
    // process still runs may be in use.
    static void removeLeftovers(const QSqlDatabase& db);
    bool isAttached() const { return !m_path.isEmpty(); }

    // Starts `fill` on the scratch's own thread.
    void start(Fill fill);

    // Waits for the fill and appends its rows to the workspace's table, inside the caller's
    // transaction. False with `error` set when the fill or the copy failed.
    bool moveInto(QString* error);

    // Waits for the fill, detaches the scratch and removes its file.
    void detach();

private:
    QSqlDatabase m_db;
    QString m_table;
    QString m_path;
    std::thread m_thread;
    bool m_filled = false;
    QString m_fillError;
};

} // namespace clv
