#include "store/WorkspaceSchema.h"

#include "store/LegacyEventRows.h"
#include "store/RawLinesConversion.h"

#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace clv {

namespace {

// Version 1. Ids are given by the program (file and event ids count up from 1 in ingest
// order), so the same statements work where SQLite would say AUTOINCREMENT and PostgreSQL
// SERIAL. `INTEGER PRIMARY KEY` makes the id SQLite's row id (no second index) and is an
// int4 key on PostgreSQL. Money is in cents and times in microseconds since the epoch
// (UTC), as in the engine, so nothing is rounded on the way in or out.
const QStringList kVersion1 = {
    QStringLiteral("CREATE TABLE schema_info (version INTEGER NOT NULL, application TEXT NOT NULL)"),
    QStringLiteral("INSERT INTO schema_info (version, application) VALUES (0, '%1')")
        .arg(QLatin1String(WorkspaceSchema::kApplication)),

    // The codes of events.event_type and events.event_verb, for people who query the file.
    QStringLiteral("CREATE TABLE event_types (code SMALLINT PRIMARY KEY, name TEXT NOT NULL)"),
    QStringLiteral("INSERT INTO event_types (code, name) VALUES (0, 'CUSTOMER'), (1, 'SITE_VISIT'), (2, 'IMAGE'), "
                   "(3, 'ORDER')"),
    QStringLiteral("CREATE TABLE event_verbs (code SMALLINT PRIMARY KEY, name TEXT NOT NULL)"),
    QStringLiteral("INSERT INTO event_verbs (code, name) VALUES (0, 'NEW'), (1, 'UPDATE'), (2, 'UPLOAD')"),

    // A file is known by the SHA-256 of its bytes: the same content under another name is
    // skipped, a changed file under the same name is new data.
    QStringLiteral("CREATE TABLE source_files ("
                   "id INTEGER PRIMARY KEY, "
                   "path TEXT NOT NULL, "
                   "display_name TEXT NOT NULL, "
                   "content_sha256 TEXT NOT NULL UNIQUE, "
                   "size_bytes BIGINT NOT NULL, "
                   "line_count BIGINT NOT NULL, "
                   "record_count BIGINT NOT NULL, "
                   "accepted_count BIGINT NOT NULL, "
                   "rejected_count BIGINT NOT NULL, "
                   "ingested_at TEXT NOT NULL)"),

    // Every field the ETL reads, so that a re-run needs no JSON parsing. detail_1..3 are
    // last_name, adr_city, adr_state for CUSTOMER and camera_make, camera_model for IMAGE
    // (NULL when absent). event_time_us is UTC microseconds; amount_cents is 0 but for ORDER.
    QStringLiteral("CREATE TABLE events ("
                   "id INTEGER PRIMARY KEY, "
                   "file_id INTEGER NOT NULL REFERENCES source_files (id), "
                   "line_number INTEGER NOT NULL, "
                   "event_type SMALLINT NOT NULL, "
                   "event_verb SMALLINT NOT NULL, "
                   "event_key TEXT NOT NULL, "
                   "customer_id TEXT NOT NULL, "
                   "event_time_us BIGINT NOT NULL, "
                   "amount_cents BIGINT NOT NULL, "
                   "detail_1 TEXT, "
                   "detail_2 TEXT, "
                   "detail_3 TEXT)"),

    // The raw JSON line of each event, apart from `events` so that reloading the events
    // does not read through hundreds of megabytes of text. payload_hash is
    // DuplicateFilter::payloadHash of the line (a signed 64-bit image of the unsigned hash).
    QStringLiteral("CREATE TABLE event_payloads ("
                   "event_id INTEGER PRIMARY KEY REFERENCES events (id), "
                   "payload_hash BIGINT NOT NULL, "
                   "raw_json TEXT NOT NULL)"),

    QStringLiteral("CREATE TABLE rejected_lines ("
                   "id INTEGER PRIMARY KEY, "
                   "file_id INTEGER NOT NULL REFERENCES source_files (id), "
                   "line_number INTEGER NOT NULL, "
                   "reason TEXT NOT NULL, "
                   "raw_text TEXT NOT NULL)"),

    // The results of the last analysis. Each save replaces all of them in one transaction.
    QStringLiteral("CREATE TABLE customers ("
                   "customer_id TEXT PRIMARY KEY, "
                   "last_name TEXT, "
                   "city TEXT, "
                   "state TEXT)"),
    QStringLiteral("CREATE TABLE result_visits ("
                   "row_no INTEGER PRIMARY KEY, "
                   "event_id INTEGER NOT NULL, "
                   "week_id INTEGER NOT NULL, "
                   "visit_id INTEGER NOT NULL, "
                   "is_order SMALLINT NOT NULL, "
                   "amount_cents BIGINT NOT NULL)"),
    QStringLiteral("CREATE TABLE result_weekly ("
                   "row_no INTEGER PRIMARY KEY, "
                   "customer_id TEXT NOT NULL, "
                   "week_id INTEGER NOT NULL, "
                   "visits_per_week INTEGER NOT NULL, "
                   "amount_cents BIGINT NOT NULL, "
                   "amount_per_visit DOUBLE PRECISION NOT NULL)"),
    QStringLiteral("CREATE TABLE result_ltv ("
                   "ltv_rank INTEGER PRIMARY KEY, "
                   "customer_id TEXT NOT NULL, "
                   "ltv DOUBLE PRECISION NOT NULL, "
                   "visits INTEGER NOT NULL, "
                   "orders INTEGER NOT NULL, "
                   "total_cents BIGINT NOT NULL, "
                   "visit_week_sum BIGINT NOT NULL, "
                   "weeks_observed INTEGER NOT NULL, "
                   "first_event_us BIGINT NOT NULL, "
                   "last_event_us BIGINT NOT NULL)"),
    // One row (id 1). event_count and drop_duplicates say which events the results were
    // computed from, so that results older than the stored events are not shown as current.
    QStringLiteral("CREATE TABLE run_parameters ("
                   "id INTEGER PRIMARY KEY, "
                   "formula TEXT NOT NULL, "
                   "session_gap_seconds INTEGER NOT NULL, "
                   "week_start TEXT NOT NULL, "
                   "lifespan_years DOUBLE PRECISION NOT NULL, "
                   "top_x INTEGER NOT NULL, "
                   "drop_duplicates SMALLINT NOT NULL, "
                   "event_count BIGINT NOT NULL, "
                   "saved_at TEXT NOT NULL)"),
};

// Version 2: the paged tables of the window sort and page by customer id; without an index
// every page of a sort by customer would sort the whole table again. (Indexes on an
// INTEGER PRIMARY KEY table hold the row id, so ties stay in stored order for free.)
const QStringList kVersion2 = {
    QStringLiteral("CREATE INDEX result_ltv_by_customer ON result_ltv (customer_id)"),
    QStringLiteral("CREATE INDEX result_weekly_by_customer ON result_weekly (customer_id)"),
};

// Version 3: the weekly table holds amount_per_week, the week's amount as the notebook sums
// it (doubles in time order), which cents cannot give back. The results stored by earlier
// versions were computed from cents (their LTVs differ in the last digit, and so may their
// ranks), so they are dropped with the table; the events stay, and the next analysis of the
// workspace computes and saves the results again.
const QStringList kVersion3 = {
    QStringLiteral("DELETE FROM result_visits"),
    QStringLiteral("DELETE FROM result_ltv"),
    QStringLiteral("DELETE FROM customers"),
    QStringLiteral("DELETE FROM run_parameters"),
    QStringLiteral("DROP TABLE result_weekly"),
    QStringLiteral("CREATE TABLE result_weekly ("
                   "row_no INTEGER PRIMARY KEY, "
                   "customer_id TEXT NOT NULL, "
                   "week_id INTEGER NOT NULL, "
                   "visits_per_week INTEGER NOT NULL, "
                   "amount_cents BIGINT NOT NULL, "
                   "amount_per_week DOUBLE PRECISION NOT NULL, "
                   "amount_per_visit DOUBLE PRECISION NOT NULL)"),
    QStringLiteral("CREATE INDEX result_weekly_by_customer ON result_weekly (customer_id)"),
};

// Version 4: the last fit of the Predict tab (spec §12), so that reopening a workspace shows
// it without fitting again, and so that outside tools can query the predictions. One settings
// row (id 1) says what was asked for and, as run_parameters does, which events the fit came
// from. Models are named by their --models key. NULL stands for a number that is not one (a
// prediction the fit could not give, a standard error the Hessian could not give), as SQLite
// stores NaN as NULL anyway. Older workspaces hold no fit: the step only adds the tables.
const QStringList kVersion4 = {
    QStringLiteral("CREATE TABLE predict_settings ("
                   "id INTEGER PRIMARY KEY, "
                   "unit TEXT NOT NULL, "
                   "calibration_end TEXT, "
                   "holdout_end TEXT, "
                   "models TEXT NOT NULL, "
                   "predict_with TEXT, "
                   "horizon DOUBLE PRECISION NOT NULL, "
                   "discount DOUBLE PRECISION NOT NULL, "
                   "drop_duplicates SMALLINT NOT NULL, "
                   "event_count BIGINT NOT NULL, "
                   "saved_at TEXT NOT NULL)"),
    // One row per requested model, fitted or not, in request order.
    QStringLiteral("CREATE TABLE model_fits ("
                   "position INTEGER PRIMARY KEY, "
                   "model TEXT NOT NULL UNIQUE, "
                   "log_likelihood DOUBLE PRECISION, "
                   "aic DOUBLE PRECISION, "
                   "bic DOUBLE PRECISION, "
                   "iterations INTEGER NOT NULL, "
                   "starts INTEGER NOT NULL, "
                   "converged SMALLINT NOT NULL, "
                   "problem TEXT)"),
    QStringLiteral("CREATE TABLE model_parameters ("
                   "model TEXT NOT NULL, "
                   "position INTEGER NOT NULL, "
                   "name TEXT NOT NULL, "
                   "value DOUBLE PRECISION, "
                   "std_error DOUBLE PRECISION, "
                   "PRIMARY KEY (model, position))"),
    // One row per customer of the fit's summary, in its order; the x_holdout and spend_holdout
    // of a fit without a holdout period are NULL, as the CSV leaves them empty.
    QStringLiteral("CREATE TABLE customer_predictions ("
                   "row_no INTEGER PRIMARY KEY, "
                   "customer_id TEXT NOT NULL, "
                   "x DOUBLE PRECISION NOT NULL, "
                   "t_x DOUBLE PRECISION NOT NULL, "
                   "T DOUBLE PRECISION NOT NULL, "
                   "monetary DOUBLE PRECISION NOT NULL, "
                   "p_alive DOUBLE PRECISION, "
                   "expected_purchases DOUBLE PRECISION, "
                   "expected_spend DOUBLE PRECISION, "
                   "clv DOUBLE PRECISION, "
                   "x_holdout DOUBLE PRECISION, "
                   "spend_holdout DOUBLE PRECISION)"),
    // For the same reason as version 2's indexes: the window pages this table by customer.
    QStringLiteral("CREATE INDEX customer_predictions_by_customer ON customer_predictions (customer_id)"),
};

// Version 5: events are stored in blocks (EventBlockCodec) instead of a row per event and a
// row per raw line: a workspace of 3.6 million events went from 1.1 GB, twice its JSON, to
// less than half the JSON, and saves and loads as a few dozen rows. The raw lines stay,
// compressed, beside the blocks: nothing of the files' events is lost, and the duplicate
// filter hashes them when asked. Events keep their ids; the conversion is code
// (LegacyEventRows), run between these statements and the drops. {blob} is BLOB on SQLite
// and BYTEA on PostgreSQL.
//
// With no event rows left to join, the visits table names its customer itself, by number
// (a text id per row would cost 45 MB on that file): `customers` now lists every customer,
// numbered in id order, and the view `visits` shows the table as output_t1.txt has it. The
// stored results, without those numbers, are dropped; the next analysis saves them again.
const QStringList kVersion5 = {
    QStringLiteral("DELETE FROM result_weekly"),
    QStringLiteral("DELETE FROM result_ltv"),
    QStringLiteral("DELETE FROM run_parameters"),
    QStringLiteral("DROP TABLE result_visits"),
    QStringLiteral("DROP TABLE customers"),
    QStringLiteral("CREATE TABLE customers ("
                   "customer_no INTEGER PRIMARY KEY, "
                   "customer_id TEXT NOT NULL UNIQUE, "
                   "last_name TEXT, "
                   "city TEXT, "
                   "state TEXT)"),
    QStringLiteral("CREATE TABLE result_visits ("
                   "row_no INTEGER PRIMARY KEY, "
                   "event_id BIGINT NOT NULL, "
                   "customer_no INTEGER NOT NULL, "
                   "week_id INTEGER NOT NULL, "
                   "visit_id INTEGER NOT NULL, "
                   "is_order SMALLINT NOT NULL, "
                   "amount_cents BIGINT NOT NULL)"),
    QStringLiteral("CREATE VIEW visits AS "
                   "SELECT v.row_no, c.customer_id, v.week_id, v.visit_id, v.is_order, v.amount_cents "
                   "FROM result_visits v JOIN customers c ON c.customer_no = v.customer_no"),
    QStringLiteral("CREATE TABLE event_blocks ("
                   "id INTEGER PRIMARY KEY, "
                   "file_id INTEGER NOT NULL REFERENCES source_files (id), "
                   "first_event_id BIGINT NOT NULL UNIQUE, "
                   "event_count INTEGER NOT NULL, "
                   "first_line BIGINT NOT NULL, "
                   "last_line BIGINT NOT NULL, "
                   "events {blob} NOT NULL)"),
    QStringLiteral("CREATE TABLE event_lines ("
                   "block_id INTEGER PRIMARY KEY REFERENCES event_blocks (id), "
                   "lines {blob} NOT NULL)"),
};
const QStringList kVersion5Afterwards = {
    QStringLiteral("DROP TABLE event_payloads"),
    QStringLiteral("DROP TABLE events"),
};

// Version 6: each event's payload hash instead of the raw lines. Only the duplicate filter
// read the lines, to hash them; the reader now hashes each line as it parses it, and the
// workspace keeps the hashes, 8 bytes an event (29 MB on the benchmark's 3.6 million events,
// where the lines took 89 MB compressed and most of a save's compression time). The lines
// of rejected records stay in rejected_lines. Schema 5's lines are hashed by code
// (RawLinesConversion) between these statements and the drop.
const QStringList kVersion6 = {
    QStringLiteral("CREATE TABLE event_payload_hashes ("
                   "block_id INTEGER PRIMARY KEY REFERENCES event_blocks (id), "
                   "hashes {blob} NOT NULL)"),
};
const QStringList kVersion6Afterwards = {
    QStringLiteral("DROP TABLE event_lines"),
};

// Version 7: the results packed (ResultPack) beside their SQL tables, so that the output
// files can be written again from a workspace without loading and analysing its events.
// One row (id 1), cleared with the other result tables. It names the results it packs by
// their run_parameters.saved_at and the program version that packed them: a pack of other
// results (saved by a program that does not know the pack) or of another version's
// analysis is not used. Older workspaces get an empty table: their next analysis fills it.
const QStringList kVersion7 = {
    QStringLiteral("CREATE TABLE result_pack ("
                   "id INTEGER PRIMARY KEY, "
                   "results_saved_at TEXT NOT NULL, "
                   "made_by TEXT NOT NULL, "
                   "customers {blob} NOT NULL, "
                   "visits {blob} NOT NULL, "
                   "weekly {blob} NOT NULL, "
                   "ltv {blob} NOT NULL)"),
};

QString sqlError(const QSqlQuery& q)
{
    return q.lastError().text();
}

QString blobType(const QSqlDatabase& db)
{
    return db.driverName() == QLatin1String("QPSQL") ? QStringLiteral("BYTEA") : QStringLiteral("BLOB");
}

} // namespace

const std::vector<SchemaStep>& WorkspaceSchema::steps()
{
    // A later version appends {7, {"ALTER TABLE ..."}} and raises kCurrentVersion.
    static const std::vector<SchemaStep> kSteps = {
        {0, kVersion1},
        {1, kVersion2},
        {2, kVersion3},
        {3, kVersion4},
        {4, kVersion5, convertEventRowsToBlocks, kVersion5Afterwards},
        {5, kVersion6, convertRawLinesToPayloadHashes, kVersion6Afterwards},
        {6, kVersion7},
    };
    return kSteps;
}

QStringList WorkspaceSchema::resultTables()
{
    return {"customers", "result_visits", "result_weekly", "result_ltv", "run_parameters", "result_pack"};
}

QStringList WorkspaceSchema::resultIndexes()
{
    return {QStringLiteral("CREATE INDEX result_ltv_by_customer ON result_ltv (customer_id)"),
            QStringLiteral("CREATE INDEX result_weekly_by_customer ON result_weekly (customer_id)")};
}

QStringList WorkspaceSchema::predictionTables()
{
    return {"predict_settings", "model_fits", "model_parameters", "customer_predictions"};
}

QStringList WorkspaceSchema::tables()
{
    return QStringList{"schema_info",  "event_types",          "event_verbs",   "source_files",
                       "event_blocks", "event_payload_hashes", "rejected_lines"}
    + resultTables() + predictionTables();
}

QString WorkspaceSchema::newerVersionMessage(int storedVersion, int readableVersion)
{
    return QStringLiteral("this workspace was made by a newer CLV Studio (schema %1, this program reads up to %2)")
        .arg(storedVersion)
        .arg(readableVersion);
}

int WorkspaceSchema::storedVersion(QSqlDatabase& db, QString* error)
{
    const QStringList existing = db.tables(QSql::Tables);
    if (existing.isEmpty())
        return 0;
    if (!existing.contains(QStringLiteral("schema_info"), Qt::CaseInsensitive)) {
        if (error)
            *error = QStringLiteral("it is a database, but not a CLV Studio workspace (it has no schema_info table)");
        return -1;
    }
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT version, application FROM schema_info")) || !q.next()) {
        if (error)
            *error = QStringLiteral("its schema version cannot be read: %1")
                         .arg(q.lastError().isValid() ? sqlError(q) : QStringLiteral("schema_info is empty"));
        return -1;
    }
    bool ok = false;
    const int version = q.value(0).toInt(&ok);
    if (!ok || version < 0 || q.value(1).toString() != QLatin1String(kApplication)) {
        if (error)
            *error = QStringLiteral(
                         "it is a database, but not a CLV Studio workspace (schema_info says \"%1\", version %2)")
                         .arg(q.value(1).toString(), q.value(0).toString());
        return -1;
    }
    return version;
}

bool WorkspaceSchema::upgrade(QSqlDatabase& db, const std::vector<SchemaStep>& steps, int targetVersion, QString* error)
{
    auto fail = [&](const QString& message) {
        if (error)
            *error = message;
        return false;
    };
    const int stored = storedVersion(db, error);
    if (stored < 0)
        return false;
    if (stored > targetVersion)
        return fail(newerVersionMessage(stored, targetVersion));
    if (stored == targetVersion)
        return true;

    if (!db.transaction())
        return fail(QStringLiteral("cannot start a transaction: %1").arg(db.lastError().text()));
    for (int version = stored; version < targetVersion; ++version) {
        const auto step = std::find_if(steps.begin(), steps.end(),
                                       [version](const SchemaStep& s) { return s.fromVersion == version; });
        if (step == steps.end()) {
            db.rollback();
            return fail(QStringLiteral("no way to bring schema %1 to %2").arg(version).arg(version + 1));
        }
        QSqlQuery q(db);
        auto stepFailed = [&](const QString& why) {
            q.finish();
            db.rollback();
            return fail(QStringLiteral("updating the workspace from schema %1 to %2 failed (%3); it was left as it was")
                            .arg(version)
                            .arg(version + 1)
                            .arg(why));
        };
        auto run = [&](const QStringList& statements) {
            for (const QString& statement : statements)
                if (!q.exec(QString(statement).replace(QLatin1String("{blob}"), blobType(db))))
                    return false;
            return true;
        };
        if (!run(step->statements))
            return stepFailed(sqlError(q));
        QString why;
        if (step->convert && !step->convert(db, &why))
            return stepFailed(why);
        if (!run(step->afterwards))
            return stepFailed(sqlError(q));
        q.prepare(QStringLiteral("UPDATE schema_info SET version = ?"));
        q.addBindValue(version + 1);
        if (!q.exec()) {
            const QString why = sqlError(q);
            q.finish();
            db.rollback();
            return fail(QStringLiteral("recording schema version %1 failed: %2").arg(version + 1).arg(why));
        }
    }
    if (!db.commit()) {
        const QString why = db.lastError().text();
        db.rollback();
        return fail(QStringLiteral("saving the schema update failed: %1").arg(why));
    }
    return true;
}

} // namespace clv
