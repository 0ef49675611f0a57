#pragma once

#include "etl/Parameters.h"
#include "io/EventReader.h"
#include "model/ResultTables.h"
#include "store/LoadedEvents.h"
#include "store/StoredPrediction.h"
#include "store/WorkspaceIngester.h"
#include "util/JobControl.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QThread>

#include <memory>
#include <optional>

namespace clv {

enum class WorkspaceOpenMode {
    CreateIfMissing, // clv-etl --workspace, Save Workspace As…
    ExistingOnly,    // clv-etl --from-workspace, Open Workspace…
    // A file that no one else sees until it is whole (StagedWorkspaceFile): created when
    // missing, written without a write-ahead log and without syncing (the staging is thrown
    // away if the build fails or is killed; StagedWorkspaceFile::commit syncs it once).
    // Transactions still roll back, so a failed write inside the build is undone as ever.
    Staging,
};

// Why a workspace could not be opened; the command line maps these to its exit codes.
enum class WorkspaceOpenFailure {
    None,
    Missing,    // ExistingOnly, and there is no such file
    Refused,    // not a workspace, damaged, or made by a newer program: the file is left untouched
    Unwritable, // the file cannot be created or written where it is
};

// A workspace file (*.clvdb): the data store D of spec §6, in SQLite through Qt SQL. It holds
// the ingested files (by content hash), their accepted events with every field the ETL reads
// and the hash of their JSON text, the rejected lines, and the result tables and parameters of the
// last analysis (schema in WorkspaceSchema). Every write is one transaction, and the file is
// in WAL mode, so a crash, a kill or a cancel in the middle of a write leaves the workspace as
// it was before that write.
//
// Threads: a Qt SQL connection may only be used by the thread that created it. open()
// creates this workspace's own connection (a unique connection name per instance) in the
// calling thread; use and destroy the Workspace in that same thread — typically a worker
// that opens it, ingests, analyses, saves and closes it within one job.
class Workspace {
public:
    static constexpr char kFileSuffix[] = "clvdb";

    ~Workspace();
    Workspace(const Workspace&) = delete;
    Workspace& operator=(const Workspace&) = delete;

    // Opens the workspace at `path`, creating it when missing (CreateIfMissing), and brings
    // an older schema up to date in one transaction. Refuses, without writing a byte, a file
    // that is not a CLV Studio workspace, a damaged one, or one from a newer program.
    static std::unique_ptr<Workspace> open(const QString& path, QString* error,
                                           WorkspaceOpenMode mode = WorkspaceOpenMode::CreateIfMissing,
                                           WorkspaceOpenFailure* failure = nullptr);

    // Uses an open Qt SQL connection of any driver as the workspace — QPSQL to a PostgreSQL
    // server that a team shares, say — creating (CreateIfMissing, in an empty database) or
    // updating the tables there, with the same rules as open() (no SQLite pragmas, no file
    // checks). `location` is what path() then says (default: the connection's database name).
    // The workspace takes the connection over: it is closed and removed when the workspace is
    // destroyed, or at once when this fails.
    static std::unique_ptr<Workspace> attach(const QString& connectionName, QString* error,
                                             WorkspaceOpenMode mode = WorkspaceOpenMode::CreateIfMissing,
                                             WorkspaceOpenFailure* failure = nullptr, const QString& location = {});

    // Adds event files and folders (as the reader collects them). A file whose content is
    // already stored is skipped with "already in the workspace: FILE". All files of one call
    // go in one transaction: when the call fails or is cancelled nothing of it is kept. On a
    // server, writers take turns (SharedStoreLocks), and a write that still loses to another
    // client's is tried again a few times before it is reported.
    IngestReport addFiles(const QStringList& inputs, const ReaderOptions& options = {},
                          const JobControl* control = nullptr);

    // Everything stored, as a ReadResult (files, per-file counts, events in ingest order,
    // rejected lines), read from the columns: no JSON is parsed. With dropExactDuplicates()
    // the events leave out exact duplicates, as a batch run with the option does. Null, with
    // `error` set, on failure or cancel.
    std::shared_ptr<ReadResult> loadEvents(const JobControl* control = nullptr, QString* error = nullptr);

    // Replaces the stored results (visits, weekly, ltv, customers, parameters) in one
    // transaction. The tables must have been computed from the events of this workspace's
    // latest loadEvents(), whose rows the visits table refers to.
    bool saveResults(const ResultTables& tables, QString* error, const JobControl* control = nullptr);

    // The stored results over the events of `loaded` (this workspace's latest loadEvents()),
    // without re-running the analysis. Null when none are stored or when they are stale:
    // computed before files were added, or with the other duplicate setting.
    std::shared_ptr<const ResultTables> loadResults(const ReadResult& loaded, QString* error = nullptr);

    // True when the stored results were computed with `parameters` from the events of the
    // latest loadEvents(): saving the same results again can be skipped.
    bool hasCurrentResults(const Parameters& parameters);

    // The stored results, when they were computed with `parameters` from the events the
    // workspace holds now (with its duplicate setting), unpacked from their pack (ResultPack)
    // together with the stored files, their counts and the rejected lines — without loading
    // any event: what writing the output files again needs. The read holds no events, and the
    // tables only the customers' ids and details. Nothing, and no error, when there are no
    // such results or none packed; nothing with `error` set when they cannot be read.
    struct PackedRun {
        std::shared_ptr<ReadResult> read;
        std::shared_ptr<const ResultTables> tables;
    };
    std::optional<PackedRun> loadPackedResults(const Parameters& parameters, QString* error);
    // When the stored results are `tables` (hasCurrentResults()) but have no pack (saved by
    // an older version) or, with `replace`, one that could not be read: packs them again, in a
    // transaction of its own.
    bool packResults(const ResultTables& tables, bool replace, QString* error);

    // Replaces the stored fit of the Predict tab in one transaction. The fit must be of the
    // events the workspace holds now, with its duplicate setting (a fit of a transaction
    // table or of other files is refused).
    bool saveFit(const PredictResult& result, QString* error, const JobControl* control = nullptr);
    // The stored fit of the events the workspace holds now; none when there is none or when
    // files were added since it was made.
    std::optional<StoredFit> loadFit(QString* error = nullptr);

    // Writes the SHA-256 of files that a new workspace stored before their hash was known
    // (WorkspaceIngester), waiting for them, in a transaction of its own. A new workspace must
    // not be put in place before this has succeeded (hasPendingContentHashes() is false).
    bool settleContentHashes(QString* error);
    bool hasPendingContentHashes() const { return !m_pendingHashes.empty(); }

    std::optional<Parameters> storedParameters();
    int schemaVersion() const { return m_schemaVersion; }
    // The file's absolute path, or the server's address (WorkspaceLocation::toString()).
    QString path() const { return m_path; }
    // On a PostgreSQL server (shared with other clients), not in a file.
    bool isOnServer() const { return m_onServer; }
    qint64 storedEventCount();
    qint64 storedFileCount();

    // Spec §6: off by default, because the seed's tables count its repeated CUSTOMER records.
    void setDropExactDuplicates(bool drop) { m_dropExactDuplicates = drop; }
    bool dropExactDuplicates() const { return m_dropExactDuplicates; }

    // The name of this instance's Qt SQL connection (for tests that inspect the file).
    QString connectionName() const { return m_connection; }

private:
    Workspace(QString path, QString connection);
    QSqlDatabase database() const;
    void assertOwnerThread() const { Q_ASSERT(QThread::currentThread() == m_thread); }
    qint64 countRows(const char* table);
    bool beginWrite(QString* error);
    // Commits what beginWrite() started if `ok`, else rolls it back; whether it was committed.
    // A failure that left `error` empty (a failed commit, say) is named there.
    bool endWrite(bool ok, QString* error);
    // A read transaction that sees one state of the store throughout; end it with a commit.
    void beginSnapshotRead();
    // Whether `tables` come from this workspace's latest loadEvents(); else false with `error`.
    bool computedHere(const ResultTables& tables, QString* error) const;
    IngestReport addFilesOnce(const QStringList& inputs, const ReaderOptions& options, const JobControl* control);
    std::shared_ptr<ReadResult> takeJustStored();

    QString m_path;
    QString m_connection;
    QThread* m_thread = nullptr;
    int m_schemaVersion = 0;
    bool m_onServer = false;
    // A new workspace's files are hashed here, at background priority, after they are stored.
    std::unique_ptr<QThreadPool> m_laterHashes;
    std::vector<PendingContentHash> m_pendingHashes;
    bool m_dropExactDuplicates = false;
    LoadedEvents m_loaded;
    // The one file just added to an empty workspace, as read (WorkspaceIngester::takeSoleFileRead):
    // the next loadEvents() hands it out instead of unpacking the blocks just written.
    std::shared_ptr<ReadResult> m_justStored;
};

} // namespace clv
