#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

namespace clv {

// One step of the schema's history: what takes a workspace from `fromVersion` to
// `fromVersion + 1` — statements, then, where rows must be rewritten by code, `convert`,
// then the statements `afterwards` (dropping what was converted). Step 0 creates the
// tables of version 1 in an empty file.
struct SchemaStep {
    int fromVersion = 0;
    QStringList statements;
    std::function<bool(QSqlDatabase&, QString* error)> convert = {};
    QStringList afterwards = {};
};

// The tables of a workspace and how a file is brought up to date. The SQL is plain enough
// to run unchanged on PostgreSQL (through Qt's QPSQL driver) as on SQLite: INTEGER, BIGINT,
// SMALLINT, TEXT and DOUBLE PRECISION columns, ids the program assigns itself (no
// AUTOINCREMENT or SERIAL), no SQLite-only clauses; binary columns are written {blob}. SQLite pragmas live in
// Workspace, which owns the SQLite connection.
class WorkspaceSchema {
public:
    static constexpr int kCurrentVersion = 7;
    static constexpr char kApplication[] = "CLV Studio";

    // The program's steps, in order: steps()[i] takes version i to i + 1.
    static const std::vector<SchemaStep>& steps();

    // The version stored in an open database: 0 for an empty database (no tables at all),
    // -1 with `error` set when it cannot be read or the database is not a workspace.
    static int storedVersion(QSqlDatabase& db, QString* error);

    // Applies `steps` from the stored version up to `targetVersion` in ONE transaction,
    // recording the version as it goes: a failing step leaves the file as it was. Refuses a
    // database whose version is newer than `targetVersion`.
    static bool upgrade(QSqlDatabase& db, const std::vector<SchemaStep>& steps, int targetVersion, QString* error);

    // "this workspace was made by a newer CLV Studio (schema 3, this program reads up to 1)"
    static QString newerVersionMessage(int storedVersion, int readableVersion = kCurrentVersion);

    // The tables a save of results replaces, those a save of a fit replaces, and all of
    // them with the event tables, by name (for tests and tools).
    static QStringList resultTables();
    // The statements that index the result tables by customer, which a save of results
    // drops and makes again around its inserts.
    static QStringList resultIndexes();
    static QStringList predictionTables();
    static QStringList tables();
};

} // namespace clv
