#include "store/WorkspaceIngester.h"

#include "store/SharedStoreLocks.h"
#include "store/SqlErrorKind.h"
#include "util/Sha256.h"

#include <QDateTime>
#include <QFile>
#include <QSqlError>
#include <QVariant>
#include <QtConcurrent>

#include <optional>

namespace clv {

namespace {

QString utf8(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

} // namespace

WorkspaceIngester::WorkspaceIngester(const QSqlDatabase& db, const ReaderOptions& options, const JobControl* control,
                                     QThreadPool* laterHashes)
    : m_db(db), m_options(options), m_control(control),
      m_insertFile(db, QStringLiteral("source_files"),
                   {"id", "path", "display_name", "content_sha256", "size_bytes", "line_count", "record_count",
                    "accepted_count", "rejected_count", "ingested_at"}),
      m_blocks(db),
      m_insertRejection(db, QStringLiteral("rejected_lines"), {"id", "file_id", "line_number", "reason", "raw_text"}),
      m_findHash(db), m_findSize(db), m_laterHashes(laterHashes)
{
    m_hashThread.setMaxThreadCount(1);
    // Stored with the events, for the duplicate filter of later runs.
    m_options.payloadHashes = true;
    // A workspace knows files by their bytes alone, not how they were read, and counts one
    // event per accepted record: transaction tables (two events a row) are not stored yet.
    Q_ASSERT(!options.transactions);
}

QString WorkspaceIngester::contentHash(const QString& path, QString* error, const JobControl* control, qint64* bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered)) {
        if (error)
            *error = file.errorString();
        return {};
    }
    Sha256 hash;
    QByteArray buffer(4 << 20, Qt::Uninitialized);
    for (;;) {
        const qint64 got = file.read(buffer.data(), buffer.size());
        if (got < 0) {
            if (error)
                *error = file.errorString();
            return {};
        }
        if (got == 0)
            break;
        hash.add(std::string_view(buffer.constData(), static_cast<std::size_t>(got)));
        if (bytes)
            *bytes += got;
        if (control && control->isCancelled())
            return {};
    }
    return QString::fromLatin1(hash.hex());
}

bool WorkspaceIngester::fail(IngestReport& report, const QString& what, const QSqlError& why)
{
    report.error = QStringLiteral("%1: %2").arg(what, why.text());
    report.damaged = !isServerConnection(m_db) && isDamagedDatabaseError(why); // SQLite's codes
    report.conflict = isWriteConflict(why);
    return false;
}

bool WorkspaceIngester::cancelled(IngestReport& report)
{
    if (m_control && m_control->isCancelled())
        report.cancelled = true;
    return report.cancelled;
}

std::int64_t WorkspaceIngester::nextEventId(IngestReport& report)
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT MAX(first_event_id + event_count) FROM event_blocks")) || !q.next()) {
        fail(report, QStringLiteral("reading the workspace failed"), q.lastError());
        return -1;
    }
    return q.value(0).isNull() ? 1 : q.value(0).toLongLong();
}

std::int64_t WorkspaceIngester::nextId(const char* table, IngestReport& report)
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT MAX(id) FROM %1").arg(QLatin1String(table))) || !q.next()) {
        fail(report, QStringLiteral("reading the workspace failed"), q.lastError());
        return -1;
    }
    return q.value(0).isNull() ? 1 : q.value(0).toLongLong() + 1;
}

bool WorkspaceIngester::prepareStatements(IngestReport& report)
{
    m_nextFileId = nextId("source_files", report);
    m_nextEventId = nextEventId(report);
    m_nextRejectionId = nextId("rejected_lines", report);
    if (m_nextFileId < 0 || m_nextEventId < 0 || m_nextRejectionId < 0)
        return false;
    m_startedEmpty = m_nextFileId == 1 && m_nextEventId == 1 && m_nextRejectionId == 1;

    if (!m_findHash.prepare(QStringLiteral("SELECT COUNT(*) FROM source_files WHERE content_sha256 = ?")))
        return fail(report, QStringLiteral("preparing the workspace's statements failed"), m_findHash.lastError());
    if (!m_findSize.prepare(QStringLiteral("SELECT COUNT(*) FROM source_files WHERE size_bytes = ?")))
        return fail(report, QStringLiteral("preparing the workspace's statements failed"), m_findSize.lastError());
    for (const PreparedInsert* insert : {&m_insertFile, &m_insertRejection})
        if (!insert->isReady())
            return fail(report, QStringLiteral("preparing the workspace's statements failed"), insert->lastError());
    QString error;
    if (!m_blocks.prepare(&error))
        return fail(report, QStringLiteral("preparing the workspace's statements failed"), m_blocks.lastError());
    return true;
}

bool WorkspaceIngester::anyStoredFile(QSqlQuery& count, const QVariant& value, IngestReport& report)
{
    count.bindValue(0, value);
    if (!count.exec() || !count.next()) {
        fail(report, QStringLiteral("reading the workspace failed"), count.lastError());
        return false;
    }
    const bool found = count.value(0).toLongLong() > 0;
    count.finish();
    return found;
}

bool WorkspaceIngester::ingest(const QStringList& inputs, IngestReport& report)
{
    CollectedInputs collected = collectInputs(inputs, m_options.recursive);
    report.problems << collected.problems;
    report.skipped = std::move(collected.skipped);
    if (!prepareStatements(report))
        return false;

    for (const InputFile& file : collected.files) {
        if (cancelled(report))
            return false;
        if (!ingestFile(file, report))
            return false;
    }
    return true;
}

bool WorkspaceIngester::ingestFile(const InputFile& file, IngestReport& report)
{
    // A file can only be stored already if a stored file has its size. Then it is hashed first
    // and, if stored, never read. Otherwise the hash and the read run side by side: hashing
    // (SHA-256, one core) took half a second of the benchmark file's 3.4 s ingest when it came
    // first, while the reader left part of the two cores idle.
    const bool sameSize = anyStoredFile(m_findSize, qint64(file.bytes), report);
    if (!report.error.isEmpty())
        return false;
    if (m_control)
        m_control->report(QStringLiteral("Hashing"), 0.0);
    auto hashing = [path = file.path, control = m_control] {
        ContentHash outcome;
        outcome.sha256 = contentHash(path, &outcome.error, control, &outcome.bytes);
        return outcome;
    };
    if (m_laterHashes && m_startedEmpty && !sameSize) {
        // Stored now, hashed later (see the constructor).
        QFuture<ContentHash> later = QtConcurrent::run(m_laterHashes, hashing);
        const std::int64_t fileId = m_nextFileId;
        const int added = report.filesAdded;
        // Until then the row holds a stand-in that no SHA-256 in hex can equal (the column is
        // unique).
        const QString standIn = QStringLiteral("pending-%1").arg(fileId);
        if (!storeRead(file, standIn, EventReader(m_options).read({file.path}, m_control), report))
            return false;
        if (report.filesAdded > added)
            m_pendingHashes.push_back({fileId, file.display, qint64(file.bytes), later});
        return true;
    }
    if (sameSize && !settlePendingHashes(report))
        return false;
    QFuture<ContentHash> hash = QtConcurrent::run(&m_hashThread, hashing);
    std::optional<ReadResult> read;
    if (!sameSize)
        read = EventReader(m_options).read({file.path}, m_control);
    const ContentHash done = hash.result();
    if (cancelled(report))
        return false;
    if (done.sha256.isEmpty()) {
        report.problems << QStringLiteral("%1: %2").arg(file.display, done.error);
        return true;
    }
    // The look-up sees this call's own uncommitted files too: the same bytes named twice
    // in one call are stored once.
    const bool stored = anyStoredFile(m_findHash, done.sha256, report);
    if (!report.error.isEmpty())
        return false;
    if (stored) {
        report.messages << QStringLiteral("already in the workspace: %1").arg(file.display);
        ++report.filesSkipped;
        return true;
    }
    if (!read)
        read = EventReader(m_options).read({file.path}, m_control);
    return storeRead(file, done.sha256, std::move(*read), report);
}

bool WorkspaceIngester::storeRead(const InputFile& file, const QString& sha256, ReadResult&& read, IngestReport& report)
{
    if (read.cancelled || cancelled(report)) {
        report.cancelled = true;
        return false;
    }
    if (read.stoppedStrict) {
        const Rejection& r = read.rejections.front();
        report.stoppedStrict = true;
        report.strictRejection = QStringLiteral("%1:%2: %3").arg(file.display).arg(r.line).arg(utf8(r.reason));
        return false;
    }
    if (!read.inputProblems.isEmpty() || read.files.size() != 1) {
        // Half a file would be taken for all of it next time (same hash): store none of it.
        for (const QString& problem : read.inputProblems)
            report.problems << problem;
        return true;
    }
    if (!storeFile(file, sha256, read, report))
        return false;
    ++report.filesAdded;
    keepSoleFileRead(file, std::move(read), report.filesAdded);
    return true;
}

bool writeContentHashes(const QSqlDatabase& db, std::vector<PendingContentHash>& pending, QString* error,
                        QSqlError* sqlError)
{
    if (pending.empty())
        return true;
    QSqlQuery update(db);
    bool ok = update.prepare(QStringLiteral("UPDATE source_files SET content_sha256 = ? WHERE id = ?"));
    for (std::size_t i = 0; ok && i < pending.size(); ++i) {
        const ContentHash done = pending[i].hash.result();
        QString why;
        if (done.sha256.isEmpty() && done.error.isEmpty())
            why = QStringLiteral("cancelled");
        else if (done.sha256.isEmpty()) // read once, unreadable the second time
            why = QStringLiteral("%1 could not be read again for its hash: %2").arg(pending[i].display, done.error);
        else if (done.bytes != pending[i].bytes)
            why = QStringLiteral("%1 changed while it was added (%2 bytes read, %3 when it was hashed): nothing of "
                                 "this run was kept; add it again once it is complete")
                      .arg(pending[i].display)
                      .arg(pending[i].bytes)
                      .arg(done.bytes);
        if (!why.isEmpty()) {
            if (error)
                *error = why;
            return false;
        }
        update.bindValue(0, done.sha256);
        update.bindValue(1, QVariant::fromValue<qint64>(pending[i].fileId));
        ok = update.exec();
    }
    if (!ok) {
        if (error)
            *error = QStringLiteral("storing the files' hashes failed: %1").arg(update.lastError().text());
        if (sqlError)
            *sqlError = update.lastError();
        return false;
    }
    pending.clear();
    return true;
}

bool WorkspaceIngester::settlePendingHashes(IngestReport& report)
{
    QSqlError why;
    if (writeContentHashes(m_db, m_pendingHashes, &report.error, &why))
        return !cancelled(report);
    if (why.isValid()) // else the file could not be read again: report.error says so
        fail(report, QStringLiteral("storing the files' hashes failed"), why);
    if (report.error == QLatin1String("cancelled")) {
        report.error.clear();
        report.cancelled = true;
    }
    return false;
}

void WorkspaceIngester::keepSoleFileRead(const InputFile& file, ReadResult&& read, int filesAdded)
{
    m_soleFileRead.reset();
    if (!m_startedEmpty || filesAdded != 1)
        return;
    // What the loader reads back: the file as stored, the rejected lines' text through the
    // database's UTF-8 (a line that is not valid UTF-8 comes back with replacement characters).
    read.files = {file};
    read.bytesRead = file.bytes;
    read.payloadHashes = {}; // stored; a run that drops duplicates loads the events instead
    for (Rejection& r : read.rejections) {
        r.reason = utf8(r.reason).toStdString();
        r.raw = utf8(r.raw).toStdString();
    }
    m_soleFileRead = std::make_shared<ReadResult>(std::move(read));
}

bool WorkspaceIngester::storeFile(const InputFile& file, const QString& sha256, const ReadResult& read,
                                  IngestReport& report)
{
    const std::int64_t fileId = m_nextFileId++;
    const FileStats& stats = read.fileStats.front();
    const QVariant values[] = {
        QVariant::fromValue<qint64>(fileId),
        file.path,
        file.display,
        sha256,
        QVariant::fromValue<qint64>(file.bytes),
        stats.lines,
        stats.records,
        stats.accepted,
        stats.rejected,
        QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs),
    };
    for (int i = 0; i < int(std::size(values)); ++i)
        m_insertFile.bind(i, values[i]);
    if (!m_insertFile.exec())
        return fail(report, QStringLiteral("storing %1 failed").arg(file.display), m_insertFile.lastError());
    return storeEvents(file, fileId, read, report) && storeRejections(fileId, read, report);
}

bool WorkspaceIngester::storeEvents(const InputFile& file, std::int64_t fileId, const ReadResult& read,
                                    IngestReport& report)
{
    const EventStore& events = *read.events;
    const std::int64_t firstId = m_nextEventId;
    m_nextEventId += static_cast<std::int64_t>(events.size());
    QString error;
    if (!m_blocks.writeFile(fileId, events, read.payloadHashes, firstId, m_control, &error)) {
        if (cancelled(report))
            return false;
        const QString what = QStringLiteral("storing the events of %1 failed").arg(file.display);
        if (m_blocks.lastError().isValid())
            return fail(report, what, m_blocks.lastError());
        report.error = QStringLiteral("%1: %2").arg(what, error); // refused before any statement ran
        return false;
    }
    report.eventsAdded += static_cast<qint64>(events.size());
    return true;
}

bool WorkspaceIngester::storeRejections(std::int64_t fileId, const ReadResult& read, IngestReport& report)
{
    for (const Rejection& r : read.rejections) {
        m_insertRejection.bind(0, qint64(m_nextRejectionId++));
        m_insertRejection.bind(1, qint64(fileId));
        m_insertRejection.bind(2, qint64(r.line));
        m_insertRejection.bind(3, utf8(r.reason));
        m_insertRejection.bind(4, utf8(r.raw));
        if (!m_insertRejection.exec())
            return fail(report, QStringLiteral("storing rejected lines failed"), m_insertRejection.lastError());
        ++report.rejectionsAdded;
    }
    return true;
}

} // namespace clv
