#include "store/PreparedInsert.h"

#include <QSqlError>

namespace clv {

PreparedInsert::PreparedInsert(const QSqlDatabase& db, const QString& table, const QStringList& columns) : m_query(db)
{
    QStringList names;
    for (const QString& column : columns) {
        m_placeholders.push_back(QLatin1Char(':') + column);
        names << m_placeholders.back();
    }
    m_ready = m_query.prepare(QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                                  .arg(table, columns.join(QLatin1String(", ")), names.join(QLatin1String(", "))));
}

QString PreparedInsert::errorText() const
{
    return m_query.lastError().text();
}

} // namespace clv
