#include "store/EventBlockWriter.h"

#include "store/EventBlockCodec.h"
#include "store/SqlFailure.h"
#include "util/ComputePool.h"

#include <QFuture>
#include <QSqlQuery>
#include <QThreadPool>
#include <QVariant>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <memory>

namespace clv {

EventBlockWriter::EventBlockWriter(const QSqlDatabase& db)
    : m_db(db), m_insertBlock(db, QStringLiteral("event_blocks"),
                              {"id", "file_id", "first_event_id", "event_count", "first_line", "last_line", "events"}),
      m_insertHashes(db, QStringLiteral("event_payload_hashes"), {"block_id", "hashes"})
{
}

bool EventBlockWriter::prepare(QString* error)
{
    if (!m_insertBlock.readyOr(error) || !m_insertHashes.readyOr(error)) {
        m_lastError = m_insertBlock.isReady() ? m_insertHashes.lastError() : m_insertBlock.lastError();
        return false;
    }
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT MAX(id) FROM event_blocks")) || !q.next()) {
        m_lastError = q.lastError();
        return sqlFailed(error, QStringLiteral("reading the workspace failed"), q);
    }
    m_nextBlockId = q.value(0).isNull() ? 1 : q.value(0).toLongLong() + 1;
    return true;
}

bool EventBlockWriter::cancelled(const JobControl* control, QString* error) const
{
    if (!control || !control->isCancelled())
        return false;
    if (error)
        *error = QStringLiteral("cancelled");
    return true;
}

// Rows [from, from + count) of the file's events, with consecutive ids from firstEventId.
struct EventBlockWriter::Block {
    std::size_t from = 0;
    std::size_t count = 0;
    std::int64_t firstEventId = 0;
    QByteArray events; // compressed
    QByteArray hashes; // encoded
};

// A group of blocks, packed on the pool in the background. It stays where it was made (the
// pool's tasks refer to it) and waits for them when it goes.
struct EventBlockWriter::Group {
    std::vector<Block> blocks;
    QFuture<void> packing;

    Group() = default;
    Group(const Group&) = delete;
    Group& operator=(const Group&) = delete;
    ~Group() { packing.waitForFinished(); }

    void startPacking(const EventStore& events, const std::vector<std::uint64_t>& payloadHashes)
    {
        packing = QtConcurrent::map(computePool(), blocks, [&events, &payloadHashes](Block& b) {
            b.events = EventBlockCodec::encodeEvents(events, b.from, b.count);
            b.hashes = EventBlockCodec::encodePayloadHashes(payloadHashes.data() + b.from, b.count);
        });
    }
};

bool EventBlockWriter::writeFile(std::int64_t fileId, const EventStore& events,
                                 const std::vector<std::uint64_t>& payloadHashes, std::int64_t firstEventId,
                                 const JobControl* control, QString* error)
{
    if (payloadHashes.size() != events.size()) { // a caller's mistake, never the user's
        if (error)
            *error
                = QStringLiteral("%1 events came with %2 payload hashes").arg(events.size()).arg(payloadHashes.size());
        return false;
    }
    if (control)
        control->report(QStringLiteral("Storing"), 0.0);
    // A block per worker and group: the pool packs one group while this thread inserts the
    // one before.
    const auto groupSize = static_cast<std::size_t>(std::max(1, computePool()->maxThreadCount()));
    const std::size_t perGroup = groupSize * EventBlockCodec::kEventsPerBlock;
    auto packing = std::make_unique<Group>();
    auto packed = std::make_unique<Group>();
    for (std::size_t groupFrom = 0;; groupFrom += perGroup) {
        packing->blocks.clear();
        for (std::size_t from = groupFrom; from < std::min(events.size(), groupFrom + perGroup);
             from += EventBlockCodec::kEventsPerBlock) {
            const std::size_t count = std::min(EventBlockCodec::kEventsPerBlock, events.size() - from);
            packing->blocks.push_back({from, count, firstEventId + static_cast<std::int64_t>(from), {}, {}});
        }
        if (!packing->blocks.empty())
            packing->startPacking(events, payloadHashes);
        if (!packed->blocks.empty()) {
            if (!insert(*packed, fileId, events, error))
                return false;
            const Block& last = packed->blocks.back();
            if (control)
                control->report(QStringLiteral("Storing"), double(last.from + last.count) / double(events.size()));
            if (cancelled(control, error))
                return false;
        }
        if (packing->blocks.empty())
            return true;
        std::swap(packing, packed);
    }
}

bool EventBlockWriter::insert(Group& group, std::int64_t fileId, const EventStore& events, QString* error)
{
    group.packing.waitForFinished();
    for (const Block& b : group.blocks) {
        const qint64 id = m_nextBlockId++;
        m_insertBlock.bind(0, id);
        m_insertBlock.bind(1, qint64(fileId));
        m_insertBlock.bind(2, qint64(b.firstEventId));
        m_insertBlock.bind(3, qint64(b.count));
        m_insertBlock.bind(4, qint64(events.source(b.from).line));
        m_insertBlock.bind(5, qint64(events.source(b.from + b.count - 1).line));
        m_insertBlock.bind(6, b.events);
        if (!m_insertBlock.exec()) {
            m_lastError = m_insertBlock.lastError();
            return m_insertBlock.failed(QStringLiteral("storing events failed"), error);
        }
        m_insertHashes.bind(0, id);
        m_insertHashes.bind(1, b.hashes);
        if (!m_insertHashes.exec()) {
            m_lastError = m_insertHashes.lastError();
            return m_insertHashes.failed(QStringLiteral("storing payload hashes failed"), error);
        }
    }
    return true;
}

} // namespace clv
