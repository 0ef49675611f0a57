#include "store/ScratchTable.h"

#include "store/SideFiles.h"

#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryFile>
#include <QVariant>

#include <atomic>

namespace clv {

namespace {

constexpr auto kSchema = "clv_scratch";

// The workspace file of a SQLite connection; empty for any other database.
QString workspaceFile(const QSqlDatabase& db)
{
    QString file = db.databaseName();
    if (db.driverName() != QLatin1String("QSQLITE") || file.isEmpty() || file.startsWith(QLatin1Char(':')))
        return {};
    return file;
}

constexpr auto kScratchInfix = "-scratch-";

// A connection name no other connection of the process has.
QString uniqueConnectionName()
{
    static std::atomic<int> counter{0};
    return QStringLiteral("clv-scratch-%1").arg(++counter);
}

// Opens the scratch file with no journal and no syncing: it is thrown away after use, and a
// crash leaves nothing in the workspace that depends on it.
bool openScratch(QSqlDatabase& db, const QString& path)
{
    db.setDatabaseName(path);
    if (!db.open())
        return false;
    QSqlQuery q(db);
    for (const char* pragma : {"PRAGMA page_size=65536", "PRAGMA journal_mode=OFF", "PRAGMA synchronous=OFF"})
        if (!q.exec(QString::fromLatin1(pragma)))
            return false;
    return true;
}

// Runs `work` with a connection to `path` of its own, made and removed on the calling thread.
template <typename Work>
bool withScratchConnection(const QString& path, QString* error, Work work)
{
    const QString name = uniqueConnectionName();
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        ok = openScratch(db, path) && work(db);
        if (!ok && error && error->isEmpty())
            *error = db.lastError().text();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

} // namespace

ScratchTable::~ScratchTable()
{
    detach();
}

void ScratchTable::removeLeftovers(const QSqlDatabase& db)
{
    const QString file = workspaceFile(db);
    if (!file.isEmpty())
        removeSideFilesOfEndedProcesses(file, QLatin1String(kScratchInfix));
}

bool ScratchTable::attach(const QSqlDatabase& db, const QString& table)
{
    const QString file = workspaceFile(db);
    if (file.isEmpty())
        return false;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT sql FROM main.sqlite_schema WHERE type = 'table' AND name = ?"));
    q.addBindValue(table);
    if (!q.exec() || !q.next())
        return false;
    const QString definition = q.value(0).toString();
    q.finish();

    // The name is taken by an empty file (an empty SQLite database) until the table is made.
    QTemporaryFile reserved(sideFilePrefix(file, QLatin1String(kScratchInfix)) + QLatin1String("XXXXXX"));
    reserved.setAutoRemove(false);
    if (!reserved.open())
        return false;
    const QString path = reserved.fileName();
    reserved.close();
    const bool made = withScratchConnection(path, nullptr,
                                            [&](QSqlDatabase& scratch) { return QSqlQuery(scratch).exec(definition); });
    q.prepare(QStringLiteral("ATTACH DATABASE ? AS %1").arg(QLatin1String(kSchema)));
    q.addBindValue(path);
    if (!made || !q.exec()) {
        QFile::remove(path);
        return false;
    }
    m_db = db;
    m_table = table;
    m_path = path;
    return true;
}

void ScratchTable::start(Fill fill)
{
    m_thread = std::thread([this, fill = std::move(fill)] {
        m_fillError.clear();
        m_filled = withScratchConnection(m_path, &m_fillError, [&](QSqlDatabase& scratch) {
            if (!scratch.transaction())
                return false;
            if (!fill(scratch, &m_fillError)) {
                scratch.rollback();
                return false;
            }
            return scratch.commit();
        });
    });
}

bool ScratchTable::moveInto(QString* error)
{
    if (m_thread.joinable())
        m_thread.join();
    if (!m_filled) {
        if (error)
            *error = m_fillError;
        return false;
    }
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("INSERT INTO main.%1 SELECT * FROM %2.%1").arg(m_table, QLatin1String(kSchema)))) {
        if (error)
            *error = q.lastError().text();
        return false;
    }
    return true;
}

void ScratchTable::detach()
{
    if (m_thread.joinable())
        m_thread.join();
    if (m_path.isEmpty())
        return;
    QSqlQuery(m_db).exec(QStringLiteral("DETACH DATABASE %1").arg(QLatin1String(kSchema)));
    QFile::remove(m_path);
    m_path.clear();
}

} // namespace clv
