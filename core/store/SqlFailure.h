#pragma once

#include <QString>

class QSqlQuery;

namespace clv {

// The two ways reading or writing a workspace goes wrong, as plain messages for the caller.
// Both return false so that a step can end with `return sqlFailed(...)`.

// The database refused a statement: "WHAT: the database's reason".
bool sqlFailed(QString* error, const QString& what, const QSqlQuery& query);

// The statements ran but what they read cannot be right: "the workspace is damaged: WHAT".
bool workspaceDamaged(QString* error, const QString& what);

} // namespace clv
