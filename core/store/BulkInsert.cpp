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

BulkInsert::BulkInsert(const QSqlDatabase& db, const QString& table, const QStringList& columns)
    : m_sqlite(sqliteHandle(db))
{
    if (!m_sqlite) {
        m_fallback = std::make_unique<PreparedInsert>(db, table, columns);
        return;
    }
    QStringList marks;
    for (int i = 0; i < columns.size(); ++i)
        marks << QStringLiteral("?");
    const QByteArray sql = QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                               .arg(table, columns.join(QLatin1String(", ")), marks.join(QLatin1String(", ")))
                               .toUtf8();
    if (sqlite3_prepare_v2(m_sqlite, sql.constData(), static_cast<int>(sql.size()), &m_statement, nullptr)
        != SQLITE_OK) {
        m_error = QSqlError(QString(), QString::fromUtf8(sqlite3_errmsg(m_sqlite)), QSqlError::StatementError,
                            QString::number(sqlite3_extended_errcode(m_sqlite)));
        sqlite3_finalize(m_statement);
        m_statement = nullptr;
    }
}

BulkInsert::~BulkInsert()
{
    sqlite3_finalize(m_statement);
}

bool BulkInsert::readyOr(QString* error) const
{
    if (m_fallback)
        return m_fallback->readyOr(error);
    if (m_statement)
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
        sqlite3_bind_int64(m_statement, column + 1, value);
}

void BulkInsert::real(int column, double value)
{
    if (m_fallback)
        m_fallback->bind(column, std::isnan(value) ? QVariant(QMetaType::fromType<double>()) : QVariant(value));
    else
        sqlite3_bind_double(m_statement, column + 1, value);
}

void BulkInsert::text(int column, std::string_view value)
{
    if (m_fallback)
        m_fallback->bind(column, QString::fromUtf8(value.data(), static_cast<qsizetype>(value.size())));
    else
        sqlite3_bind_text(m_statement, column + 1, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
}

void BulkInsert::null(int column)
{
    if (m_fallback)
        m_fallback->bind(column, QVariant(QMetaType::fromType<QString>()));
    else
        sqlite3_bind_null(m_statement, column + 1);
}

bool BulkInsert::exec()
{
    if (m_fallback)
        return m_fallback->exec();
    const int step = sqlite3_step(m_statement);
    sqlite3_reset(m_statement);
    if (step == SQLITE_DONE)
        return true;
    m_error = QSqlError(QString(), QString::fromUtf8(sqlite3_errmsg(m_sqlite)), QSqlError::StatementError,
                        QString::number(sqlite3_extended_errcode(m_sqlite)));
    return false;
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
