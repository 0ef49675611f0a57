#include "store/SharedStoreLocks.h"

#include <QSqlDriver>
#include <QSqlQuery>

namespace clv {

namespace {

// Advisory lock keys are one number per database; these two are the program's own ("CLV" in
// ASCII, then 1 and 2), unlikely to meet another application's in the same database.
constexpr qint64 kWriteLockKey = 0x434C560001;
constexpr qint64 kSchemaLockKey = 0x434C560002;

bool runLock(QSqlDatabase& db, const char* function, qint64 key, QString* error)
{
    if (!isServerConnection(db))
        return true;
    QSqlQuery q(db);
    if (q.exec(QStringLiteral("SELECT %1(%2)").arg(QLatin1String(function)).arg(key)))
        return true;
    if (error)
        *error = QStringLiteral("cannot take the workspace's lock on the server: %1").arg(q.lastError().text());
    return false;
}

} // namespace

bool isServerConnection(const QSqlDatabase& db)
{
    return db.driver() && db.driver()->dbmsType() == QSqlDriver::PostgreSQL;
}

bool lockWorkspaceForWriting(QSqlDatabase& db, QString* error)
{
    return runLock(db, "pg_advisory_xact_lock", kWriteLockKey, error);
}

bool lockWorkspaceSchema(QSqlDatabase& db, QString* error)
{
    return runLock(db, "pg_advisory_lock", kSchemaLockKey, error);
}

void unlockWorkspaceSchema(QSqlDatabase& db)
{
    runLock(db, "pg_advisory_unlock", kSchemaLockKey, nullptr);
}

bool isWriteConflict(const QSqlError& error)
{
    // SQLSTATEs, which QPSQL gives as the native error code.
    const QString state = error.nativeErrorCode();
    return state == QLatin1String("40001") || state == QLatin1String("40P01") || state == QLatin1String("23505");
}

} // namespace clv
