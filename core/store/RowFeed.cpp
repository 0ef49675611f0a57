#include "store/RowFeed.h"

#include "store/PreparedInsert.h"

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

// Cancellation is looked at, and progress reported, once per this many rows.
constexpr std::size_t kCheckEvery = 16384;

void reportProgress(const RowFeed& feed, std::size_t row, const JobControl& control)
{
    const RowFeed::Progress& p = feed.progress;
    if (!p.stage.isEmpty() && p.total > 0)
        control.report(p.stage, double(p.before + row) / double(p.total));
}

// ---- SQLite: the rows as an eponymous virtual table, alive for one INSERT … SELECT ----------

constexpr const char* kModuleName = "clv_row_feed";

struct Feeding {
    const RowFeed& feed;
    const JobControl* control;
    RowValues values;
};

struct FeedTable {
    sqlite3_vtab base{};
    Feeding* feeding = nullptr;
};

struct FeedCursor {
    sqlite3_vtab_cursor base{};
    std::size_t row = 0;
};

Feeding& feedingOf(sqlite3_vtab_cursor* cursor)
{
    return *reinterpret_cast<FeedTable*>(cursor->pVtab)->feeding;
}

int connectFeed(sqlite3* db, void* aux, int /*argc*/, const char* const* /*argv*/, sqlite3_vtab** table,
                char** /*error*/)
{
    auto* feeding = static_cast<Feeding*>(aux);
    QByteArray declaration = "CREATE TABLE x(";
    for (int c = 0; c < feeding->values.columnCount(); ++c)
        declaration += (c ? ", c" : "c") + QByteArray::number(c);
    declaration += ')';
    if (const int rc = sqlite3_declare_vtab(db, declaration.constData()); rc != SQLITE_OK)
        return rc;
    auto* made = new FeedTable;
    made->feeding = feeding;
    *table = &made->base;
    return SQLITE_OK;
}

int bestIndexOfFeed(sqlite3_vtab* table, sqlite3_index_info* info)
{
    const auto rows = static_cast<sqlite3_int64>(reinterpret_cast<FeedTable*>(table)->feeding->feed.rowCount);
    info->estimatedRows = rows;
    info->estimatedCost = static_cast<double>(rows);
    return SQLITE_OK;
}

int disconnectFeed(sqlite3_vtab* table)
{
    sqlite3_free(table->zErrMsg);
    delete reinterpret_cast<FeedTable*>(table);
    return SQLITE_OK;
}

int openFeed(sqlite3_vtab* /*table*/, sqlite3_vtab_cursor** cursor)
{
    *cursor = &(new FeedCursor)->base;
    return SQLITE_OK;
}

int closeFeed(sqlite3_vtab_cursor* cursor)
{
    delete reinterpret_cast<FeedCursor*>(cursor);
    return SQLITE_OK;
}

// Fills the cursor's row, after a look at the control every kCheckEvery rows.
int fillRow(sqlite3_vtab_cursor* cursor)
{
    Feeding& feeding = feedingOf(cursor);
    const std::size_t row = reinterpret_cast<FeedCursor*>(cursor)->row;
    if (row >= feeding.feed.rowCount)
        return SQLITE_OK;
    if (row % kCheckEvery == 0 && feeding.control) {
        if (feeding.control->isCancelled()) {
            sqlite3_free(cursor->pVtab->zErrMsg);
            cursor->pVtab->zErrMsg = sqlite3_mprintf("cancelled");
            return SQLITE_ERROR;
        }
        reportProgress(feeding.feed, row, *feeding.control);
    }
    feeding.feed.fill(row, feeding.values);
    return SQLITE_OK;
}

int filterFeed(sqlite3_vtab_cursor* cursor, int /*index*/, const char* /*indexName*/, int /*argc*/,
               sqlite3_value** /*argv*/)
{
    reinterpret_cast<FeedCursor*>(cursor)->row = 0;
    return fillRow(cursor);
}

int nextOfFeed(sqlite3_vtab_cursor* cursor)
{
    ++reinterpret_cast<FeedCursor*>(cursor)->row;
    return fillRow(cursor);
}

int eofOfFeed(sqlite3_vtab_cursor* cursor)
{
    return reinterpret_cast<FeedCursor*>(cursor)->row >= feedingOf(cursor).feed.rowCount ? 1 : 0;
}

int columnOfFeed(sqlite3_vtab_cursor* cursor, sqlite3_context* context, int column)
{
    const RowValues::Value& v = feedingOf(cursor).values.value(column);
    switch (v.kind) {
    case RowValues::Value::Kind::Null: sqlite3_result_null(context); break;
    case RowValues::Value::Kind::Integer: sqlite3_result_int64(context, v.integer); break;
    case RowValues::Value::Kind::Real: sqlite3_result_double(context, v.real); break;
    case RowValues::Value::Kind::Text:
        sqlite3_result_text(context, v.text.data(), static_cast<int>(v.text.size()), SQLITE_STATIC);
        break;
    }
    return SQLITE_OK;
}

int rowidOfFeed(sqlite3_vtab_cursor* cursor, sqlite3_int64* rowid)
{
    *rowid = static_cast<sqlite3_int64>(reinterpret_cast<FeedCursor*>(cursor)->row);
    return SQLITE_OK;
}

sqlite3_module feedModule()
{
    // No xCreate: an eponymous-only table, which exists while the module is registered and
    // cannot be made part of the file's schema.
    sqlite3_module module{};
    module.xConnect = connectFeed;
    module.xBestIndex = bestIndexOfFeed;
    module.xDisconnect = disconnectFeed;
    module.xOpen = openFeed;
    module.xClose = closeFeed;
    module.xFilter = filterFeed;
    module.xNext = nextOfFeed;
    module.xEof = eofOfFeed;
    module.xColumn = columnOfFeed;
    module.xRowid = rowidOfFeed;
    return module;
}

bool insertThroughFeed(sqlite3* sqlite, const RowFeed& feed, const QString& what, QString* error,
                       const JobControl* control)
{
    static const sqlite3_module module = feedModule();
    Feeding feeding{feed, control, RowValues(static_cast<std::size_t>(feed.columns.size()))};
    if (sqlite3_create_module_v2(sqlite, kModuleName, &module, &feeding, nullptr) != SQLITE_OK) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(what, QString::fromUtf8(sqlite3_errmsg(sqlite)));
        return false;
    }
    QStringList sources;
    for (int c = 0; c < feed.columns.size(); ++c)
        sources << QStringLiteral("c%1").arg(c);
    const QByteArray sql = QStringLiteral("INSERT INTO %1 (%2) SELECT %3 FROM %4")
                               .arg(feed.table, feed.columns.join(QLatin1String(", ")),
                                    sources.join(QLatin1String(", ")), QLatin1String(kModuleName))
                               .toUtf8();
    sqlite3_stmt* statement = nullptr;
    int rc = sqlite3_prepare_v2(sqlite, sql.constData(), static_cast<int>(sql.size()), &statement, nullptr);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(statement);
    const QString reason = QString::fromUtf8(sqlite3_errmsg(sqlite));
    sqlite3_finalize(statement);
    // Unregistered at once: the table and `feeding` end here.
    sqlite3_create_module_v2(sqlite, kModuleName, nullptr, nullptr, nullptr);
    if (rc == SQLITE_DONE)
        return true;
    if (error)
        *error = control && control->isCancelled() ? QStringLiteral("cancelled")
                                                   : QStringLiteral("%1: %2").arg(what, reason);
    return false;
}

// ---- Other drivers: a prepared INSERT, row by row ------------------------------------------

QVariant variantOf(const RowValues::Value& v)
{
    switch (v.kind) {
    case RowValues::Value::Kind::Integer: return QVariant(qint64(v.integer));
    case RowValues::Value::Kind::Real:
        return std::isnan(v.real) ? QVariant(QMetaType::fromType<double>()) : QVariant(v.real);
    case RowValues::Value::Kind::Text: return QString::fromUtf8(v.text.data(), static_cast<qsizetype>(v.text.size()));
    case RowValues::Value::Kind::Null: break;
    }
    return QVariant(QMetaType::fromType<QString>());
}

bool insertRowByRow(const QSqlDatabase& db, const RowFeed& feed, const QString& what, QString* error,
                    const JobControl* control)
{
    PreparedInsert q(db, feed.table, feed.columns);
    if (!q.readyOr(error))
        return false;
    RowValues values(static_cast<std::size_t>(feed.columns.size()));
    for (std::size_t row = 0; row < feed.rowCount; ++row) {
        if (row % kCheckEvery == 0 && control) {
            if (control->isCancelled()) {
                if (error)
                    *error = QStringLiteral("cancelled");
                return false;
            }
            reportProgress(feed, row, *control);
        }
        feed.fill(row, values);
        for (int c = 0; c < values.columnCount(); ++c)
            q.bind(c, variantOf(values.value(c)));
        if (!q.exec())
            return q.failed(what, error);
    }
    return true;
}

} // namespace

bool insertRows(const QSqlDatabase& db, const RowFeed& feed, const QString& what, QString* error,
                const JobControl* control)
{
    if (sqlite3* sqlite = sqliteHandle(db))
        return insertThroughFeed(sqlite, feed, what, error, control);
    return insertRowByRow(db, feed, what, error, control);
}

} // namespace clv
