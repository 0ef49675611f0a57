#pragma once

#include <QSqlDatabase>
#include <QString>

namespace clv {

// Schema 5's conversion: workspaces of schemas 1–4 kept one row per event in `events` and
// its raw line in `event_payloads`. This moves them, with their ids, files and line numbers
// unchanged (the stored results name events by id), into event blocks, a block at a time,
// inside the schema update's transaction. The old tables are dropped by the step afterwards.
bool convertEventRowsToBlocks(QSqlDatabase& db, QString* error);

} // namespace clv
