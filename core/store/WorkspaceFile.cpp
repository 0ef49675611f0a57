#include "store/WorkspaceFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace clv {

namespace {
constexpr const char* kCompanions[] = {"", "-wal", "-shm", "-journal"};
} // namespace

bool copyWorkspaceSnapshot(const QString& from, const QString& to, QString* error)
{
    const QString connection = QStringLiteral("clv-snapshot-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(from);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        QString why;
        if (!db.open()) {
            why = db.lastError().text();
        } else {
            QString quoted = QFileInfo(to).absoluteFilePath();
            quoted.replace(QLatin1Char('\''), QLatin1String("''"));
            QSqlQuery q(db);
            ok = q.exec(QStringLiteral("VACUUM INTO '%1'").arg(quoted));
            if (!ok)
                why = q.lastError().text();
        }
        db.close();
        if (!ok && error)
            *error = QStringLiteral("cannot copy the workspace %1 to %2: %3")
                         .arg(QDir::toNativeSeparators(from), QDir::toNativeSeparators(to), why);
    }
    QSqlDatabase::removeDatabase(connection);
    return ok;
}

bool replaceWorkspaceFile(const QString& from, const QString& to, QString* error)
{
    for (const char* suffix : kCompanions) {
        const QString old = to + QLatin1String(suffix);
        if (QFileInfo::exists(old) && !QFile::remove(old)) {
            if (error)
                *error = QStringLiteral("cannot replace %1").arg(QDir::toNativeSeparators(old));
            return false;
        }
    }
    if (!QFile::rename(from, to)) {
        if (error)
            *error = QStringLiteral("cannot put the workspace in place at %1").arg(QDir::toNativeSeparators(to));
        return false;
    }
    return true;
}

StagedWorkspaceFile::StagedWorkspaceFile(QString target)
    : m_target(std::move(target)), m_path(m_target + QStringLiteral(".saving"))
{
    removeStaged();
}

StagedWorkspaceFile::~StagedWorkspaceFile()
{
    if (!m_committed)
        removeStaged();
}

void StagedWorkspaceFile::removeStaged() const
{
    for (const char* suffix : kCompanions)
        QFile::remove(m_path + QLatin1String(suffix));
}

bool StagedWorkspaceFile::commit(QString* error)
{
    m_committed = replaceWorkspaceFile(m_path, m_target, error);
    return m_committed;
}

} // namespace clv
