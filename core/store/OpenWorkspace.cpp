#include "store/OpenWorkspace.h"

#include <QAtomicInteger>
#include <QSqlError>

namespace clv {

namespace {

QString serverConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("clv-server-workspace-%1").arg(counter.fetchAndAddRelaxed(1));
}

std::unique_ptr<Workspace> openOnServer(const WorkspaceLocation& location, QString* error, WorkspaceOpenMode mode,
                                        WorkspaceOpenFailure* failure)
{
    // A server that cannot be reached is a workspace that cannot be written (--workspace) or
    // read (--from-workspace), as a file would be.
    const WorkspaceOpenFailure unreachable = mode != WorkspaceOpenMode::ExistingOnly ? WorkspaceOpenFailure::Unwritable
                                                                                     : WorkspaceOpenFailure::Refused;
    const QString connection = serverConnectionName();
    QString why;
    bool opened = false;
    {
        QSqlDatabase db = addWorkspaceConnection(location, connection, false, &why);
        if (db.isValid()) {
            opened = db.open();
            if (!opened)
                why = QStringLiteral("cannot connect to the server: %1").arg(db.lastError().text().trimmed());
        }
    }
    if (opened)
        return Workspace::attach(connection, error, mode, failure, location.toString());
    if (QSqlDatabase::contains(connection))
        QSqlDatabase::removeDatabase(connection);
    if (error)
        *error = QStringLiteral("cannot open the workspace %1: %2").arg(location.toString(), why);
    if (failure)
        *failure = unreachable;
    return nullptr;
}

} // namespace

std::unique_ptr<Workspace> openWorkspace(const QString& location, QString* error, WorkspaceOpenMode mode,
                                         WorkspaceOpenFailure* failure)
{
    QString why;
    const WorkspaceLocation parsed = WorkspaceLocation::parse(location, &why);
    if (!parsed.isValid()) {
        if (error)
            *error = QStringLiteral("cannot open the workspace: %1").arg(why);
        if (failure)
            *failure = WorkspaceOpenFailure::Refused;
        return nullptr;
    }
    if (parsed.isServer())
        return openOnServer(parsed, error, mode, failure);
    return Workspace::open(parsed.filePath(), error, mode, failure);
}

} // namespace clv
