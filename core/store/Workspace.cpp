#include "store/Workspace.h"

#include "store/ScratchTable.h"
#include "store/SharedStoreLocks.h"
#include "store/StoredEventsLoader.h"
#include "store/StoredResults.h"
#include "store/WorkspaceSchema.h"
#include "util/BackgroundPriority.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

#include <numeric>

namespace clv {

namespace {

constexpr char kSqliteDriver[] = "QSQLITE";
constexpr char kSqliteMagic[] = "SQLite format 3"; // 16 bytes with its terminating zero

// Each instance has a connection of its own, so workspaces on several threads never share one.
QString uniqueConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("clv-workspace-%1").arg(counter.fetchAndAddRelaxed(1));
}

// A file that is not empty must start with SQLite's magic bytes. Checked before SQLite sees
// the file, so that nothing — not even a journal — is written next to a stranger's file.
bool looksLikeSqlite(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    return file.read(16) == QByteArray(kSqliteMagic, 16);
}

// SQLite pragmas, on this connection only: they have no meaning on a PostgreSQL store.
// WAL keeps the last committed state readable while a write is under way and makes a
// killed write vanish on the next open; NORMAL syncs at checkpoints, which WAL makes safe
// against corruption (a power cut may lose the last commit, never the file). The bigger page
// cache keeps a large ingest from spilling to the WAL page by page, and the size limit stops a
// long session from keeping a WAL as large as its biggest ingest once it is checkpointed.
// A new file gets 64 KiB pages: a workspace is mostly compressed blocks of a few MB, stored as
// chains of overflow pages, and with 4 KiB pages ingesting the benchmark file took 3.4–3.9 s
// against 2.8 s (the same 306 MB file). An existing file keeps its page size (the pragma
// changes nothing once a database has content).
// A staging file has no reader to keep a state for and nothing to lose to a kill but itself:
// its journal stays in memory (for rollbacks) and nothing is synced until it is put in place.
// WAL wrote every page twice (into the log, then into the file at its checkpoints): building
// the benchmark workspace so took 5.5–6.0 s against 4.6–5.0 s.
bool configureSqlite(QSqlDatabase& db, bool staging, QString* error)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA page_size=65536"))) {
        *error = q.lastError().text();
        return false;
    }
    const char* journal = staging ? "memory" : "wal";
    if (!q.exec(QStringLiteral("PRAGMA journal_mode=%1").arg(QLatin1String(journal))) || !q.next()
        || q.value(0).toString().compare(QLatin1String(journal), Qt::CaseInsensitive) != 0) {
        *error = q.lastError().isValid() ? q.lastError().text()
                                         : QStringLiteral("the file system refuses SQLite's write-ahead log");
        return false;
    }
    q.finish();
    for (const char* pragma :
         {staging ? "PRAGMA synchronous=OFF" : "PRAGMA synchronous=NORMAL", "PRAGMA cache_size=-65536",
          "PRAGMA temp_store=MEMORY", "PRAGMA journal_size_limit=67108864"})
        if (!q.exec(QString::fromLatin1(pragma))) {
            *error = q.lastError().text();
            return false;
        }
    return true;
}

} // namespace

Workspace::Workspace(QString path, QString connection)
    : m_path(std::move(path)), m_connection(std::move(connection)), m_thread(QThread::currentThread())
{
}

Workspace::~Workspace()
{
    assertOwnerThread();
    // Hashes no one will write: those not started are dropped (the pool waits for the others).
    if (m_laterHashes)
        m_laterHashes->clear();
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

QSqlDatabase Workspace::database() const
{
    assertOwnerThread();
    return QSqlDatabase::database(m_connection, false);
}

std::unique_ptr<Workspace> Workspace::open(const QString& path, QString* error, WorkspaceOpenMode mode,
                                           WorkspaceOpenFailure* failure)
{
    QString message;
    WorkspaceOpenFailure kind = WorkspaceOpenFailure::None;
    auto refuse = [&](WorkspaceOpenFailure why, const QString& text) {
        kind = why;
        message = QStringLiteral("cannot open the workspace %1: %2").arg(QDir::toNativeSeparators(path), text);
    };

    const QFileInfo info(path);
    const bool existed = info.exists();
    if (existed && info.isDir()) {
        refuse(WorkspaceOpenFailure::Refused, QStringLiteral("it is a folder"));
    } else if (!existed && mode == WorkspaceOpenMode::ExistingOnly) {
        refuse(WorkspaceOpenFailure::Missing, QStringLiteral("no such file"));
    } else if (!existed && !QFileInfo(info.absolutePath()).isDir()) {
        refuse(WorkspaceOpenFailure::Unwritable,
               QStringLiteral("%1 is not a folder that a file can be created in")
                   .arg(QDir::toNativeSeparators(info.absolutePath())));
    } else if (existed && info.size() > 0 && !looksLikeSqlite(path)) {
        refuse(WorkspaceOpenFailure::Refused,
               QStringLiteral(
                   "it is not a CLV Studio workspace (not an SQLite database); the file was left as it was"));
    } else if (!QSqlDatabase::isDriverAvailable(QLatin1String(kSqliteDriver))) {
        refuse(WorkspaceOpenFailure::Refused, QStringLiteral("Qt's SQLite driver (QSQLITE) is not installed"));
    }
    if (kind != WorkspaceOpenFailure::None) {
        if (error)
            *error = message;
        if (failure)
            *failure = kind;
        return nullptr;
    }

    std::unique_ptr<Workspace> workspace(new Workspace(info.absoluteFilePath(), uniqueConnectionName()));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QLatin1String(kSqliteDriver), workspace->m_connection);
        db.setDatabaseName(workspace->m_path);
        QString why;
        if (!db.open()) {
            refuse(existed ? WorkspaceOpenFailure::Refused : WorkspaceOpenFailure::Unwritable, db.lastError().text());
        } else {
            // A read of the schema is the first thing SQLite does with the file's pages: a
            // damaged or foreign file fails here, before anything could be written to it.
            QSqlQuery probe(db);
            if (!probe.exec(QStringLiteral("SELECT COUNT(*) FROM sqlite_master")) || !probe.next()) {
                refuse(WorkspaceOpenFailure::Refused,
                       QStringLiteral("it is damaged or not an SQLite database (%1); the file was left as it was")
                           .arg(probe.lastError().text()));
            } else {
                probe.finish();
                const int version = WorkspaceSchema::storedVersion(db, &why);
                if (version < 0)
                    refuse(WorkspaceOpenFailure::Refused, why);
                else if (version > WorkspaceSchema::kCurrentVersion)
                    refuse(WorkspaceOpenFailure::Refused, WorkspaceSchema::newerVersionMessage(version));
                else if (!configureSqlite(db, mode == WorkspaceOpenMode::Staging, &why))
                    refuse(WorkspaceOpenFailure::Unwritable, why);
                else if (!WorkspaceSchema::upgrade(db, WorkspaceSchema::steps(), WorkspaceSchema::kCurrentVersion,
                                                   &why))
                    refuse(version == 0 ? WorkspaceOpenFailure::Unwritable : WorkspaceOpenFailure::Refused, why);
                else
                    workspace->m_schemaVersion = WorkspaceSchema::kCurrentVersion;
                if (mode == WorkspaceOpenMode::Staging) {
                    workspace->m_laterHashes = std::make_unique<QThreadPool>();
                    workspace->m_laterHashes->setMaxThreadCount(1);
                    runAtBackgroundPriority(*workspace->m_laterHashes);
                }
            }
        }
    }
    if (kind == WorkspaceOpenFailure::None)
        return workspace;

    workspace.reset(); // closes the connection before a file we created is taken away
    if (!existed) {
        QFile::remove(path);
        QFile::remove(path + QLatin1String("-wal"));
        QFile::remove(path + QLatin1String("-shm"));
    }
    if (error)
        *error = message;
    if (failure)
        *failure = kind;
    return nullptr;
}

std::unique_ptr<Workspace> Workspace::attach(const QString& connectionName, QString* error, WorkspaceOpenMode mode,
                                             WorkspaceOpenFailure* failure, const QString& location)
{
    QString name = location;
    QString why;
    WorkspaceOpenFailure kind = WorkspaceOpenFailure::Refused;
    bool onServer = false;
    int version = -1;
    {
        QSqlDatabase db = QSqlDatabase::database(connectionName, false);
        if (name.isEmpty())
            name = db.databaseName();
        onServer = isServerConnection(db);
        if (!db.isOpen()) {
            why = QStringLiteral("the connection is not open");
        } else if (lockWorkspaceSchema(db, &why)) {
            version = WorkspaceSchema::storedVersion(db, &why);
            if (version > WorkspaceSchema::kCurrentVersion) {
                why = WorkspaceSchema::newerVersionMessage(version);
                version = -1;
            } else if (version == 0 && mode == WorkspaceOpenMode::ExistingOnly) {
                kind = WorkspaceOpenFailure::Missing;
                why = QStringLiteral("the database holds no workspace yet (clv-etl --workspace ADDRESS INPUT... "
                                     "creates one)");
                version = -1;
            } else if (version >= 0
                       && !WorkspaceSchema::upgrade(db, WorkspaceSchema::steps(), WorkspaceSchema::kCurrentVersion,
                                                    &why)) {
                kind = version == 0 ? WorkspaceOpenFailure::Unwritable : WorkspaceOpenFailure::Refused;
                version = -1;
            }
            unlockWorkspaceSchema(db);
        }
    } // no handle of ours outlives this block, so the workspace can remove the connection
    std::unique_ptr<Workspace> workspace(new Workspace(name, connectionName));
    if (version >= 0) {
        workspace->m_schemaVersion = WorkspaceSchema::kCurrentVersion;
        workspace->m_onServer = onServer;
        return workspace;
    }
    if (error)
        *error = QStringLiteral("cannot use the workspace %1: %2").arg(name, why);
    if (failure)
        *failure = kind;
    return nullptr; // the connection was taken over: it is closed and removed with the workspace
}

bool Workspace::beginWrite(QString* error)
{
    QSqlDatabase db = database();
    if (!db.transaction()) {
        if (error)
            *error = QStringLiteral("cannot start writing to the workspace: %1").arg(db.lastError().text());
        return false;
    }
    if (lockWorkspaceForWriting(db, error))
        return true;
    db.rollback();
    return false;
}

bool Workspace::endWrite(bool ok, QString* error)
{
    QSqlDatabase db = database();
    if (ok && !db.commit())
        ok = false;
    if (!ok) {
        if (error && error->isEmpty())
            *error = QStringLiteral("saving to the workspace failed: %1").arg(db.lastError().text());
        db.rollback();
    }
    return ok;
}

void Workspace::beginSnapshotRead()
{
    QSqlDatabase db = database();
    db.transaction();
    // PostgreSQL's default isolation gives each statement its own snapshot: ask for one
    // snapshot for every read until the commit. (SQLite's transactions are serializable already.)
    if (db.driver()->dbmsType() == QSqlDriver::PostgreSQL)
        QSqlQuery(db).exec(QStringLiteral("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"));
}

IngestReport Workspace::addFiles(const QStringList& inputs, const ReaderOptions& options, const JobControl* control)
{
    // With the write lock another client's write cannot overlap ours; a conflict can still
    // come from outside the program (someone editing the tables by hand), and is then worth
    // a few more tries before it is reported.
    constexpr int kAttempts = 3;
    IngestReport report;
    for (int attempt = 1; attempt <= kAttempts; ++attempt) {
        report = addFilesOnce(inputs, options, control);
        if (!report.conflict)
            return report;
    }
    report.error = QStringLiteral("another client kept writing to the same workspace at the same time, and %1 tries "
                                  "failed (%2); nothing of this run was stored: run it again")
                       .arg(kAttempts)
                       .arg(report.error);
    return report;
}

IngestReport Workspace::addFilesOnce(const QStringList& inputs, const ReaderOptions& options, const JobControl* control)
{
    IngestReport report;
    QSqlDatabase db = database();
    m_justStored.reset();
    // A file about to be added is compared with the stored ones by their hashes.
    if (!settleContentHashes(&report.error)) {
        if (report.error == QLatin1String("cancelled")) {
            report.error.clear();
            report.cancelled = true;
        }
        return report;
    }
    if (!beginWrite(&report.error))
        return report;
    bool ok = false;
    std::shared_ptr<ReadResult> soleFile;
    std::vector<PendingContentHash> pending;
    {
        WorkspaceIngester ingester(db, options, control, m_laterHashes.get());
        ok = ingester.ingest(inputs, report);
        soleFile = ingester.takeSoleFileRead();
        pending = ingester.takePendingHashes();
    } // the ingester's statements are released before the commit or rollback
    // A cancel that came after the ingester's last look is still honoured: nothing is kept.
    if (ok && control && control->isCancelled()) {
        report.cancelled = true;
        ok = false;
    }
    if (ok && !db.commit()) {
        report.error = QStringLiteral("saving to the workspace failed: %1").arg(db.lastError().text());
        report.conflict = isWriteConflict(db.lastError());
        ok = false;
    }
    if (!ok) {
        db.rollback();
        if (m_laterHashes)
            m_laterHashes->clear(); // the dropped files' hashes not yet started
        report.filesAdded = 0;
        report.eventsAdded = 0;
        report.rejectionsAdded = 0;
    } else {
        m_justStored = std::move(soleFile);
        m_pendingHashes = std::move(pending);
    }
    return report;
}

std::shared_ptr<ReadResult> Workspace::loadEvents(const JobControl* control, QString* error)
{
    if (std::shared_ptr<ReadResult> read = takeJustStored())
        return read;
    // Reading inside a transaction sees one consistent state even if another process
    // writes to the same file meanwhile.
    QSqlDatabase db = database();
    beginSnapshotRead();
    LoadedEvents loaded;
    std::shared_ptr<ReadResult> read = StoredEventsLoader(db, control).load(m_dropExactDuplicates, loaded, error);
    db.commit();
    if (read)
        m_loaded = std::move(loaded);
    return read;
}

bool Workspace::computedHere(const ResultTables& tables, QString* error) const
{
    if (m_loaded.isStore(tables.events.get()))
        return true;
    if (error)
        *error = QStringLiteral("these results were not computed from this workspace's events");
    return false;
}

bool Workspace::saveResults(const ResultTables& tables, QString* error, const JobControl* control)
{
    if (!computedHere(tables, error))
        return false;
    QSqlDatabase db = database();
    StoredResults stored(db);
    ScratchTable scratch; // made after `stored`, so gone (its thread joined) before it
    stored.prepareSave(tables, m_loaded, scratch, control);
    if (!beginWrite(error))
        return false;
    bool ok = stored.save(tables, m_loaded, error, control, &scratch);
    if (ok && control && control->isCancelled()) {
        if (error)
            *error = QStringLiteral("cancelled");
        ok = false;
    }
    return endWrite(ok, error);
}

namespace {

// The stored events as a fit names them: how many, and with which duplicate setting.
LoadedEvents currentEvents(qint64 count, bool droppedDuplicates)
{
    LoadedEvents events;
    events.storedEventCount = count;
    events.droppedDuplicates = droppedDuplicates;
    return events;
}

} // namespace

bool Workspace::saveFit(const PredictResult& result, QString* error, const JobControl* control)
{
    QSqlDatabase db = database();
    if (!beginWrite(error))
        return false;
    const LoadedEvents events = currentEvents(storedEventCount(), m_dropExactDuplicates);
    bool ok = StoredPrediction(db).save(result, events, error, control);
    return endWrite(ok, error);
}

std::optional<StoredFit> Workspace::loadFit(QString* error)
{
    return StoredPrediction(database()).load(currentEvents(storedEventCount(), m_dropExactDuplicates), error);
}

std::shared_ptr<const ResultTables> Workspace::loadResults(const ReadResult& loaded, QString* error)
{
    QSqlDatabase db = database();
    db.transaction();
    auto tables = StoredResults(db).load(loaded, m_loaded, error);
    db.commit();
    return tables;
}

bool Workspace::hasCurrentResults(const Parameters& parameters)
{
    StoredResults stored(database());
    return stored.areCurrent(m_loaded) && stored.parameters() == parameters;
}

std::optional<Workspace::PackedRun> Workspace::loadPackedResults(const Parameters& parameters, QString* error)
{
    QSqlDatabase db = database();
    beginSnapshotRead();
    StoredResults stored(db);
    std::optional<PackedRun> run;
    const qint64 events = storedEventCount();
    if (events >= 0 && stored.parameters() == parameters
        && stored.areCurrent(currentEvents(events, m_dropExactDuplicates))) {
        const std::optional<PackedResults> packed = stored.pack(error);
        std::shared_ptr<ReadResult> read = packed ? StoredEventsLoader(db, nullptr).loadWithoutEvents(error) : nullptr;
        if (read)
            if (auto tables = ResultPack::unpack(*packed, parameters, error))
                run = PackedRun{std::move(read), std::move(tables)};
    }
    db.commit();
    return run;
}

bool Workspace::packResults(const ResultTables& tables, bool replace, QString* error)
{
    if (!computedHere(tables, error))
        return false;
    QSqlDatabase db = database();
    if (!beginWrite(error))
        return false;
    // Asked inside the write: another client may have saved other results since.
    StoredResults stored(db);
    const bool wanted = hasCurrentResults(tables.parameters) && (replace || !stored.hasPack());
    if (!wanted) {
        db.commit(); // nothing written: ends the transaction and frees the writers' lock
        return true;
    }
    return endWrite(stored.savePack(tables, error), error);
}

bool Workspace::settleContentHashes(QString* error)
{
    if (m_pendingHashes.empty())
        return true;
    if (!beginWrite(error))
        return false;
    return endWrite(writeContentHashes(database(), m_pendingHashes, error), error);
}

std::optional<Parameters> Workspace::storedParameters()
{
    return StoredResults(database()).parameters();
}

qint64 Workspace::countRows(const char* table)
{
    QSqlQuery q(database());
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM %1").arg(QLatin1String(table))) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

std::shared_ptr<ReadResult> Workspace::takeJustStored()
{
    std::shared_ptr<ReadResult> read = std::move(m_justStored);
    // Only while the workspace still holds just that file (on a server, or with a second
    // program writing the same file, others may have added more since) and all of its events
    // are wanted: dropping duplicates goes through the loader, which reads the stored hashes.
    const auto events = read ? static_cast<qint64>(read->events->size()) : 0;
    if (!read || m_dropExactDuplicates || storedFileCount() != 1 || storedEventCount() != events)
        return nullptr;
    LoadedEvents loaded;
    loaded.store = read->events;
    loaded.eventIds.resize(static_cast<std::size_t>(events));
    std::iota(loaded.eventIds.begin(), loaded.eventIds.end(), std::int64_t{1});
    loaded.storedEventCount = events;
    m_loaded = std::move(loaded);
    return read;
}

qint64 Workspace::storedEventCount()
{
    QSqlQuery q(database());
    if (!q.exec(QStringLiteral("SELECT COALESCE(SUM(event_count), 0) FROM event_blocks")) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

qint64 Workspace::storedFileCount()
{
    return countRows("source_files");
}

} // namespace clv
