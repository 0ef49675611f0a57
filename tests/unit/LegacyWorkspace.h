#pragma once

// A workspace as schema 4 wrote it — a row per event in `events`, its raw line and payload
// hash in `event_payloads` — made with that schema's own statements, so that the tests of
// the conversion to event blocks (schema 5) and of the older schema steps start from the
// tables an older CLV Studio left behind.

#include "WorkspaceTestSupport.h"

#include "io/EventReader.h"
#include "io/PayloadHash.h"
#include "store/PreparedInsert.h"
#include "store/WorkspaceIngester.h"
#include "store/WorkspaceSchema.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QVariant>

namespace clv::test {

inline bool storeLegacyFile(QSqlDatabase& db, const QString& path, qint64 fileId, qint64& nextEventId,
                            qint64& nextRejectionId)
{
    const ReadResult read = EventReader(ReaderOptions{}).read({path});
    if (read.files.size() != 1)
        return false;
    const FileStats& stats = read.fileStats.front();
    PreparedInsert file(db, QStringLiteral("source_files"),
                        {"id", "path", "display_name", "content_sha256", "size_bytes", "line_count", "record_count",
                         "accepted_count", "rejected_count", "ingested_at"});
    const QVariant fileValues[] = {fileId,
                                   path,
                                   path,
                                   WorkspaceIngester::contentHash(path, nullptr),
                                   read.files.front().bytes,
                                   stats.lines,
                                   stats.records,
                                   stats.accepted,
                                   stats.rejected,
                                   QStringLiteral("2026-01-01T00:00:00.000Z")};
    for (int i = 0; i < int(std::size(fileValues)); ++i)
        file.bind(i, fileValues[i]);
    if (!file.exec())
        return false;

    PreparedInsert event(db, QStringLiteral("events"),
                         {"id", "file_id", "line_number", "event_type", "event_verb", "event_key", "customer_id",
                          "event_time_us", "amount_cents", "detail_1", "detail_2", "detail_3"});
    PreparedInsert payload(db, QStringLiteral("event_payloads"), {"event_id", "payload_hash", "raw_json"});
    QFile source(path);
    if (!source.open(QIODevice::ReadOnly))
        return false;
    const QList<QByteArray> lines = source.readAll().split('\n'); // plain test files, a few MB at most
    const EventStore& events = *read.events;
    SourceRef previous{0, 0};
    std::uint32_t recordInLine = 0;
    for (std::size_t row = 0; row < events.size(); ++row) {
        const SourceRef source = events.source(row);
        recordInLine = (row > 0 && source.line == previous.line) ? recordInLine + 1 : 0;
        previous = source;
        if (source.line == 0 || source.line > std::uint32_t(lines.size()))
            return false;
        const QByteArray& line = lines[qsizetype(source.line) - 1];
        const std::string_view raw(line.constData(), std::size_t(line.size()));
        const qint64 id = nextEventId++;
        const EventRecord r = events.record(row);
        const QVariant values[] = {id,
                                   fileId,
                                   qint64(source.line),
                                   int(r.type),
                                   int(r.verb),
                                   QString::fromStdString(r.key),
                                   QString::fromStdString(r.customerId),
                                   qint64(r.time),
                                   qint64(r.amountCents)};
        for (int i = 0; i < int(std::size(values)); ++i)
            event.bind(i, values[i]);
        for (int d = 0; d < EventStore::kDetailCount; ++d)
            event.bind(9 + d,
                       r.hasDetail[d] ? QVariant(QString::fromStdString(r.detail[d]))
                                      : QVariant(QMetaType::fromType<QString>()));
        payload.bind(0, id);
        payload.bind(1, static_cast<qint64>(payloadHash(raw, recordInLine)));
        payload.bind(2, QString::fromUtf8(raw.data(), qsizetype(raw.size())));
        if (!event.exec() || !payload.exec())
            return false;
    }
    PreparedInsert rejected(db, QStringLiteral("rejected_lines"),
                            {"id", "file_id", "line_number", "reason", "raw_text"});
    for (const Rejection& r : read.rejections) {
        rejected.bind(0, nextRejectionId++);
        rejected.bind(1, fileId);
        rejected.bind(2, qint64(r.line));
        rejected.bind(3, QString::fromStdString(r.reason));
        rejected.bind(4, QString::fromStdString(r.raw));
        if (!rejected.exec())
            return false;
    }
    return true;
}

// Makes the empty database `db` a schema 4 workspace holding `files`; event ids start at
// `firstEventId` (an older workspace's ids need not start at 1).
inline void fillSchema4Workspace(QSqlDatabase& db, const QStringList& files, qint64 firstEventId = 1)
{
    QString error;
    QVERIFY2(WorkspaceSchema::upgrade(db, WorkspaceSchema::steps(), 4, &error), qPrintable(error));
    QVERIFY(db.transaction());
    qint64 nextEventId = firstEventId;
    qint64 nextRejectionId = 1;
    for (int f = 0; f < files.size(); ++f)
        QVERIFY2(storeLegacyFile(db, files[f], f + 1, nextEventId, nextRejectionId), qPrintable(files[f]));
    QVERIFY(db.commit());
}

// The same, as a workspace file at `path`.
inline void makeSchema4Workspace(const QString& path, const QStringList& files, qint64 firstEventId = 1)
{
    withRawConnection(path, [&](QSqlDatabase& db) { fillSchema4Workspace(db, files, firstEventId); });
}

} // namespace clv::test
