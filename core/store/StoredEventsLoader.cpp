#include "store/StoredEventsLoader.h"

#include "etl/DuplicateFilter.h"
#include "store/SqlFailure.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace clv {

namespace {

// Into `out`, reusing its capacity: the loader fills one record per row.
void assignUtf8(std::string& out, const QVariant& value)
{
    const QByteArray bytes = value.toString().toUtf8();
    out.assign(bytes.constData(), static_cast<std::size_t>(bytes.size()));
}

} // namespace

bool StoredEventsLoader::cancelled(QString* error) const
{
    if (!m_control || !m_control->isCancelled())
        return false;
    if (error)
        *error = QStringLiteral("cancelled");
    return true;
}

std::shared_ptr<ReadResult> StoredEventsLoader::load(bool dropExactDuplicates, LoadedEvents& loaded, QString* error)
{
    auto read = std::make_shared<ReadResult>();
    std::vector<std::int64_t> ids;
    if (m_control)
        m_control->report(QStringLiteral("Loading"), 0.0);
    if (!loadFiles(*read, error) || !loadEvents(*read, ids, error))
        return nullptr;
    const qint64 stored = static_cast<qint64>(ids.size());
    if (dropExactDuplicates && !dropDuplicates(*read, ids, error))
        return nullptr;
    // Asked once more at the end: a cancel made after the last check inside would go unseen.
    if (!loadRejections(*read, error) || cancelled(error))
        return nullptr;
    loaded.store = read->events;
    loaded.eventIds = std::move(ids);
    loaded.storedEventCount = stored;
    loaded.droppedDuplicates = dropExactDuplicates;
    return read;
}

bool StoredEventsLoader::loadFiles(ReadResult& read, QString* error)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, path, display_name, size_bytes, line_count, record_count, accepted_count, "
                               "rejected_count FROM source_files ORDER BY id")))
        return sqlFailed(error, QStringLiteral("reading the workspace's files failed"), q);
    m_fileIds.clear();
    while (q.next()) {
        m_fileIds.push_back(q.value(0).toLongLong());
        read.files.push_back({q.value(1).toString(), q.value(2).toString(), q.value(3).toLongLong()});
        read.fileStats.push_back(
            {q.value(4).toLongLong(), q.value(5).toLongLong(), q.value(6).toLongLong(), q.value(7).toLongLong()});
        read.bytesRead += read.files.back().bytes;
    }
    return true;
}

bool StoredEventsLoader::loadEvents(ReadResult& read, std::vector<std::int64_t>& ids, QString* error)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM events")) || !q.next())
        return sqlFailed(error, QStringLiteral("reading the workspace's events failed"), q);
    const qint64 total = q.value(0).toLongLong();
    q.finish();
    read.events->reserve(static_cast<std::size_t>(total));
    ids.reserve(static_cast<std::size_t>(total));

    // Forward-only: Qt keeps no copy of the rows already read, so memory stays with the store.
    if (!q.exec(QStringLiteral("SELECT id, file_id, line_number, event_type, event_verb, event_key, customer_id, "
                               "event_time_us, amount_cents, detail_1, detail_2, detail_3 FROM events ORDER BY id")))
        return sqlFailed(error, QStringLiteral("reading the workspace's events failed"), q);
    EventRecord record;
    std::int64_t lastFileId = -1;
    std::uint32_t fileIndex = 0;
    while (q.next()) {
        const std::int64_t fileId = q.value(1).toLongLong();
        if (fileId != lastFileId) {
            const auto it = std::lower_bound(m_fileIds.begin(), m_fileIds.end(), fileId);
            if (it == m_fileIds.end() || *it != fileId)
                return workspaceDamaged(
                    error, QStringLiteral("event %1 belongs to no stored file").arg(q.value(0).toLongLong()));
            fileIndex = static_cast<std::uint32_t>(it - m_fileIds.begin());
            lastFileId = fileId;
        }
        const int type = q.value(3).toInt();
        const int verb = q.value(4).toInt();
        if (type < 0 || type > int(EventType::Order) || verb < 0 || verb > int(EventVerb::Upload))
            return workspaceDamaged(
                error, QStringLiteral("event %1 has an unknown type or verb").arg(q.value(0).toLongLong()));
        record.type = static_cast<EventType>(type);
        record.verb = static_cast<EventVerb>(verb);
        assignUtf8(record.key, q.value(5));
        assignUtf8(record.customerId, q.value(6));
        record.time = q.value(7).toLongLong();
        record.amountCents = q.value(8).toLongLong();
        for (int d = 0; d < EventStore::kDetailCount; ++d) {
            const QVariant detail = q.value(9 + d);
            record.hasDetail[d] = !detail.isNull();
            if (record.hasDetail[d])
                assignUtf8(record.detail[d], detail);
            else
                record.detail[d].clear();
        }
        read.events->append(record, {fileIndex, static_cast<std::uint32_t>(q.value(2).toLongLong())});
        ids.push_back(q.value(0).toLongLong());
        if ((ids.size() & 0xFFFF) == 0) {
            if (cancelled(error))
                return false;
            if (m_control && total > 0)
                m_control->report(QStringLiteral("Loading"), double(ids.size()) / double(total));
        }
    }
    if (q.lastError().isValid())
        return sqlFailed(error, QStringLiteral("reading the workspace's events failed"), q);
    return true;
}

bool StoredEventsLoader::dropDuplicates(ReadResult& read, std::vector<std::int64_t>& ids, QString* error)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT event_id, payload_hash FROM event_payloads ORDER BY event_id")))
        return sqlFailed(error, QStringLiteral("reading the workspace's payload hashes failed"), q);
    std::vector<std::uint64_t> hashes;
    hashes.reserve(ids.size());
    while (q.next()) {
        if (hashes.size() >= ids.size() || q.value(0).toLongLong() != ids[hashes.size()])
            return workspaceDamaged(error, QStringLiteral("the raw lines do not match the events"));
        hashes.push_back(static_cast<std::uint64_t>(q.value(1).toLongLong()));
    }
    if (hashes.size() != ids.size())
        return workspaceDamaged(error, QStringLiteral("some events have no raw line"));
    if (cancelled(error))
        return false;

    const std::vector<std::uint32_t> rows = DuplicateFilter::keptRows(*read.events, hashes);
    if (rows.size() == ids.size())
        return true;
    read.events = DuplicateFilter::copyRows(*read.events, rows);
    std::vector<std::int64_t> keptIds;
    keptIds.reserve(rows.size());
    for (std::uint32_t row : rows)
        keptIds.push_back(ids[row]);
    ids = std::move(keptIds);
    return true;
}

bool StoredEventsLoader::loadRejections(ReadResult& read, QString* error)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT file_id, line_number, reason, raw_text FROM rejected_lines ORDER BY id")))
        return sqlFailed(error, QStringLiteral("reading the workspace's rejected lines failed"), q);
    while (q.next()) {
        const auto it = std::lower_bound(m_fileIds.begin(), m_fileIds.end(), q.value(0).toLongLong());
        if (it == m_fileIds.end() || *it != q.value(0).toLongLong())
            return workspaceDamaged(error, QStringLiteral("a rejected line belongs to no stored file"));
        read.rejections.push_back({static_cast<std::uint32_t>(it - m_fileIds.begin()),
                                   static_cast<std::uint32_t>(q.value(1).toLongLong()),
                                   q.value(2).toString().toStdString(), q.value(3).toString().toStdString()});
    }
    return true;
}

} // namespace clv
