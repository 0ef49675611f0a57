#include "store/SqlFailure.h"

#include <QSqlError>
#include <QSqlQuery>

namespace clv {

bool sqlFailed(QString* error, const QString& what, const QSqlQuery& query)
{
    if (error)
        *error = QStringLiteral("%1: %2").arg(what, query.lastError().text());
    return false;
}

bool workspaceDamaged(QString* error, const QString& what)
{
    if (error)
        *error = QStringLiteral("the workspace is damaged: %1").arg(what);
    return false;
}

} // namespace clv
