#pragma once

#include "store/PreparedInsert.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <memory>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace clv {

// A prepared INSERT for tables of millions of rows, bound with plain C++ values inside the
// caller's transaction. On SQLite it drives the connection's own sqlite3 handle: Qt SQL
// wraps every value in a QVariant and copies it again on the way down, which made saving
// the 3.6 million rows of a visits table take 12 s where SQLite itself needs about one.
// On other drivers (QPSQL) it binds through PreparedInsert. Text bound with text() must
// stay valid until exec().
class BulkInsert {
public:
    BulkInsert(const QSqlDatabase& db, const QString& table, const QStringList& columns);
    ~BulkInsert();
    BulkInsert(const BulkInsert&) = delete;
    BulkInsert& operator=(const BulkInsert&) = delete;

    // Prepared, or false with "preparing a statement failed: …" in `error`.
    bool readyOr(QString* error) const;

    void integer(int column, std::int64_t value);
    void real(int column, double value); // NaN is stored as NULL, as SQLite does anyway
    void text(int column, std::string_view value);
    void null(int column);
    // Inserts the bound row; the values stay bound for the next row.
    bool exec();
    // False with "`what`: the database's reason" in `error`, for a failed exec().
    bool failed(const QString& what, QString* error) const;
    QSqlError lastError() const;

private:
    sqlite3* m_sqlite = nullptr;
    sqlite3_stmt* m_statement = nullptr;
    std::unique_ptr<PreparedInsert> m_fallback;
    QString m_sql;
    QSqlError m_error;
};

} // namespace clv
