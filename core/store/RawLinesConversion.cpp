#include "store/RawLinesConversion.h"

#include "io/PayloadHash.h"
#include "store/EventBlockCodec.h"
#include "store/PreparedInsert.h"
#include "store/SharedStoreLocks.h"
#include "store/SqlFailure.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <vector>

namespace clv {

namespace {

// Walks the events of consecutive blocks with their raw lines: a block's lines are the
// distinct lines of its events in order, and a line whose records straddle two blocks is
// stored in both, its records counted on across the boundary.
class LineWalk {
public:
    // The payload hashes of one block's events. False, with `error` set, when the block has
    // fewer lines than its events name.
    bool hashBlock(std::int64_t fileId, const EventColumns& events, const std::vector<std::string_view>& lines,
                   std::vector<std::uint64_t>& hashes, QString* error)
    {
        hashes.resize(events.size());
        std::size_t line = 0;
        for (std::size_t row = 0; row < events.size(); ++row) {
            const bool sameLine = m_started && fileId == m_fileId && events.line[row] == m_line;
            m_recordInLine = sameLine ? m_recordInLine + 1 : 0;
            if (row > 0 && !sameLine)
                ++line;
            m_started = true;
            m_fileId = fileId;
            m_line = events.line[row];
            if (line >= lines.size()) {
                if (error)
                    *error = QStringLiteral("a stored block has fewer raw lines than its events");
                return false;
            }
            hashes[row] = payloadHash(lines[line], m_recordInLine);
        }
        return true;
    }

private:
    bool m_started = false;
    std::int64_t m_fileId = 0;
    std::uint32_t m_line = 0;
    std::uint32_t m_recordInLine = 0;
};

} // namespace

bool convertRawLinesToPayloadHashes(QSqlDatabase& db, QString* error)
{
    // Another client of a shared store must not add blocks while they are being hashed.
    if (!lockWorkspaceForWriting(db, error))
        return false;
    PreparedInsert insert(db, QStringLiteral("event_payload_hashes"), {"block_id", "hashes"});
    if (!insert.readyOr(error))
        return false;
    // The blocks are listed first and read one at a time: PostgreSQL's driver cannot go on
    // reading one statement's rows once another statement (the insert) has run.
    struct Block {
        qint64 id;
        qint64 fileId;
        qint64 count;
    };
    std::vector<Block> blocks;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, file_id, event_count FROM event_blocks ORDER BY first_event_id")))
        return sqlFailed(error, QStringLiteral("reading the event blocks failed"), q);
    while (q.next())
        blocks.push_back({q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong()});
    if (q.lastError().isValid())
        return sqlFailed(error, QStringLiteral("reading the event blocks failed"), q);
    if (!q.prepare(QStringLiteral("SELECT b.events, l.lines FROM event_blocks b "
                                  "LEFT JOIN event_lines l ON l.block_id = b.id WHERE b.id = ?")))
        return sqlFailed(error, QStringLiteral("reading the raw lines to hash failed"), q);

    LineWalk walk;
    std::string eventBytes;
    std::string lineBytes;
    EventColumns events;
    std::vector<std::string_view> lines;
    std::vector<std::uint64_t> hashes;
    for (const Block& block : blocks) {
        q.bindValue(0, block.id);
        if (!q.exec() || !q.next())
            return sqlFailed(error, QStringLiteral("reading the raw lines to hash failed"), q);
        if (q.value(1).isNull())
            return workspaceDamaged(error, QStringLiteral("event block %1 has no raw lines").arg(block.id));
        const QByteArray packedEvents = q.value(0).toByteArray();
        const QByteArray packedLines = q.value(1).toByteArray();
        q.finish();
        QString why;
        if (!EventBlockCodec::decodeEvents(packedEvents, eventBytes, events, &why)
            || !EventBlockCodec::decodeLines(packedLines, lineBytes, lines, &why)
            || !walk.hashBlock(block.fileId, events, lines, hashes, &why))
            return workspaceDamaged(error, QStringLiteral("event block %1: %2").arg(block.id).arg(why));
        if (static_cast<qint64>(events.size()) != block.count)
            return workspaceDamaged(error,
                                    QStringLiteral("event block %1 holds another number of events").arg(block.id));
        insert.bind(0, block.id);
        insert.bind(1, EventBlockCodec::encodePayloadHashes(hashes.data(), hashes.size()));
        if (!insert.exec())
            return insert.failed(QStringLiteral("storing payload hashes failed"), error);
    }
    return true;
}

} // namespace clv
