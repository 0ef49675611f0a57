#include "store/BulkInsert.h"

#include <QSqlDriver>
#include <QVariant>

#include <cmath>
#include <sqlite3.h>

namespace clv {

namespace {

// The sqlite3 handle behind a QSQLITE connection; null for any other driver. Qt's SQLite
// plugin links the same system libsqlite3 this library does (Debian's qt6-base).
sqlite3* sqliteHandle(const QSqlDatabase& db)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3* const*>(handle.constData());
}

} // namespace

namespace {

constexpr int kRows = 64;

} // namespace

BulkInsert::BulkInsert(const QSqlDatabase& db, const QString& table, const QStringList& columns)
    : m_sqlite(sqliteHandle(db)), m_table(table), m_columns(columns)
{
    if (!m_sqlite) {
        m_fallback = std::make_unique<PreparedInsert>(db, table, columns);
        return;
    }
    m_row.resize(static_cast<std::size_t>(columns.size()));
    m_gathered.reserve(m_row.size() * kRows);
    m_statement = prepare(kRows);
    if (m_statement)
        m_single = prepare(1);
}

BulkInsert::~BulkInsert()
{
    sqlite3_finalize(m_statement);
    sqlite3_finalize(m_single);
}

sqlite3_stmt* BulkInsert::prepare(int rows)
{
    QStringList marks;
    for (int i = 0; i < m_columns.size(); ++i)
        marks << QStringLiteral("?");
    const QString row = QLatin1Char('(') + marks.join(QLatin1String(", ")) + QLatin1Char(')');
    QStringList values;
    for (int i = 0; i < rows; ++i)
        values << row;
    const QByteArray sql = QStringLiteral("INSERT INTO %1 (%2) VALUES %3")
                               .arg(m_table, m_columns.join(QLatin1String(", ")), values.join(QLatin1String(", ")))
                               .toUtf8();
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(m_sqlite, sql.constData(), static_cast<int>(sql.size()), &statement, nullptr) != SQLITE_OK) {
        sqliteFailed();
        sqlite3_finalize(statement);
        return nullptr;
    }
    return statement;
}

bool BulkInsert::sqliteFailed()
{
    m_error = QSqlError(QString(), QString::fromUtf8(sqlite3_errmsg(m_sqlite)), QSqlError::StatementError,
                        QString::number(sqlite3_extended_errcode(m_sqlite)));
    return false;
}

bool BulkInsert::readyOr(QString* error) const
{
    if (m_fallback)
        return m_fallback->readyOr(error);
    if (m_statement && m_single)
        return true;
    if (error)
        *error = QStringLiteral("preparing a statement failed: %1").arg(m_error.text());
    return false;
}

void BulkInsert::integer(int column, std::int64_t value)
{
    if (m_fallback)
        m_fallback->bind(column, qint64(value));
    else
        m_row[static_cast<std::size_t>(column)] = {Value::Kind::Integer, value, 0, {}};
}

void BulkInsert::real(int column, double value)
{
    if (m_fallback)
        m_fallback->bind(column, std::isnan(value) ? QVariant(QMetaType::fromType<double>()) : QVariant(value));
    else
        m_row[static_cast<std::size_t>(column)] = {Value::Kind::Real, 0, value, {}};
}

void BulkInsert::text(int column, std::string_view value)
{
    if (m_fallback)
        m_fallback->bind(column, QString::fromUtf8(value.data(), static_cast<qsizetype>(value.size())));
    else
        m_row[static_cast<std::size_t>(column)] = {Value::Kind::Text, 0, 0, value};
}

void BulkInsert::null(int column)
{
    if (m_fallback)
        m_fallback->bind(column, QVariant(QMetaType::fromType<QString>()));
    else
        m_row[static_cast<std::size_t>(column)] = {};
}

bool BulkInsert::bindAndStep(sqlite3_stmt* statement, const Value* values, int rows)
{
    const int count = rows * static_cast<int>(m_row.size());
    for (int i = 0; i < count; ++i) {
        const Value& v = values[i];
        switch (v.kind) {
        case Value::Kind::Null: sqlite3_bind_null(statement, i + 1); break;
        case Value::Kind::Integer: sqlite3_bind_int64(statement, i + 1, v.integer); break;
        case Value::Kind::Real: sqlite3_bind_double(statement, i + 1, v.real); break;
        case Value::Kind::Text:
            sqlite3_bind_text(statement, i + 1, v.text.data(), static_cast<int>(v.text.size()), SQLITE_STATIC);
            break;
        }
    }
    const int step = sqlite3_step(statement);
    sqlite3_reset(statement);
    return step == SQLITE_DONE || sqliteFailed();
}

bool BulkInsert::exec()
{
    if (m_fallback)
        return m_fallback->exec();
    m_gathered.insert(m_gathered.end(), m_row.begin(), m_row.end());
    if (++m_gatheredRows < kRows)
        return true;
    m_gatheredRows = 0;
    const bool stepped = bindAndStep(m_statement, m_gathered.data(), kRows);
    m_gathered.clear();
    return stepped;
}

bool BulkInsert::finish()
{
    if (m_fallback)
        return true;
    for (int row = 0; row < m_gatheredRows; ++row)
        if (!bindAndStep(m_single, m_gathered.data() + std::size_t(row) * m_row.size(), 1))
            return false;
    m_gatheredRows = 0;
    m_gathered.clear();
    return true;
}

bool BulkInsert::failed(const QString& what, QString* error) const
{
    if (error)
        *error = QStringLiteral("%1: %2").arg(what, lastError().text());
    return false;
}

QSqlError BulkInsert::lastError() const
{
    return m_fallback ? m_fallback->lastError() : m_error;
}

} // namespace clv
