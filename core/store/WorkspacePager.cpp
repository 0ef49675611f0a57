#include "store/WorkspacePager.h"

#include "store/WorkspaceTableReader.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QUuid>

#include <limits>

namespace clv {

WorkspacePager::WorkspacePager(const QString& path, WorkspaceTable table, QObject* parent)
    : QObject(parent), m_path(path), m_table(std::move(table)),
      m_connection(QStringLiteral("clv-pager-") + QUuid::createUuid().toString(QUuid::WithoutBraces)),
      m_worker(new QObject)
{
    m_thread.setObjectName(QStringLiteral("clv-pager-") + m_table.name);
    m_worker->moveToThread(&m_thread);
    m_thread.start();
}

WorkspacePager::~WorkspacePager()
{
    m_latest = std::numeric_limits<quint64>::max(); // whatever is still queued is skipped
    QMetaObject::invokeMethod(m_worker, [this] { closeConnection(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    delete m_worker;
}

void WorkspacePager::noteGeneration(quint64 generation)
{
    quint64 latest = m_latest.load();
    while (generation > latest && !m_latest.compare_exchange_weak(latest, generation)) {
    }
}

const WorkspaceTableReader* WorkspacePager::reader(QString* error)
{
    if (m_reader)
        return m_reader.get();
    if (m_openError.isEmpty()) {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
        db.setDatabaseName(m_path);
        // Read-only: the pager never writes, and a busy writer (a save in progress) makes it
        // wait a little rather than fail at once.
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        if (db.open())
            m_reader = std::make_unique<WorkspaceTableReader>(db, m_table);
        else
            m_openError = QStringLiteral("cannot read the workspace %1: %2").arg(m_path, db.lastError().text());
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

void WorkspacePager::requestCounts(quint64 generation, const TableQuery& query)
{
    noteGeneration(generation);
    QMetaObject::invokeMethod(m_worker, [this, generation, query] {
        if (isStale(generation))
            return;
        QString error;
        qint64 shown = 0;
        qint64 total = 0;
        if (const WorkspaceTableReader* r = reader(&error)) {
            const std::optional<qint64> counted = r->count(query, &error);
            shown = counted.value_or(0);
            total = shown;
            if (counted && !query.customerFilter.trimmed().isEmpty()) {
                TableQuery unfiltered = query;
                unfiltered.customerFilter.clear();
                total = r->count(unfiltered, &error).value_or(0);
            }
        }
        QMetaObject::invokeMethod(this, [this, generation, shown, total, error] {
            Q_EMIT countsReady(generation, shown, total, error);
        }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void WorkspacePager::requestRows(quint64 generation, const TableQuery& query, qint64 first, int count)
{
    noteGeneration(generation);
    QMetaObject::invokeMethod(m_worker, [this, generation, query, first, count] {
        if (isStale(generation))
            return;
        QString error;
        std::shared_ptr<const RowBlock> block;
        if (const WorkspaceTableReader* r = reader(&error))
            block = r->rows(query, first, count, &error);
        QMetaObject::invokeMethod(this, [this, generation, block, error] {
            Q_EMIT rowsReady(generation, block, error);
        }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

std::shared_ptr<const RowBlock> WorkspacePager::readRows(const TableQuery& query, qint64 first, int count,
                                                         QString* error)
{
    std::shared_ptr<const RowBlock> block;
    QString why;
    QMetaObject::invokeMethod(m_worker, [&] {
        if (const WorkspaceTableReader* r = reader(&why))
            block = r->rows(query, first, count, &why);
    }, Qt::BlockingQueuedConnection);
    if (!block && error)
        *error = why;
    return block;
}

} // namespace clv
