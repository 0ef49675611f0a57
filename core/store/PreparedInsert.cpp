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

bool PreparedInsert::readyOr(QString* error) const
{
    if (m_ready)
        return true;
    if (error)
        *error = QStringLiteral("preparing a statement failed: %1").arg(errorText());
    return false;
}

bool PreparedInsert::failed(const QString& what, QString* error) const
{
    if (error)
        *error = QStringLiteral("%1: %2").arg(what, errorText());
    return false;
}

QString PreparedInsert::errorText() const
{
    return m_query.lastError().text();
}

} // namespace clv
