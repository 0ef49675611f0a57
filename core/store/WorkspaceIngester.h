#pragma once

#include "io/EventReader.h"
#include "store/EventBlockWriter.h"
#include "store/PreparedInsert.h"
#include "util/JobControl.h"

#include <QFuture>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QThreadPool>

#include <memory>
#include <vector>

namespace clv {

// What Workspace::addFiles did.
struct IngestReport {
    QStringList messages;              // "already in the workspace: FILE", one per skipped file
    QStringList problems;              // inputs that could not be read at all, in plain words
    std::vector<SkippedInput> skipped; // folder entries left out (a FIFO, a broken link, ...)
    int filesAdded = 0;
    int filesSkipped = 0;
    qint64 eventsAdded = 0;
    qint64 rejectionsAdded = 0;
    bool cancelled = false;
    bool stoppedStrict = false;
    QString strictRejection; // "FILE:LINE: reason", when stoppedStrict
    QString error;           // the database refused a write: nothing of the call was kept
    bool damaged = false;    // ... because the workspace file is damaged
    bool conflict = false;   // ... because another client's write on the same server got in the way
    bool ok() const { return error.isEmpty() && !cancelled && !stoppedStrict; }
};

// A file's SHA-256 as hashed on a thread: empty, with `error` set, when it could not be read.
struct ContentHash {
    QString sha256;
    QString error;
    qint64 bytes = 0; // how many were hashed
};

// The hash of a file stored in a new workspace before its hash was known (see
// WorkspaceIngester): its row holds "pending-ID" in content_sha256 until the hash is written.
struct PendingContentHash {
    std::int64_t fileId = 0;
    QString display;
    qint64 bytes = 0; // the file's size when it was read
    QFuture<ContentHash> hash;
};

// Writes the hashes of `pending` into source_files, waiting for them, inside the caller's
// transaction, and empties it. False, with `error` set (and `sqlError` when the database
// refused), when a file could not be read again, changed size since it was read (a log still
// being written: its hash would not be of the bytes stored), or the database refused; with
// `error` "cancelled" when the hashing was cancelled.
bool writeContentHashes(const QSqlDatabase& db, std::vector<PendingContentHash>& pending, QString* error,
                        QSqlError* sqlError = nullptr);

// Puts event files into a workspace's tables: hashes each file's bytes, reads the new ones
// with EventReader (which hashes each event's payload as it parses), and stores their events
// in blocks with those hashes (EventBlockWriter) and their rejected lines row by row.
// The caller holds the transaction around ingest() and rolls it back when it fails.
class WorkspaceIngester {
public:
    // `laterHashes`, when set, is a pool at background priority that outlives the ingester:
    // files added to a new, empty workspace are then stored before their SHA-256 is known,
    // hashed there, on whatever processor time the rest of the run leaves idle, and handed
    // out by takePendingHashes() for the workspace to write before the file is put in place.
    // (Hashing beside the reader took 0.2 s of the benchmark file's 1.0 s ingest: the reader
    // has both cores.) A new workspace only, because it is seen by no one until it is whole;
    // and only while no stored file has the size of the next one, which must be compared.
    WorkspaceIngester(const QSqlDatabase& db, const ReaderOptions& options, const JobControl* control,
                      QThreadPool* laterHashes = nullptr);

    // False when the caller must roll back: a database error, a cancel, or a strict stop.
    bool ingest(const QStringList& inputs, IngestReport& report);

    // When this call stored one file into an empty workspace: its events as read, in the form
    // StoredEventsLoader would give them back (ids counting up from 1). Loading what was just
    // packed would only unpack it again. Null otherwise; the caller must only use it once
    // the transaction is committed.
    std::shared_ptr<ReadResult> takeSoleFileRead() { return std::move(m_soleFileRead); }

    // The files stored by this call whose hashes are still being computed; the caller writes
    // them (Workspace::settleContentHashes) once the transaction is committed.
    std::vector<PendingContentHash> takePendingHashes() { return std::move(m_pendingHashes); }

    // The SHA-256 of a file's bytes, in lower-case hex; empty with `error` set when the
    // file cannot be read.
    static QString contentHash(const QString& path, QString* error, const JobControl* control = nullptr,
                               qint64* bytes = nullptr);

private:
    // False when the caller must roll back; a file that cannot be read is a problem, not that.
    bool ingestFile(const InputFile& file, IngestReport& report);
    // The rest of ingestFile() once the file is read: its rows, or why not.
    bool storeRead(const InputFile& file, const QString& sha256, ReadResult&& read, IngestReport& report);
    // Waits for the pending hashes of this call and writes them: before a file's size is
    // compared with theirs.
    bool settlePendingHashes(IngestReport& report);
    bool prepareStatements(IngestReport& report);
    // Whether `count` (SELECT COUNT(*) FROM source_files WHERE ... = ?) finds a stored file, one
    // stored earlier in this call included; false with report.error set when the query fails.
    bool anyStoredFile(QSqlQuery& count, const QVariant& value, IngestReport& report);
    bool storeFile(const InputFile& file, const QString& sha256, const ReadResult& read, IngestReport& report);
    void keepSoleFileRead(const InputFile& file, ReadResult&& read, int filesAdded);
    bool storeEvents(const InputFile& file, std::int64_t fileId, const ReadResult& read, IngestReport& report);
    bool storeRejections(std::int64_t fileId, const ReadResult& read, IngestReport& report);
    bool fail(IngestReport& report, const QString& what, const QSqlError& why);
    bool cancelled(IngestReport& report);
    std::int64_t nextId(const char* table, IngestReport& report);
    std::int64_t nextEventId(IngestReport& report);

    QSqlDatabase m_db;
    ReaderOptions m_options;
    const JobControl* m_control;
    PreparedInsert m_insertFile;
    EventBlockWriter m_blocks;
    PreparedInsert m_insertRejection;
    QSqlQuery m_findHash;
    QSqlQuery m_findSize;
    QThreadPool m_hashThread; // hashes a file while the reader reads it
    QThreadPool* m_laterHashes = nullptr;
    std::vector<PendingContentHash> m_pendingHashes;
    std::int64_t m_nextFileId = 1;
    std::int64_t m_nextEventId = 1;
    std::int64_t m_nextRejectionId = 1;
    bool m_startedEmpty = false;
    std::shared_ptr<ReadResult> m_soleFileRead;
};

} // namespace clv
