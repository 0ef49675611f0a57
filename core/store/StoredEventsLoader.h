#pragma once

#include "io/ReadResult.h"
#include "store/LoadedEvents.h"
#include "util/JobControl.h"

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>

#include <cstdint>
#include <memory>
#include <vector>

namespace clv {

// Rebuilds a ReadResult from a workspace's tables — files with their counts, events in
// ingest order, rejected lines — unpacking the stored event blocks (EventBlockCodec) on the
// worker pool, never parsing JSON. Optionally leaves out exact duplicates with the batch
// run's own DuplicateFilter, on the payload hashes stored when the files were read, so that
// both paths keep the same rows.
class StoredEventsLoader {
public:
    StoredEventsLoader(const QSqlDatabase& db, const JobControl* control) : m_db(db), m_control(control) {}

    // Null with `error` set on failure or cancel. `loaded` receives the event id of each row.
    std::shared_ptr<ReadResult> load(bool dropExactDuplicates, LoadedEvents& loaded, QString* error);
    // The files with their counts and the rejected lines, and no events: for stored results
    // that are written out again without them (ResultPack).
    std::shared_ptr<ReadResult> loadWithoutEvents(QString* error);

private:
    bool loadFiles(ReadResult& read, QString* error);
    bool readBlocks(QString* error);
    bool loadEvents(ReadResult& read, std::vector<std::int64_t>& ids, QString* error);
    bool payloadHashes(std::vector<std::uint64_t>& hashes, QString* error);
    bool dropDuplicates(ReadResult& read, std::vector<std::int64_t>& ids, QString* error);
    bool loadRejections(ReadResult& read, QString* error);
    bool cancelled(QString* error) const;

    QSqlDatabase m_db;
    const JobControl* m_control;
    struct StoredBlock {
        std::int64_t id = 0;
        std::uint32_t fileIndex = 0;
        std::int64_t firstEventId = 0;
        std::int64_t count = 0;
        QByteArray events; // compressed, until unpacked
    };

    std::vector<std::int64_t> m_fileIds; // per index of ReadResult::files
    std::vector<StoredBlock> m_blocks;   // in event id order
};

} // namespace clv
