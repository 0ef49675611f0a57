#include "store/WorkspaceIngester.h"

#include "etl/DuplicateFilter.h"
#include "io/SourceLineReader.h"
#include "store/SharedStoreLocks.h"
#include "store/SqlErrorKind.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QSqlError>
#include <QVariant>

namespace clv {

namespace {

QString utf8(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

const QVariant kNullText{QMetaType::fromType<QString>()};

// Converting the same customer id or detail to a QString for every row would cost more than
// the insert itself; each distinct text is converted once and then shared (QString is
// implicitly shared, so binding it copies nothing).
class TextCache {
public:
    template <typename ViewOf>
    const QString& get(std::uint32_t id, ViewOf viewOf)
    {
        if (id >= m_texts.size())
            m_texts.resize(id + 1);
        QString& text = m_texts[id];
        if (text.isNull())
            text = utf8(viewOf(id));
        return text;
    }

private:
    std::vector<QString> m_texts;
};

} // namespace

WorkspaceIngester::WorkspaceIngester(const QSqlDatabase& db, const ReaderOptions& options, const JobControl* control)
    : m_db(db), m_options(options), m_control(control),
      m_insertFile(db, QStringLiteral("source_files"),
                   {"id", "path", "display_name", "content_sha256", "size_bytes", "line_count", "record_count",
                    "accepted_count", "rejected_count", "ingested_at"}),
      m_insertEvent(db, QStringLiteral("events"),
                    {"id", "file_id", "line_number", "event_type", "event_verb", "event_key", "customer_id",
                     "event_time_us", "amount_cents", "detail_1", "detail_2", "detail_3"}),
      m_insertPayload(db, QStringLiteral("event_payloads"), {"event_id", "payload_hash", "raw_json"}),
      m_insertRejection(db, QStringLiteral("rejected_lines"), {"id", "file_id", "line_number", "reason", "raw_text"}),
      m_findHash(db)
{
    // A workspace knows files by their bytes alone, not how they were read, and counts one
    // event per accepted record: transaction tables (two events a row) are not stored yet.
    Q_ASSERT(!options.transactions);
}

QString WorkspaceIngester::contentHash(const QString& path, QString* error, const JobControl* control)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered)) {
        if (error)
            *error = file.errorString();
        return {};
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
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
        hash.addData(QByteArrayView(buffer.constData(), got));
        if (control && control->isCancelled())
            return {};
    }
    return QString::fromLatin1(hash.result().toHex());
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
    m_nextEventId = nextId("events", report);
    m_nextRejectionId = nextId("rejected_lines", report);
    if (m_nextFileId < 0 || m_nextEventId < 0 || m_nextRejectionId < 0)
        return false;

    if (!m_findHash.prepare(QStringLiteral("SELECT COUNT(*) FROM source_files WHERE content_sha256 = ?")))
        return fail(report, QStringLiteral("preparing the workspace's statements failed"), m_findHash.lastError());
    for (const PreparedInsert* insert : {&m_insertFile, &m_insertEvent, &m_insertPayload, &m_insertRejection})
        if (!insert->isReady())
            return fail(report, QStringLiteral("preparing the workspace's statements failed"), insert->lastError());
    return true;
}

bool WorkspaceIngester::isStored(const QString& sha256, IngestReport& report)
{
    m_findHash.bindValue(0, sha256);
    if (!m_findHash.exec() || !m_findHash.next()) {
        fail(report, QStringLiteral("reading the workspace failed"), m_findHash.lastError());
        return false;
    }
    const bool stored = m_findHash.value(0).toLongLong() > 0;
    m_findHash.finish();
    return stored;
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
        if (m_control)
            m_control->report(QStringLiteral("Hashing"), 0.0);
        QString readError;
        const QString sha256 = contentHash(file.path, &readError, m_control);
        if (cancelled(report))
            return false;
        if (sha256.isEmpty()) {
            report.problems << QStringLiteral("%1: %2").arg(file.display, readError);
            continue;
        }
        // The look-up sees this call's own uncommitted files too: the same bytes named twice
        // in one call are stored once.
        const bool stored = isStored(sha256, report);
        if (!report.error.isEmpty())
            return false;
        if (stored) {
            report.messages << QStringLiteral("already in the workspace: %1").arg(file.display);
            ++report.filesSkipped;
            continue;
        }

        ReadResult read = EventReader(m_options).read({file.path}, m_control);
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
            continue;
        }
        if (!storeFile(file, sha256, read, report))
            return false;
        ++report.filesAdded;
    }
    return true;
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
    return storeEvents(file, fileId, *read.events, report) && storeRejections(fileId, read, report);
}

bool WorkspaceIngester::storeEvents(const InputFile& file, std::int64_t fileId, const EventStore& events,
                                    IngestReport& report)
{
    SourceLineReader lines(file.path);
    QString error;
    if (!lines.open(&error)) {
        report.error = QStringLiteral("reading %1 again for its raw lines failed: %2").arg(file.display, error);
        return false;
    }
    TextCache customers;
    TextCache details;
    SourceRef previous{0, 0};
    std::uint32_t recordInLine = 0;
    m_insertEvent.bind(1, QVariant::fromValue<qint64>(fileId)); // the same for every event of the file
    for (std::size_t row = 0; row < events.size(); ++row) {
        if ((row & 0x3FFF) == 0) {
            if (cancelled(report))
                return false;
            if (m_control)
                m_control->report(QStringLiteral("Storing"), double(row) / double(events.size()));
        }
        const SourceRef source = events.source(row);
        // A line holding a JSON array yields consecutive events with the same line number.
        recordInLine = (row > 0 && source.line == previous.line) ? recordInLine + 1 : 0;
        previous = source;
        std::string_view raw;
        if (!lines.line(source.line, raw)) {
            report.error = QStringLiteral("reading %1 again for its raw lines failed: %2")
                               .arg(file.display, lines.errorString());
            return false;
        }

        const qint64 eventId = m_nextEventId++;
        m_insertEvent.bind(0, eventId);
        m_insertEvent.bind(2, qint64(source.line));
        m_insertEvent.bind(3, int(events.type(row)));
        m_insertEvent.bind(4, int(events.verb(row)));
        m_insertEvent.bind(5, utf8(events.key(row)));
        m_insertEvent.bind(6, customers.get(events.customer(row), [&](std::uint32_t id) {
            return events.customerId(id);
        }));
        m_insertEvent.bind(7, qint64(events.time(row)));
        m_insertEvent.bind(8, qint64(events.amountCents(row)));
        for (int d = 0; d < EventStore::kDetailCount; ++d) {
            const std::uint32_t id = events.detail(row, d);
            m_insertEvent.bind(9 + d,
                               id == StringPool::kAbsent
                                   ? kNullText
                                   : QVariant(details.get(id, [&](std::uint32_t i) { return events.detailText(i); })));
        }
        if (!m_insertEvent.exec())
            return fail(report, QStringLiteral("storing the events of %1 failed").arg(file.display),
                        m_insertEvent.lastError());

        m_insertPayload.bind(0, eventId);
        m_insertPayload.bind(1, static_cast<qint64>(DuplicateFilter::payloadHash(raw, recordInLine)));
        m_insertPayload.bind(2, utf8(raw));
        if (!m_insertPayload.exec())
            return fail(report, QStringLiteral("storing the raw lines of %1 failed").arg(file.display),
                        m_insertPayload.lastError());
        ++report.eventsAdded;
    }
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
