#pragma once

#include <QSqlDatabase>
#include <QString>

namespace clv {

// Schema 6's conversion: schema 5 kept each event block's raw JSON lines (event_lines),
// which only the duplicate filter read, to hash. This hashes them once, as the reader hashes
// a file's lines, into event_payload_hashes, a row per block, inside the schema update's
// transaction; the step drops event_lines afterwards.
bool convertRawLinesToPayloadHashes(QSqlDatabase& db, QString* error);

} // namespace clv
