#include "store/WorkspacePager.h"

#include "store/WorkspaceLocation.h"
#include "store/WorkspaceTableReader.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QUuid>

namespace clv {

WorkspacePager::WorkspacePager(const QString& path, WorkspaceTable table)
    : m_path(path), m_table(std::move(table)),
      m_connection(QStringLiteral("clv-pager-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    m_thread.setMaxThreadCount(1);
    m_thread.setExpiryTimeout(-1); // one thread for the connection's whole life
    m_thread.setObjectName(QStringLiteral("clv-pager-") + m_table.name);
}

WorkspacePager::~WorkspacePager()
{
    m_thread.clear();
    m_thread.start([this] { closeConnection(); });
    m_thread.waitForDone();
}

const WorkspaceTableReader* WorkspacePager::reader(QString* error)
{
    if (m_reader)
        return m_reader.get();
    if (m_openError.isEmpty()) {
        // Read-only: the pager never writes. A path or a server address, as the session has it.
        QString why;
        QSqlDatabase db = addWorkspaceConnection(WorkspaceLocation::parse(m_path, &why), m_connection, true, &why);
        if (db.isValid() && db.open())
            m_reader = std::make_unique<WorkspaceTableReader>(db, m_table);
        else
            m_openError = QStringLiteral("cannot read the workspace %1: %2")
                              .arg(m_path, db.isValid() ? db.lastError().text() : why);
    }
    if (!m_reader && error)
        *error = m_openError;
    return m_reader.get();
}

void WorkspacePager::closeConnection()
{
    m_reader.reset();
    if (QSqlDatabase::contains(m_connection)) {
        QSqlDatabase::database(m_connection, false).close();
        QSqlDatabase::removeDatabase(m_connection);
    }
}

std::optional<std::pair<qint64, qint64>> WorkspacePager::counts(const TableQuery& query, QString* error)
{
    const WorkspaceTableReader* r = reader(error);
    if (!r)
        return std::nullopt;
    const std::optional<qint64> shown = r->count(query, error);
    if (!shown)
        return std::nullopt;
    qint64 total = *shown;
    if (!query.customerFilter.trimmed().isEmpty()) {
        TableQuery unfiltered = query;
        unfiltered.customerFilter.clear();
        const std::optional<qint64> all = r->count(unfiltered, error);
        if (!all)
            return std::nullopt;
        total = *all;
    }
    return std::pair(*shown, total);
}

std::shared_ptr<const RowBlock> WorkspacePager::rows(const TableQuery& query, qint64 first, int count, QString* error)
{
    const WorkspaceTableReader* r = reader(error);
    return r ? r->rows(query, first, count, error) : nullptr;
}

} // namespace clv
