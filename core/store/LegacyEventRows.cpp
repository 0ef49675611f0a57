#include "store/LegacyEventRows.h"

#include "store/EventBlockCodec.h"
#include "store/PreparedInsert.h"
#include "store/SharedStoreLocks.h"
#include "store/SqlFailure.h"

#include <QSqlQuery>
#include <QVariant>

#include <vector>

namespace clv {

namespace {

void assignUtf8(std::string& out, const QVariant& value)
{
    const QByteArray bytes = value.toString().toUtf8();
    out.assign(bytes.constData(), static_cast<std::size_t>(bytes.size()));
}

// The rows of one block being gathered: consecutive ids of one file, and their distinct
// raw lines, each ended by '\n', as schema 5 stores them in event_lines.
struct Segment {
    std::int64_t fileId = 0;
    std::int64_t firstEventId = 0;
    EventStore events;
    std::string lines;
    std::uint32_t lastLine = 0;

    bool continues(std::int64_t file, std::int64_t id) const
    {
        return !events.empty() && fileId == file && firstEventId + std::int64_t(events.size()) == id
            && events.size() < EventBlockCodec::kEventsPerBlock;
    }
};

// Writes the blocks of schema 5: event_blocks and event_lines, one row each per block.
class Schema5Blocks {
public:
    explicit Schema5Blocks(const QSqlDatabase& db)
        : m_block(db, QStringLiteral("event_blocks"),
                  {"id", "file_id", "first_event_id", "event_count", "first_line", "last_line", "events"}),
          m_lines(db, QStringLiteral("event_lines"), {"block_id", "lines"})
    {
    }
    bool ready(QString* error) const { return m_block.readyOr(error) && m_lines.readyOr(error); }
    bool write(const Segment& segment, QString* error)
    {
        const qint64 id = m_nextId++;
        const EventStore& events = segment.events;
        m_block.bind(0, id);
        m_block.bind(1, qint64(segment.fileId));
        m_block.bind(2, qint64(segment.firstEventId));
        m_block.bind(3, qint64(events.size()));
        m_block.bind(4, qint64(events.source(0).line));
        m_block.bind(5, qint64(events.source(events.size() - 1).line));
        m_block.bind(6, EventBlockCodec::encodeEvents(events, 0, events.size()));
        if (!m_block.exec())
            return m_block.failed(QStringLiteral("storing events failed"), error);
        m_lines.bind(0, id);
        m_lines.bind(1, EventBlockCodec::encodeLines(segment.lines));
        return m_lines.exec() || m_lines.failed(QStringLiteral("storing raw lines failed"), error);
    }

private:
    PreparedInsert m_block;
    PreparedInsert m_lines;
    qint64 m_nextId = 1; // a schema 4 file has no blocks yet
};

} // namespace

bool convertEventRowsToBlocks(QSqlDatabase& db, QString* error)
{
    // Another client of a shared store must not add events while they are being moved.
    if (!lockWorkspaceForWriting(db, error))
        return false;
    Schema5Blocks writer(db);
    if (!writer.ready(error))
        return false;
    // The rows are read a batch at a time, and the blocks they complete written between
    // batches: PostgreSQL's driver cannot go on reading one statement's rows once another
    // statement (an insert) has run on the connection.
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.prepare(QStringLiteral("SELECT e.id, e.file_id, e.line_number, e.event_type, e.event_verb, e.event_key, "
                                  "e.customer_id, e.event_time_us, e.amount_cents, e.detail_1, e.detail_2, e.detail_3, "
                                  "p.raw_json FROM events e LEFT JOIN event_payloads p ON p.event_id = e.id "
                                  "WHERE e.id > ? ORDER BY e.id LIMIT %1")
                       .arg(EventBlockCodec::kEventsPerBlock)))
        return sqlFailed(error, QStringLiteral("reading the events to convert failed"), q);

    Segment segment;
    std::vector<Segment> complete;
    EventRecord record;
    qint64 after = 0; // ids are given from 1 up (and the column is int4 on PostgreSQL)
    for (bool more = true; more;) {
        q.bindValue(0, after);
        if (!q.exec())
            return sqlFailed(error, QStringLiteral("reading the events to convert failed"), q);
        more = false;
        while (q.next()) {
            more = true;
            const std::int64_t id = q.value(0).toLongLong();
            after = id;
            const std::int64_t fileId = q.value(1).toLongLong();
            const int type = q.value(3).toInt();
            const int verb = q.value(4).toInt();
            if (type < 0 || type > int(EventType::Order) || verb < 0 || verb > int(EventVerb::Upload))
                return workspaceDamaged(error, QStringLiteral("event %1 has an unknown type or verb").arg(id));
            if (!segment.continues(fileId, id)) {
                if (!segment.events.empty())
                    complete.push_back(std::move(segment));
                segment = Segment();
                segment.fileId = fileId;
                segment.firstEventId = id;
            }
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
            const auto line = static_cast<std::uint32_t>(q.value(2).toLongLong());
            if (segment.events.empty() || line != segment.lastLine) {
                segment.lines.append(q.value(12).toString().toStdString());
                segment.lines.push_back('\n');
                segment.lastLine = line;
            }
            segment.events.append(record, {0, line});
        }
        if (q.lastError().isValid())
            return sqlFailed(error, QStringLiteral("reading the events to convert failed"), q);
        q.finish();
        for (const Segment& done : complete)
            if (!writer.write(done, error))
                return false;
        complete.clear();
    }
    return segment.events.empty() || writer.write(segment, error);
}

} // namespace clv
