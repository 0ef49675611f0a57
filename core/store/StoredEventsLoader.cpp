#include "store/StoredEventsLoader.h"

#include "etl/DuplicateFilter.h"
#include "store/EventBlockCodec.h"
#include "store/SqlFailure.h"
#include "util/ComputePool.h"

#include <QFuture>
#include <QSqlError>
#include <QSqlQuery>
#include <QThreadPool>
#include <QVariant>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>

namespace clv {

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

std::shared_ptr<ReadResult> StoredEventsLoader::loadWithoutEvents(QString* error)
{
    auto read = std::make_shared<ReadResult>();
    if (!loadFiles(*read, error) || !loadRejections(*read, error) || cancelled(error))
        return nullptr;
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

bool StoredEventsLoader::readBlocks(QString* error)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, file_id, first_event_id, event_count, events FROM event_blocks "
                               "ORDER BY first_event_id")))
        return sqlFailed(error, QStringLiteral("reading the workspace's events failed"), q);
    m_blocks.clear();
    std::int64_t nextId = 1;
    while (q.next()) {
        StoredBlock block;
        block.id = q.value(0).toLongLong();
        const std::int64_t fileId = q.value(1).toLongLong();
        const auto file = std::lower_bound(m_fileIds.begin(), m_fileIds.end(), fileId);
        if (file == m_fileIds.end() || *file != fileId)
            return workspaceDamaged(error, QStringLiteral("event block %1 belongs to no stored file").arg(block.id));
        block.fileIndex = static_cast<std::uint32_t>(file - m_fileIds.begin());
        block.firstEventId = q.value(2).toLongLong();
        block.count = q.value(3).toLongLong();
        if (block.firstEventId < nextId || block.count <= 0
            || block.count > static_cast<std::int64_t>(EventBlockCodec::kEventsPerBlock))
            return workspaceDamaged(error, QStringLiteral("event block %1 overlaps another or is empty").arg(block.id));
        nextId = block.firstEventId + block.count;
        block.events = q.value(4).toByteArray();
        m_blocks.push_back(std::move(block));
        if (cancelled(error))
            return false;
    }
    if (q.lastError().isValid())
        return sqlFailed(error, QStringLiteral("reading the workspace's events failed"), q);
    return true;
}

bool StoredEventsLoader::loadEvents(ReadResult& read, std::vector<std::int64_t>& ids, QString* error)
{
    if (!readBlocks(error))
        return false;
    std::size_t total = 0;
    for (const StoredBlock& block : m_blocks)
        total += static_cast<std::size_t>(block.count);
    EventStore& events = *read.events;
    events.reserve(total);
    ids.reserve(total);

    // Groups of blocks are unpacked side by side on the pool while this thread appends the
    // group before to the store: appending interns only each block's dictionaries, so the
    // two take turns without waiting long. Two groups' unpacked bytes are held at a time.
    QThreadPool* pool = computePool();
    const auto groupSize = static_cast<std::size_t>(std::max(1, pool->maxThreadCount()) * 2);
    struct Unpacked {
        std::size_t block = 0;
        std::string raw;
        EventColumns columns;
        QString problem;
    };
    auto unpack = [this](Unpacked& out) {
        StoredBlock& block = m_blocks[out.block];
        out.problem.clear();
        if (EventBlockCodec::decodeEvents(block.events, out.raw, out.columns, &out.problem)
            && static_cast<std::int64_t>(out.columns.size()) != block.count)
            out.problem = QStringLiteral("event block %1 holds %2 events, not %3")
                              .arg(block.id)
                              .arg(out.columns.size())
                              .arg(block.count);
        block.events = QByteArray(); // unpacked: its memory can go
    };
    auto start = [&](std::vector<Unpacked>& group, std::size_t first) {
        group.resize(std::min(groupSize, m_blocks.size() - first));
        for (std::size_t i = 0; i < group.size(); ++i)
            group[i].block = first + i;
        return QtConcurrent::map(pool, group, unpack);
    };
    std::vector<Unpacked> current;
    std::vector<Unpacked> next;
    QFuture<void> unpacking = m_blocks.empty() ? QFuture<void>() : start(current, 0);
    for (std::size_t first = 0; first < m_blocks.size(); first += groupSize) {
        unpacking.waitForFinished();
        const std::size_t following = first + groupSize;
        if (following < m_blocks.size())
            unpacking = start(next, following);
        for (const Unpacked& out : current) {
            const StoredBlock& block = m_blocks[out.block];
            if (!out.problem.isEmpty()) {
                unpacking.waitForFinished();
                return workspaceDamaged(error, out.problem);
            }
            events.appendColumns(out.columns, block.fileIndex);
            for (std::int64_t k = 0; k < block.count; ++k)
                ids.push_back(block.firstEventId + k);
        }
        std::swap(current, next);
        if (cancelled(error)) {
            unpacking.waitForFinished();
            return false;
        }
        if (m_control)
            m_control->report(QStringLiteral("Loading"),
                              double(std::min(following, m_blocks.size())) / double(m_blocks.size()));
    }
    return true;
}

bool StoredEventsLoader::payloadHashes(std::vector<std::uint64_t>& hashes, QString* error)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT b.id, h.hashes FROM event_blocks b "
                               "LEFT JOIN event_payload_hashes h ON h.block_id = b.id ORDER BY b.first_event_id")))
        return sqlFailed(error, QStringLiteral("reading the workspace's payload hashes failed"), q);
    std::size_t total = 0;
    for (const StoredBlock& block : m_blocks)
        total += static_cast<std::size_t>(block.count);
    hashes.assign(total, 0);
    std::size_t row = 0;
    std::size_t block = 0;
    while (q.next()) {
        if (block >= m_blocks.size() || q.value(0).toLongLong() != m_blocks[block].id)
            return workspaceDamaged(error, QStringLiteral("the payload hashes do not match the events"));
        if (q.value(1).isNull())
            return workspaceDamaged(error,
                                    QStringLiteral("event block %1 has no payload hashes").arg(m_blocks[block].id));
        const auto count = static_cast<std::size_t>(m_blocks[block].count);
        QString why;
        if (!EventBlockCodec::decodePayloadHashes(q.value(1).toByteArray(), count, hashes.data() + row, &why))
            return workspaceDamaged(error, why);
        row += count;
        ++block;
        if (cancelled(error))
            return false;
    }
    if (block != m_blocks.size())
        return workspaceDamaged(error, QStringLiteral("some events have no payload hashes"));
    return true;
}

bool StoredEventsLoader::dropDuplicates(ReadResult& read, std::vector<std::int64_t>& ids, QString* error)
{
    std::vector<std::uint64_t> hashes;
    if (!payloadHashes(hashes, error))
        return false;
    if (hashes.size() != read.events->size())
        return workspaceDamaged(error, QStringLiteral("the payload hashes do not match the events"));
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
