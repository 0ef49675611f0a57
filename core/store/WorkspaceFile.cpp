#include "store/WorkspaceFile.h"

#include "store/SideFiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <fcntl.h>
#include <unistd.h>

namespace clv {

namespace {
constexpr const char* kCompanions[] = {"", "-wal", "-shm", "-journal"};

// Asks the kernel to put a file's (or a folder's) content on the disk now.
bool syncToDisk(const QString& path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    return synced;
}
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

namespace {

constexpr auto kStagingInfix = ".saving-";

// TARGET.saving-PID-XXXXXX: two programs building the same new workspace at once each
// build their own and put it in place whole, the later one winning.
QString stagingPath(const QString& target)
{
    static const char letters[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    QString tail;
    for (int i = 0; i < 6; ++i)
        tail += QLatin1Char(letters[QRandomGenerator::global()->bounded(int(sizeof letters) - 1)]);
    return sideFilePrefix(target, QLatin1String(kStagingInfix)) + tail;
}

} // namespace

StagedWorkspaceFile::StagedWorkspaceFile(QString target) : m_target(std::move(target)), m_path(stagingPath(m_target))
{
    // What a killed build left behind (and the single TARGET.saving of earlier versions).
    removeSideFilesOfEndedProcesses(m_target, QLatin1String(kStagingInfix));
    for (const char* suffix : kCompanions)
        QFile::remove(m_target + QStringLiteral(".saving") + QLatin1String(suffix));
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
    // The staging was written without syncing (WorkspaceOpenMode::Staging): its content goes to
    // the disk before its name does, so that a power cut cannot leave a half-written workspace.
    if (!syncToDisk(m_path)) {
        if (error)
            *error = QStringLiteral("cannot write the workspace %1 to the disk").arg(QDir::toNativeSeparators(m_path));
        return false;
    }
    m_committed = replaceWorkspaceFile(m_path, m_target, error);
    if (m_committed)
        syncToDisk(QFileInfo(m_target).absolutePath()); // the rename; a folder that refuses costs nothing worse
    return m_committed;
}

} // namespace clv
