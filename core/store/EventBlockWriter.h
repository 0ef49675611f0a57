#pragma once

#include "model/EventStore.h"
#include "store/PreparedInsert.h"
#include "util/JobControl.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QString>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace clv {

// One block on its way into event_blocks and event_lines (see EventBlockCodec): rows
// [from, from + count) of `events`, all of one file, with consecutive ids from firstEventId.
struct PendingBlock {
    std::int64_t fileId = 0;
    std::int64_t firstEventId = 0;
    const EventStore* events = nullptr;
    std::size_t from = 0;
    std::size_t count = 0;
    std::string lines; // the events' distinct raw lines, in order, each ended by '\n'
};

// The raw text of line `number` of the file being stored; numbers never decrease from one
// call to the next. False when the line cannot be had.
using LineSource = std::function<bool(std::uint32_t number, std::string_view& text)>;

// Writes event blocks inside the caller's transaction: compresses a group of blocks side
// by side on the worker pool, then inserts them one after the other (the connection belongs
// to the calling thread). writeFile keeps both busy at once: while the pool compresses one
// group, the calling thread gathers the next group's raw lines and inserts the group before
// (the benchmark file's ingest: 1.96–2.08 s against 2.19–2.24 s one group after the other).
class EventBlockWriter {
public:
    explicit EventBlockWriter(const QSqlDatabase& db);

    // Finds where the stored blocks end. False, with `error` set, when the tables cannot be
    // read or the statements not prepared.
    bool prepare(QString* error);

    // Stores every event of `events` — all of one file, stored as `fileId` — with ids
    // counting up from `firstEventId`, their raw lines taken from `lineText`.
    bool writeFile(std::int64_t fileId, const EventStore& events, std::int64_t firstEventId, const LineSource& lineText,
                   const JobControl* control, QString* error);

    // Stores these blocks, in order.
    bool write(const std::vector<PendingBlock>& blocks, QString* error);

    // The database's reason for the last failed statement (invalid when none failed).
    QSqlError lastError() const { return m_lastError; }

private:
    struct Group;
    bool cancelled(const JobControl* control, QString* error) const;
    // Inserts a group once its compression has finished.
    bool insert(Group& group, QString* error);

    QSqlDatabase m_db;
    PreparedInsert m_insertBlock;
    PreparedInsert m_insertLines;
    std::int64_t m_nextBlockId = 1;
    QSqlError m_lastError;
};

} // namespace clv
