#pragma once

#include "model/EventStore.h"
#include "store/PreparedInsert.h"
#include "util/JobControl.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QString>

#include <cstdint>
#include <vector>

namespace clv {

// Writes a file's events as blocks inside the caller's transaction (see EventBlockCodec):
// compresses a group of blocks side by side on the worker pool while the group before is
// inserted (the connection belongs to the calling thread).
class EventBlockWriter {
public:
    explicit EventBlockWriter(const QSqlDatabase& db);

    // Finds where the stored blocks end. False, with `error` set, when the tables cannot be
    // read or the statements not prepared.
    bool prepare(QString* error);

    // Stores every event of `events` — all of one file, stored as `fileId` — with ids
    // counting up from `firstEventId`, and their payload hashes (one per event).
    bool writeFile(std::int64_t fileId, const EventStore& events, const std::vector<std::uint64_t>& payloadHashes,
                   std::int64_t firstEventId, const JobControl* control, QString* error);

    // The database's reason for the last failed statement (invalid when none failed).
    QSqlError lastError() const { return m_lastError; }

private:
    struct Block;
    struct Group;
    bool cancelled(const JobControl* control, QString* error) const;
    // Inserts a group once its compression has finished.
    bool insert(Group& group, std::int64_t fileId, const EventStore& events, QString* error);

    QSqlDatabase m_db;
    PreparedInsert m_insertBlock;
    PreparedInsert m_insertHashes;
    std::int64_t m_nextBlockId = 1;
    QSqlError m_lastError;
};

} // namespace clv
