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
#include <numeric>

namespace clv {

EventBlockWriter::EventBlockWriter(const QSqlDatabase& db)
    : m_db(db), m_insertBlock(db, QStringLiteral("event_blocks"),
                              {"id", "file_id", "first_event_id", "event_count", "first_line", "last_line", "events"}),
      m_insertLines(db, QStringLiteral("event_lines"), {"block_id", "lines"})
{
}

bool EventBlockWriter::prepare(QString* error)
{
    if (!m_insertBlock.readyOr(error) || !m_insertLines.readyOr(error)) {
        m_lastError = m_insertBlock.isReady() ? m_insertLines.lastError() : m_insertBlock.lastError();
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

// A group of blocks and their compressed forms, compressed on the pool in the background.
// It stays where it was made (the pool's tasks refer to it) and waits for them when it goes.
// writeFile fills two groups by turns: a block's line buffer keeps its memory from one
// group to the next, since fresh pages are dear here (each first write faults a zeroed page
// in: gathering the benchmark file's 627 MB of lines into new buffers spent a quarter of the
// ingest's processor time in the kernel zeroing pages).
struct EventBlockWriter::Group {
    struct Packed {
        QByteArray events;
        QByteArray lines;
    };
    std::vector<PendingBlock> blocks; // the first `used` are this group's; the rest wait for reuse
    std::size_t used = 0;
    std::vector<Packed> packed;
    std::vector<std::size_t> order;
    QFuture<void> compressing;

    Group() = default;
    Group(const Group&) = delete;
    Group& operator=(const Group&) = delete;
    ~Group() { compressing.waitForFinished(); }

    PendingBlock& add()
    {
        if (used == blocks.size())
            blocks.emplace_back();
        PendingBlock& block = blocks[used++];
        block.lines.clear();
        return block;
    }

    // Once inserted: the group can be filled again.
    void reset()
    {
        compressing.waitForFinished();
        used = 0;
    }

    void startCompressing()
    {
        packed.resize(used);
        order.resize(used);
        std::iota(order.begin(), order.end(), std::size_t{0});
        compressing = QtConcurrent::map(computePool(), order, [this](std::size_t i) {
            const PendingBlock& b = blocks[i];
            packed[i].events = EventBlockCodec::encodeEvents(*b.events, b.from, b.count);
            packed[i].lines = EventBlockCodec::encodeLines(b.lines);
        });
    }
};

bool EventBlockWriter::writeFile(std::int64_t fileId, const EventStore& events, std::int64_t firstEventId,
                                 const LineSource& lineText, const JobControl* control, QString* error)
{
    // A block per worker: the next group is gathered while this one is compressed.
    const auto groupSize = static_cast<std::size_t>(std::max(1, computePool()->maxThreadCount()));
    auto gathering = std::make_unique<Group>();
    auto compressing = std::make_unique<Group>();
    auto insertCompressed = [&]() {
        if (compressing->used == 0)
            return true;
        const PendingBlock& last = compressing->blocks[compressing->used - 1];
        const std::size_t done = last.from + last.count;
        if (!insert(*compressing, error))
            return false;
        compressing->reset();
        if (control)
            control->report(QStringLiteral("Storing"), double(done) / double(events.size()));
        return !cancelled(control, error);
    };
    for (std::size_t from = 0; from < events.size(); from += EventBlockCodec::kEventsPerBlock) {
        if (from == 0 && control)
            control->report(QStringLiteral("Storing"), 0.0);
        PendingBlock& block = gathering->add();
        block.fileId = fileId;
        block.firstEventId = firstEventId + static_cast<std::int64_t>(from);
        block.events = &events;
        block.from = from;
        block.count = std::min(EventBlockCodec::kEventsPerBlock, events.size() - from);
        std::uint32_t lastLine = 0;
        for (std::size_t row = from; row < from + block.count; ++row) {
            const std::uint32_t line = events.source(row).line;
            if (row > from && line == lastLine)
                continue; // the next record of a line holding a JSON array
            std::string_view text;
            if (!lineText(line, text)) {
                if (error)
                    *error = QStringLiteral("line %1 cannot be read again").arg(line);
                return false;
            }
            block.lines.append(text);
            block.lines.push_back('\n');
            lastLine = line;
        }
        if (gathering->used == groupSize || block.from + block.count == events.size()) {
            gathering->startCompressing();
            if (!insertCompressed())
                return false;
            std::swap(compressing, gathering);
        }
    }
    return insertCompressed();
}

bool EventBlockWriter::write(const std::vector<PendingBlock>& blocks, QString* error)
{
    Group group;
    group.blocks = blocks;
    group.used = blocks.size();
    group.startCompressing();
    return insert(group, error);
}

bool EventBlockWriter::insert(Group& group, QString* error)
{
    group.compressing.waitForFinished();
    for (std::size_t i = 0; i < group.used; ++i) {
        const PendingBlock& b = group.blocks[i];
        const qint64 id = m_nextBlockId++;
        m_insertBlock.bind(0, id);
        m_insertBlock.bind(1, qint64(b.fileId));
        m_insertBlock.bind(2, qint64(b.firstEventId));
        m_insertBlock.bind(3, qint64(b.count));
        m_insertBlock.bind(4, qint64(b.events->source(b.from).line));
        m_insertBlock.bind(5, qint64(b.events->source(b.from + b.count - 1).line));
        m_insertBlock.bind(6, group.packed[i].events);
        if (!m_insertBlock.exec()) {
            m_lastError = m_insertBlock.lastError();
            return m_insertBlock.failed(QStringLiteral("storing events failed"), error);
        }
        m_insertLines.bind(0, id);
        m_insertLines.bind(1, group.packed[i].lines);
        if (!m_insertLines.exec()) {
            m_lastError = m_insertLines.lastError();
            return m_insertLines.failed(QStringLiteral("storing raw lines failed"), error);
        }
    }
    return true;
}

} // namespace clv
