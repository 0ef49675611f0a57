#pragma once

#include "store/PreparedInsert.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace clv {

// A prepared INSERT for tables of millions of rows, bound with plain C++ values inside the
// caller's transaction. On SQLite it drives the connection's own sqlite3 handle: Qt SQL
// wraps every value in a QVariant and copies it again on the way down, which made saving
// the 3.6 million rows of a visits table take 12 s where SQLite itself needs about one.
// Rows are gathered and inserted 64 to a statement, which spreads SQLite's per-statement
// work over them. On other drivers (QPSQL) it binds through PreparedInsert, row by row.
// Text bound with text() must stay valid until finish(), which inserts what is gathered.
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
    // Inserts the bound row (perhaps later, with others); the values stay bound for the next row.
    bool exec();
    // Inserts the rows still gathered. Must be called once all rows are bound.
    bool finish();
    // False with "`what`: the database's reason" in `error`, for a failed exec().
    bool failed(const QString& what, QString* error) const;
    QSqlError lastError() const;

private:
    struct Value {
        enum class Kind : std::uint8_t { Null, Integer, Real, Text } kind = Kind::Null;
        std::int64_t integer = 0;
        double real = 0;
        std::string_view text;
    };
    sqlite3_stmt* prepare(int rows);
    bool bindAndStep(sqlite3_stmt* statement, const Value* values, int rows);
    bool sqliteFailed();

    sqlite3* m_sqlite = nullptr;
    sqlite3_stmt* m_statement = nullptr; // kRows rows
    sqlite3_stmt* m_single = nullptr;    // one row, for what is left at finish()
    QString m_table;
    QStringList m_columns;
    std::vector<Value> m_row;      // the row being bound
    std::vector<Value> m_gathered; // rows waiting for m_statement
    int m_gatheredRows = 0;
    std::unique_ptr<PreparedInsert> m_fallback;
    QString m_sql;
    QSqlError m_error;
};

} // namespace clv
