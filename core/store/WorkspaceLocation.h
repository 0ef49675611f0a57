#pragma once

#include <QSqlDatabase>
#include <QString>

namespace clv {

// Where a workspace lives, as a user names it: a file (*.clvdb, SQLite) or a database on a
// PostgreSQL server, postgresql://[USER@]HOST[:PORT]/DATABASE (postgres:// too). The address
// never holds a password: one written there would show in the process list, the shell's
// history and the recent-files list. libpq reads it from PGPASSWORD or ~/.pgpass instead, and
// the window may hand one over for its own connections (rememberServerPassword).
class WorkspaceLocation {
public:
    WorkspaceLocation() = default;

    // True when `text` names a server (by its scheme), whether or not the rest is valid.
    static bool isServerAddress(const QString& text);
    // A file path is taken as it is; a server address is checked. Invalid, with `error` in plain
    // words, for an address with a password, without a database, or with options.
    static WorkspaceLocation parse(const QString& text, QString* error = nullptr);
    // A server workspace from its parts (port 0: libpq's default, 5432; empty user: libpq's
    // default, PGUSER or the login name; empty host: the local socket).
    static WorkspaceLocation server(const QString& host, int port, const QString& database, const QString& user);

    bool isValid() const { return m_kind != Kind::Invalid; }
    bool isServer() const { return m_kind == Kind::Server; }
    QString filePath() const { return isServer() ? QString() : m_text; }
    QString host() const { return m_host; }
    int port() const { return m_port; }
    QString database() const { return m_database; }
    QString user() const { return m_user; }
    // The path, or the address in its canonical form (no password): what the program passes
    // around, shows and remembers.
    QString toString() const { return m_text; }
    // A short name for a window title: the file's name, or DATABASE on HOST.
    QString displayName() const;

private:
    enum class Kind { Invalid, File, Server };
    Kind m_kind = Kind::Invalid;
    QString m_text;
    QString m_host;
    int m_port = 0;
    QString m_database;
    QString m_user;
};

// A password typed into the window for one server address: kept in this process's memory
// for the connections it opens to that address (the jobs', the paged tables'), never written
// anywhere. An empty password forgets it.
void rememberServerPassword(const QString& address, const QString& password);

// Adds (not opens) a Qt SQL connection named `connectionName` to the workspace at `location`:
// QSQLITE on the file, or QPSQL to the server. `readOnly` asks the database to refuse writes
// on it. Invalid, with `error` set, when the driver the location needs is not installed.
QSqlDatabase addWorkspaceConnection(const WorkspaceLocation& location, const QString& connectionName, bool readOnly,
                                    QString* error);

} // namespace clv
