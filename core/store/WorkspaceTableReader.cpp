#include "store/WorkspaceTableReader.h"

#include "store/SqlFailure.h"

#include <QSqlError>
#include <QSqlQuery>

namespace clv {

namespace {

bool failed(QString* error, const WorkspaceTable& table, const QSqlQuery& q)
{
    return sqlFailed(error, QStringLiteral("reading the %1 table of the workspace failed").arg(table.name), q);
}

} // namespace

WorkspaceTableReader::WorkspaceTableReader(const QSqlDatabase& db, WorkspaceTable table)
    : m_db(db), m_table(std::move(table))
{
}

QString WorkspaceTableReader::likePattern(const QString& filter)
{
    const QString needle = filter.trimmed().toLower();
    if (needle.isEmpty())
        return {};
    QString pattern = QStringLiteral("%");
    for (const QChar c : needle) {
        if (c == QLatin1Char('!') || c == QLatin1Char('%') || c == QLatin1Char('_'))
            pattern += QLatin1Char('!');
        pattern += c;
    }
    return pattern + QLatin1Char('%');
}

// The engine's filter lowers ASCII letters of the id only; SQLite's LOWER does the same, and
// PostgreSQL's LIKE is case-sensitive, so both sides are lowered explicitly.
QString WorkspaceTableReader::whereClause(const TableQuery& query, bool rowRange) const
{
    QStringList conditions;
    if (!likePattern(query.customerFilter).isEmpty())
        conditions << QStringLiteral("LOWER(%1) LIKE ? ESCAPE '!'").arg(m_table.customerId);
    if (query.rowLimit > 0)
        conditions << QStringLiteral("%1 <= ?").arg(m_table.rowNumber);
    if (rowRange)
        conditions << QStringLiteral("%1 > ? AND %1 <= ?").arg(m_table.rowNumber);
    return conditions.isEmpty() ? QString() : QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
}

// Equal values keep the stored order in both directions, as the engine's stable sort does.
QString WorkspaceTableReader::orderClause(const TableQuery& query) const
{
    QStringList keys;
    if (query.sortColumn >= 0 && query.sortColumn < m_table.sortKeys.size()) {
        for (const QString& key : m_table.sortKeys[query.sortColumn])
            keys << (query.descending ? key + QStringLiteral(" DESC") : key);
    }
    keys << m_table.rowNumber;
    return QStringLiteral(" ORDER BY ") + keys.join(QStringLiteral(", "));
}

bool WorkspaceTableReader::readsRowRange(const TableQuery& query) const
{
    return m_table.denseRowNumbers && query.sortColumn < 0 && likePattern(query.customerFilter).isEmpty();
}

static void bindFilter(QSqlQuery& q, const TableQuery& query)
{
    if (const QString pattern = WorkspaceTableReader::likePattern(query.customerFilter); !pattern.isEmpty())
        q.addBindValue(pattern);
    if (query.rowLimit > 0)
        q.addBindValue(query.rowLimit);
}

std::optional<qint64> WorkspaceTableReader::count(const TableQuery& query, QString* error) const
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    const bool unfiltered = likePattern(query.customerFilter).isEmpty() && !m_table.countFrom.isEmpty();
    const QString from = unfiltered ? m_table.countFrom : m_table.from;
    if (!q.prepare(QStringLiteral("SELECT COUNT(*) FROM ") + from + whereClause(query)))
        return failed(error, m_table, q), std::nullopt;
    bindFilter(q, query);
    if (!q.exec() || !q.next())
        return failed(error, m_table, q), std::nullopt;
    return q.value(0).toLongLong();
}

std::shared_ptr<const RowBlock> WorkspaceTableReader::rows(const TableQuery& query, qint64 first, int count,
                                                           QString* error) const
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    const bool range = readsRowRange(query);
    const QString sql = QStringLiteral("SELECT ") + m_table.values.join(QStringLiteral(", ")) + QStringLiteral(" FROM ")
        + m_table.from + whereClause(query, range) + orderClause(query)
        + (range ? QString() : QStringLiteral(" LIMIT ? OFFSET ?"));
    if (!q.prepare(sql))
        return failed(error, m_table, q), nullptr;
    bindFilter(q, query);
    if (range) {
        q.addBindValue(first);
        q.addBindValue(first + count);
    } else {
        q.addBindValue(count);
        q.addBindValue(first);
    }
    if (!q.exec())
        return failed(error, m_table, q), nullptr;
    auto block = std::make_shared<RowBlock>();
    block->first = first;
    block->columns = static_cast<int>(m_table.values.size());
    block->cells.reserve(static_cast<std::size_t>(count) * static_cast<std::size_t>(block->columns));
    while (q.next()) {
        for (int c = 0; c < block->columns; ++c) {
            QVariant value = q.value(c);
            if (value.typeId() == QMetaType::QString)
                value = value.toString().toUtf8();
            block->cells.push_back(std::move(value));
        }
    }
    if (q.lastError().isValid())
        return failed(error, m_table, q), nullptr;
    return block;
}

} // namespace clv
