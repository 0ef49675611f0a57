#include "store/WorkspaceLocation.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QUrl>

namespace clv {

namespace {

constexpr char kSqliteDriver[] = "QSQLITE";
constexpr char kPostgresDriver[] = "QPSQL";

QString canonicalAddress(const QString& host, int port, const QString& database, const QString& user)
{
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setHost(host);
    if (port > 0)
        url.setPort(port);
    if (!user.isEmpty())
        url.setUserName(user);
    url.setPath(QLatin1Char('/') + database);
    // An empty host (the local socket) still needs the authority's slashes.
    return host.isEmpty() ? QStringLiteral("postgresql://%1%2/%3")
                                .arg(user.isEmpty() ? QString() : user + QLatin1Char('@'),
                                     port > 0 ? QStringLiteral(":%1").arg(port) : QString(), database)
                          : url.toString(QUrl::FullyEncoded);
}

struct PasswordMemory {
    QMutex mutex;
    QHash<QString, QString> byAddress;
};

PasswordMemory& passwords()
{
    static PasswordMemory memory;
    return memory;
}

QString rememberedPassword(const QString& address)
{
    PasswordMemory& memory = passwords();
    const QMutexLocker lock(&memory.mutex);
    return memory.byAddress.value(address);
}

} // namespace

bool WorkspaceLocation::isServerAddress(const QString& text)
{
    const QString t = text.trimmed();
    return t.startsWith(QLatin1String("postgresql://"), Qt::CaseInsensitive)
        || t.startsWith(QLatin1String("postgres://"), Qt::CaseInsensitive);
}

WorkspaceLocation WorkspaceLocation::parse(const QString& text, QString* error)
{
    WorkspaceLocation location;
    if (!isServerAddress(text)) {
        if (text.isEmpty()) {
            if (error)
                *error = QStringLiteral("no workspace named");
            return location;
        }
        location.m_kind = Kind::File;
        location.m_text = text;
        return location;
    }
    auto refuse = [&](const QString& why) {
        if (error)
            *error = QStringLiteral("the server address %1 %2").arg(text.trimmed(), why);
        return WorkspaceLocation();
    };
    // Looked for before QUrl parses the address, whose error messages quote it whole. "USER:@HOST"
    // has an empty password, and is refused all the same.
    const QString authority = text.trimmed().section(QLatin1String("//"), 1).section(QLatin1Char('/'), 0, 0);
    const QString userInfo = authority.contains(QLatin1Char('@')) ? authority.section(QLatin1Char('@'), 0, -2)
                                                                  : QString();
    if (userInfo.contains(QLatin1Char(':'))) {
        // Not repeated in the message: it would land in logs and terminals' scrollback.
        if (error)
            *error = QStringLiteral("the server address holds a password; a password is never taken from an "
                                    "address or the command line (it would show in the list of processes and in "
                                    "the shell's history): put it in the PGPASSWORD environment variable or in "
                                    "~/.pgpass, and write the address as postgresql://USER@HOST:PORT/DATABASE");
        return location;
    }
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid())
        return refuse(QStringLiteral("is not a valid address (%1)").arg(url.errorString()));
    if (url.hasQuery() || url.hasFragment())
        return refuse(QStringLiteral("has options after ? or #, which are not read; libpq's environment variables "
                                     "(PGSSLMODE, PGCONNECT_TIMEOUT, ...) set them instead"));
    const QString database = url.path(QUrl::FullyDecoded).mid(1);
    if (database.isEmpty() || database.contains(QLatin1Char('/')))
        return refuse(QStringLiteral("names no database: write it as postgresql://USER@HOST:PORT/DATABASE"));
    location.m_kind = Kind::Server;
    location.m_host = url.host(QUrl::FullyDecoded);
    location.m_port = std::max(url.port(), 0);
    location.m_database = database;
    location.m_user = url.userName(QUrl::FullyDecoded);
    location.m_text = canonicalAddress(location.m_host, location.m_port, database, location.m_user);
    return location;
}

WorkspaceLocation WorkspaceLocation::server(const QString& host, int port, const QString& database, const QString& user)
{
    return parse(canonicalAddress(host.trimmed(), port, database.trimmed(), user.trimmed()));
}

QString WorkspaceLocation::displayName() const
{
    if (!isServer())
        return QFileInfo(m_text).fileName();
    return QStringLiteral("%1 on %2").arg(m_database, m_host.isEmpty() ? QStringLiteral("the local server") : m_host);
}

void rememberServerPassword(const QString& address, const QString& password)
{
    PasswordMemory& memory = passwords();
    const QMutexLocker lock(&memory.mutex);
    if (password.isEmpty())
        memory.byAddress.remove(address);
    else
        memory.byAddress.insert(address, password);
}

QSqlDatabase addWorkspaceConnection(const WorkspaceLocation& location, const QString& connectionName, bool readOnly,
                                    QString* error)
{
    if (!location.isServer()) {
        if (!QSqlDatabase::isDriverAvailable(QLatin1String(kSqliteDriver))) {
            if (error)
                *error = QStringLiteral("Qt's SQLite driver (QSQLITE) is not installed");
            return {};
        }
        QSqlDatabase db = QSqlDatabase::addDatabase(QLatin1String(kSqliteDriver), connectionName);
        db.setDatabaseName(location.filePath());
        // A reader waits a little for a busy writer (a save in progress) rather than fail at once.
        if (readOnly)
            db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        return db;
    }
    if (!QSqlDatabase::isDriverAvailable(QLatin1String(kPostgresDriver))) {
        if (error)
            *error = QStringLiteral("Qt's PostgreSQL driver (QPSQL) is not installed (on Debian: the package "
                                    "libqt6sql6-psql)");
        return {};
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QLatin1String(kPostgresDriver), connectionName);
    db.setHostName(location.host());
    if (location.port() > 0)
        db.setPort(location.port());
    db.setDatabaseName(location.database());
    db.setUserName(location.user());
    // Without a password here libpq looks in PGPASSWORD and ~/.pgpass, as psql does.
    db.setPassword(rememberedPassword(location.toString()));
    // A server that does not answer is reported within seconds rather than after the
    // operating system's TCP timeout.
    QString options = QStringLiteral("connect_timeout=10");
    if (readOnly)
        options += QStringLiteral(";options=-cdefault_transaction_read_only=on");
    db.setConnectOptions(options);
    return db;
}

} // namespace clv
