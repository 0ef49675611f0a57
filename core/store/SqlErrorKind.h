#pragma once

#include <QSqlError>

namespace clv {

// True when the database refused a statement because its file is damaged or not a database
// at all (SQLite's SQLITE_CORRUPT and SQLITE_NOTADB, extended codes included): the stored
// data cannot be used, which callers report as unusable input rather than a failed write.
inline bool isDamagedDatabaseError(const QSqlError& error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok && ((code & 0xFF) == 11 || (code & 0xFF) == 26);
}

} // namespace clv
