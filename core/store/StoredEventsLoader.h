#pragma once

#include "io/ReadResult.h"
#include "store/LoadedEvents.h"
#include "util/JobControl.h"

#include <QSqlDatabase>
#include <QString>

#include <memory>

namespace clv {

// Rebuilds a ReadResult from a workspace's tables — files with their counts, events in
// ingest order, rejected lines — reading the stored columns, never the JSON. Optionally
// leaves out exact duplicates with the batch run's own DuplicateFilter, on the payload
// hashes stored at ingest, so that both paths keep the same rows.
class StoredEventsLoader {
public:
    StoredEventsLoader(const QSqlDatabase& db, const JobControl* control) : m_db(db), m_control(control) {}

    // Null with `error` set on failure or cancel. `loaded` receives the event id of each row.
    std::shared_ptr<ReadResult> load(bool dropExactDuplicates, LoadedEvents& loaded, QString* error);

private:
    bool loadFiles(ReadResult& read, QString* error);
    bool loadEvents(ReadResult& read, std::vector<std::int64_t>& ids, QString* error);
    bool dropDuplicates(ReadResult& read, std::vector<std::int64_t>& ids, QString* error);
    bool loadRejections(ReadResult& read, QString* error);
    bool cancelled(QString* error) const;

    QSqlDatabase m_db;
    const JobControl* m_control;
    std::vector<std::int64_t> m_fileIds; // per index of ReadResult::files
};

} // namespace clv
