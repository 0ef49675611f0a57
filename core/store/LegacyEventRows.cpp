#include "store/LegacyEventRows.h"

#include "store/EventBlockCodec.h"
#include "store/EventBlockWriter.h"
#include "store/SqlFailure.h"

#include <QSqlQuery>
#include <QVariant>

namespace clv {

namespace {

void assignUtf8(std::string& out, const QVariant& value)
{
    const QByteArray bytes = value.toString().toUtf8();
    out.assign(bytes.constData(), static_cast<std::size_t>(bytes.size()));
}

// The rows of one block being gathered: consecutive ids of one file.
struct Segment {
    EventStore events;
    PendingBlock block;
    std::uint32_t lastLine = 0;

    bool continues(std::int64_t fileId, std::int64_t id) const
    {
        return block.count > 0 && block.fileId == fileId && block.firstEventId + std::int64_t(block.count) == id
            && block.count < EventBlockCodec::kEventsPerBlock;
    }
};

} // namespace

bool convertEventRowsToBlocks(QSqlDatabase& db, QString* error)
{
    EventBlockWriter writer(db);
    if (!writer.prepare(error))
        return false;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(
            QStringLiteral("SELECT e.id, e.file_id, e.line_number, e.event_type, e.event_verb, e.event_key, "
                           "e.customer_id, e.event_time_us, e.amount_cents, e.detail_1, e.detail_2, e.detail_3, "
                           "p.raw_json FROM events e LEFT JOIN event_payloads p ON p.event_id = e.id ORDER BY e.id")))
        return sqlFailed(error, QStringLiteral("reading the events to convert failed"), q);

    Segment segment;
    auto flush = [&]() {
        if (segment.block.count == 0)
            return true;
        segment.block.events = &segment.events;
        const bool written = writer.write({segment.block}, error);
        segment = Segment();
        return written;
    };
    EventRecord record;
    while (q.next()) {
        const std::int64_t id = q.value(0).toLongLong();
        const std::int64_t fileId = q.value(1).toLongLong();
        const int type = q.value(3).toInt();
        const int verb = q.value(4).toInt();
        if (type < 0 || type > int(EventType::Order) || verb < 0 || verb > int(EventVerb::Upload))
            return workspaceDamaged(error, QStringLiteral("event %1 has an unknown type or verb").arg(id));
        if (!segment.continues(fileId, id)) {
            if (!flush())
                return false;
            segment.block.fileId = fileId;
            segment.block.firstEventId = id;
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
        if (segment.block.count == 0 || line != segment.lastLine) {
            segment.block.lines.append(q.value(12).toString().toStdString());
            segment.block.lines.push_back('\n');
            segment.lastLine = line;
        }
        segment.events.append(record, {0, line});
        ++segment.block.count;
    }
    if (q.lastError().isValid())
        return sqlFailed(error, QStringLiteral("reading the events to convert failed"), q);
    return flush();
}

} // namespace clv
