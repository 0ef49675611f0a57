#pragma once

#include <QSqlDatabase>
#include <QSqlError>
#include <QString>

namespace clv {

// How clients sharing one workspace on a PostgreSQL server keep out of each other's way. The
// program assigns ids itself (the largest stored id plus one, read at the start of a write),
// so two writers must not both read the same largest id: every write transaction first takes
// one transaction-level advisory lock, which the server releases at commit or rollback, also
// when the client dies. Under READ COMMITTED each later statement then sees what the previous
// holder committed: its ids, its file hashes. Readers take no lock. SQLite needs none of this
// (one writer at a time holds the whole file), so on SQLite these do nothing.

// True when `db` is a connection to a PostgreSQL server.
bool isServerConnection(const QSqlDatabase& db);

// Inside a write transaction: waits until no other client writes to the workspace. False,
// with `error` set, when the server refuses (a lost connection, say).
bool lockWorkspaceForWriting(QSqlDatabase& db, QString* error);

// Around a schema check and update, which runs before any transaction of ours: a session
// lock, so that two clients opening an empty database at once do not both create the tables.
bool lockWorkspaceSchema(QSqlDatabase& db, QString* error);
void unlockWorkspaceSchema(QSqlDatabase& db);

// A write that lost to another client's (a serialization failure, a deadlock, or a unique
// key another transaction took): worth trying again from the start.
bool isWriteConflict(const QSqlError& error);

} // namespace clv
