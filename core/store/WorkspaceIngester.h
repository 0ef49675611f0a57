#pragma once

#include "io/EventReader.h"
#include "store/EventBlockWriter.h"
#include "store/PreparedInsert.h"
#include "util/JobControl.h"

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

// Puts event files into a workspace's tables: hashes each file's bytes, reads the new ones
// with EventReader (which hashes each event's payload as it parses), and stores their events
// in blocks with those hashes (EventBlockWriter) and their rejected lines row by row.
// The caller holds the transaction around ingest() and rolls it back when it fails.
class WorkspaceIngester {
public:
    WorkspaceIngester(const QSqlDatabase& db, const ReaderOptions& options, const JobControl* control);

    // False when the caller must roll back: a database error, a cancel, or a strict stop.
    bool ingest(const QStringList& inputs, IngestReport& report);

    // When this call stored one file into an empty workspace: its events as read, in the form
    // StoredEventsLoader would give them back (ids counting up from 1). Loading what was just
    // packed would only unpack it again. Null otherwise; the caller must only use it once
    // the transaction is committed.
    std::shared_ptr<ReadResult> takeSoleFileRead() { return std::move(m_soleFileRead); }

    // The SHA-256 of a file's bytes, in lower-case hex; empty with `error` set when the
    // file cannot be read.
    static QString contentHash(const QString& path, QString* error, const JobControl* control = nullptr);

private:
    struct HashOutcome {
        QString sha256; // empty when the file could not be read
        QString error;
    };

    // False when the caller must roll back; a file that cannot be read is a problem, not that.
    bool ingestFile(const InputFile& file, IngestReport& report);
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
    std::int64_t m_nextFileId = 1;
    std::int64_t m_nextEventId = 1;
    std::int64_t m_nextRejectionId = 1;
    bool m_startedEmpty = false;
    std::shared_ptr<ReadResult> m_soleFileRead;
};

} // namespace clv
