#include "store/StoredResults.h"

#include "store/PreparedInsert.h"
#include "store/ResultPack.h"
#include "store/RowFeed.h"
#include "store/ScratchTable.h"
#include "store/SqlFailure.h"
#include "store/WorkspaceSchema.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <future>
#include <numeric>
#include <string>
#include <unordered_map>

namespace clv {

namespace {

// Text ids back to the interned ids of a loaded store; the views point into the store's pools.
using IdsByText = std::unordered_map<std::string_view, std::uint32_t>;

IdsByText customerIds(const EventStore& events)
{
    IdsByText ids;
    ids.reserve(events.customerIdCount());
    for (std::uint32_t id = 1; id < events.customerIdCount(); ++id)
        ids.emplace(events.customerId(id), id);
    return ids;
}

// The names and places of the ltv table come from CUSTOMER events' details.
IdsByText customerDetailIds(const EventStore& events)
{
    IdsByText ids;
    for (std::size_t row = 0; row < events.size(); ++row) {
        if (events.type(row) != EventType::Customer)
            continue;
        for (int d = 0; d < EventStore::kDetailCount; ++d)
            if (const std::uint32_t id = events.detail(row, d); id != StringPool::kAbsent)
                ids.emplace(events.detailText(id), id);
    }
    return ids;
}

std::uint32_t lookUp(const IdsByText& ids, const QVariant& text)
{
    if (text.isNull())
        return StringPool::kAbsent;
    const std::string key = text.toString().toStdString();
    const auto it = ids.find(key);
    return it == ids.end() ? StringPool::kAbsent : it->second;
}

} // namespace

namespace {

// Below this many visits rows a second thread and a scratch file cost more than they save.
constexpr std::size_t kScratchVisitsFrom = 200000;
// The share of the visits rows the transaction's own thread writes. On the benchmark file it
// writes the customers, weekly and ltv tables and their indexes meanwhile (0.75-0.8 s), then its
// share of the visits, and copies the scratch's rows in (0.6 s for 93 % of them). Save stage,
// three runs each: 1.61-1.68 s with no share, 1.47-1.68 s with 7 %, 1.41-1.48 s with 15 %,
// 1.42-1.48 s with 25 %.
constexpr double kOwnVisitsShare = 0.15;

// Rows [from, to) of the visits table, into `db`'s result_visits. Progress is reported by
// the writer of the last rows only, so that the bar does not jump between two writers.
bool insertVisits(const QSqlDatabase& db, const ResultTables& tables, const LoadedEvents& loaded,
                  const std::vector<std::uint32_t>& customerNumbers, std::size_t from, std::size_t to, QString* error,
                  const JobControl* control)
{
    const VisitsTable& v = tables.visits;
    // Rows are in customer order, events in ingest order: looking ids up would read the id
    // column at random, a cache miss a row, where consecutive ids are one addition.
    const std::int64_t firstId = loaded.idsAreConsecutive() ? loaded.eventIds.front() : -1;
    RowFeed feed{QStringLiteral("result_visits"),
                 {"row_no", "event_id", "customer_no", "week_id", "visit_id", "is_order", "amount_cents"},
                 to - from,
                 [&](std::size_t row, RowValues& values) {
                     const std::size_t i = from + row;
                     values.integer(0, static_cast<std::int64_t>(i + 1));
                     values.integer(1, firstId >= 0 ? firstId + v.event[i] : loaded.eventIds[v.event[i]]);
                     values.integer(2, customerNumbers[v.customer[i]]);
                     values.integer(3, v.weekId[i]);
                     values.integer(4, v.visitId[i]);
                     values.integer(5, v.isOrder[i]);
                     values.integer(6, v.amountCents[i]);
                 },
                 {to == v.size() ? QStringLiteral("Saving") : QString(), from, v.size()}};
    return insertRows(db, feed, QStringLiteral("saving the visits table failed"), error, control);
}

} // namespace

void StoredResults::numberCustomers(const ResultTables& tables)
{
    // Every customer of the events, numbered in the order of their ids: the visits table
    // names customers by number.
    const EventStore& events = *tables.events;
    m_customersInOrder.resize(events.customerIdCount() > 0 ? events.customerIdCount() - 1 : 0);
    std::iota(m_customersInOrder.begin(), m_customersInOrder.end(), std::uint32_t{1});
    std::sort(m_customersInOrder.begin(), m_customersInOrder.end(),
              [&](std::uint32_t a, std::uint32_t b) { return events.customerId(a) < events.customerId(b); });
    m_customerNumbers.assign(events.customerIdCount() + 1, 0);
    for (std::size_t n = 0; n < m_customersInOrder.size(); ++n)
        m_customerNumbers[m_customersInOrder[n]] = static_cast<std::uint32_t>(n + 1);
}

void StoredResults::prepareSave(const ResultTables& tables, const LoadedEvents& loaded, ScratchTable& scratch,
                                const JobControl* control)
{
    numberCustomers(tables);
    ScratchTable::removeLeftovers(m_db);
    const std::size_t rows = tables.visits.size();
    m_ownVisits = rows;
    if (rows < kScratchVisitsFrom || !scratch.attach(m_db, QStringLiteral("result_visits")))
        return;
    m_ownVisits = static_cast<std::size_t>(double(rows) * kOwnVisitsShare);
    scratch.start([this, &tables, &loaded, from = m_ownVisits, rows, control](QSqlDatabase& db, QString* error) {
        return insertVisits(db, tables, loaded, m_customerNumbers, from, rows, error, control);
    });
}

bool StoredResults::save(const ResultTables& tables, const LoadedEvents& loaded, QString* error,
                         const JobControl* control, ScratchTable* scratch)
{
    if (!scratch) {
        numberCustomers(tables);
        m_ownVisits = tables.visits.size();
    }
    QSqlQuery q(m_db);
    for (const QString& table : WorkspaceSchema::resultTables())
        if (!q.exec(QStringLiteral("DELETE FROM %1").arg(table)))
            return sqlFailed(error, QStringLiteral("clearing the previous results failed"), q);
    // The customer indexes are built again after the rows are in: sorting once is several
    // times cheaper than inserting hundreds of thousands of ids one by one at random places.
    for (const char* index : {"result_weekly_by_customer", "result_ltv_by_customer"})
        if (!q.exec(QStringLiteral("DROP INDEX IF EXISTS %1").arg(QLatin1String(index))))
            return sqlFailed(error, QStringLiteral("clearing the previous results failed"), q);
    // The visits last: by then the scratch's rows are ready to be copied in. The indexes of
    // the other tables are built before, while the scratch's thread is still writing.
    if (!(saveCustomers(tables, error) && saveWeekly(tables, error) && saveLtv(tables, error)
          && saveParameters(tables, loaded, error) && createIndexes(error)))
        return false;
    // Packing takes one core for about 0.1 s on the benchmark file, beside the visits' copy
    // below, which runs on this one once the scratch's thread is done.
    std::future<PackedResults> packing = std::async(std::launch::async, [&tables] { return ResultPack::pack(tables); });
    const bool saved = saveVisits(tables, loaded, scratch, error, control);
    PackedResults packed;
    try {
        packed = packing.get(); // it reads `tables`: waited for either way
    } catch (const std::exception& e) {
        if (error && saved)
            *error = QStringLiteral("packing the results failed: %1").arg(QString::fromLocal8Bit(e.what()));
        return false;
    }
    return saved && insertPack(packed, m_savedAt, error);
}

bool StoredResults::insertPack(const PackedResults& packed, const QString& resultsSavedAt, QString* error)
{
    PreparedInsert q(m_db, QStringLiteral("result_pack"),
                     {"id", "results_saved_at", "made_by", "customers", "visits", "weekly", "ltv"});
    if (!q.readyOr(error))
        return false;
    q.bind(0, 1);
    q.bind(1, resultsSavedAt);
    q.bind(2, QStringLiteral(CLV_VERSION));
    q.bind(3, packed.customers);
    q.bind(4, packed.visits);
    q.bind(5, packed.weekly);
    q.bind(6, packed.ltv);
    return q.exec() || q.failed(QStringLiteral("saving the packed results failed"), error);
}

bool StoredResults::savePack(const ResultTables& tables, QString* error)
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT saved_at FROM run_parameters WHERE id = 1")))
        return sqlFailed(error, QStringLiteral("reading the run parameters failed"), q);
    if (!q.next()) {
        if (error)
            *error = QStringLiteral("no results are stored");
        return false;
    }
    const QString savedAt = q.value(0).toString();
    if (!q.exec(QStringLiteral("DELETE FROM result_pack")))
        return sqlFailed(error, QStringLiteral("clearing the packed results failed"), q);
    return insertPack(ResultPack::pack(tables), savedAt, error);
}

namespace {

// The pack of the stored results, made by this version (see WorkspaceSchema's version 7).
const char* const kCurrentPack = "FROM result_pack p "
                                 "JOIN run_parameters r ON r.id = 1 AND r.saved_at = p.results_saved_at "
                                 "WHERE p.id = 1 AND p.made_by = ?";

} // namespace

bool StoredResults::hasPack()
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT 1 ") + QLatin1String(kCurrentPack));
    q.addBindValue(QStringLiteral(CLV_VERSION));
    return q.exec() && q.next();
}

std::optional<PackedResults> StoredResults::pack(QString* error)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    const bool prepared = q.prepare(QStringLiteral("SELECT p.customers, p.visits, p.weekly, p.ltv ")
                                    + QLatin1String(kCurrentPack));
    q.addBindValue(QStringLiteral(CLV_VERSION));
    if (!prepared || !q.exec()) {
        sqlFailed(error, QStringLiteral("reading the packed results failed"), q);
        return std::nullopt;
    }
    if (!q.next())
        return std::nullopt;
    return PackedResults{q.value(0).toByteArray(), q.value(1).toByteArray(), q.value(2).toByteArray(),
                         q.value(3).toByteArray()};
}

bool StoredResults::createIndexes(QString* error)
{
    QSqlQuery q(m_db);
    for (const QString& statement : WorkspaceSchema::resultIndexes())
        if (!q.exec(statement))
            return sqlFailed(error, QStringLiteral("indexing the results failed"), q);
    return true;
}

bool StoredResults::saveCustomers(const ResultTables& tables, QString* error)
{
    // With the name and place the ltv table found for each customer.
    const EventStore& events = *tables.events;
    std::vector<const LtvRow*> ltvOf(events.customerIdCount(), nullptr);
    for (const LtvRow& row : tables.ltv)
        ltvOf[row.customer] = &row;

    RowFeed feed{QStringLiteral("customers"),
                 {"customer_no", "customer_id", "last_name", "city", "state"},
                 m_customersInOrder.size(),
                 [&](std::size_t n, RowValues& values) {
                     const std::uint32_t customer = m_customersInOrder[n];
                     const LtvRow* row = ltvOf[customer];
                     auto detail = [&](int column, std::uint32_t id) {
                         if (id == StringPool::kAbsent)
                             values.null(column);
                         else
                             values.text(column, events.detailText(id));
                     };
                     values.integer(0, static_cast<std::int64_t>(n + 1));
                     values.text(1, events.customerId(customer));
                     detail(2, row ? row->lastName : StringPool::kAbsent);
                     detail(3, row ? row->city : StringPool::kAbsent);
                     detail(4, row ? row->state : StringPool::kAbsent);
                 },
                 {}};
    return insertRows(m_db, feed, QStringLiteral("saving the customers failed"), error);
}

bool StoredResults::saveVisits(const ResultTables& tables, const LoadedEvents& loaded, ScratchTable* scratch,
                               QString* error, const JobControl* control)
{
    if (!insertVisits(m_db, tables, loaded, m_customerNumbers, 0, m_ownVisits, error, control))
        return false;
    if (!scratch || !scratch->isAttached())
        return true;
    QString why;
    if (scratch->moveInto(&why))
        return true;
    if (error)
        *error = why == QLatin1String("cancelled") ? why
                                                   : QStringLiteral("saving the visits table failed: %1").arg(why);
    return false;
}

bool StoredResults::saveWeekly(const ResultTables& tables, QString* error)
{
    const EventStore& events = *tables.events;
    const WeeklyTable& w = tables.weekly;
    RowFeed feed{QStringLiteral("result_weekly"),
                 {"row_no", "customer_id", "week_id", "visits_per_week", "amount_cents", "amount_per_week",
                  "amount_per_visit"},
                 w.size(),
                 [&](std::size_t i, RowValues& values) {
                     values.integer(0, static_cast<std::int64_t>(i + 1));
                     values.text(1, events.customerId(w.customer[i]));
                     values.integer(2, w.weekId[i]);
                     values.integer(3, w.visits[i]);
                     values.integer(4, w.amountCents[i]);
                     values.real(5, w.amountPerWeek[i]);
                     // Stored for people who query the file; a reload derives it again, as the CSV does.
                     values.real(6, w.amountPerVisit(i));
                 },
                 {}};
    return insertRows(m_db, feed, QStringLiteral("saving the weekly table failed"), error);
}

bool StoredResults::saveLtv(const ResultTables& tables, QString* error)
{
    const EventStore& events = *tables.events;
    RowFeed feed{QStringLiteral("result_ltv"),
                 {"ltv_rank", "customer_id", "ltv", "visits", "orders", "total_cents", "visit_week_sum",
                  "weeks_observed", "first_event_us", "last_event_us"},
                 tables.ltv.size(),
                 [&](std::size_t i, RowValues& values) {
                     const LtvRow& row = tables.ltv[i];
                     values.integer(0, static_cast<std::int64_t>(i + 1));
                     values.text(1, events.customerId(row.customer));
                     values.real(2, row.ltv);
                     values.integer(3, row.visits);
                     values.integer(4, row.orders);
                     values.integer(5, row.totalCents);
                     values.integer(6, row.visitWeekSum);
                     values.integer(7, row.weeksObserved);
                     values.integer(8, row.firstEvent);
                     values.integer(9, row.lastEvent);
                 },
                 {}};
    return insertRows(m_db, feed, QStringLiteral("saving the ltv table failed"), error);
}

bool StoredResults::saveParameters(const ResultTables& tables, const LoadedEvents& loaded, QString* error)
{
    PreparedInsert q(m_db, QStringLiteral("run_parameters"),
                     {"id", "formula", "session_gap_seconds", "week_start", "lifespan_years", "top_x",
                      "drop_duplicates", "event_count", "saved_at"});
    if (!q.readyOr(error))
        return false;
    const Parameters& p = tables.parameters;
    m_savedAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    const QVariant values[] = {1,
                               formulaName(p.formula),
                               p.sessionGapSeconds,
                               weekStartName(p.weekStart),
                               p.lifespanYears,
                               p.topX,
                               loaded.droppedDuplicates ? 1 : 0,
                               loaded.storedEventCount,
                               m_savedAt};
    for (int c = 0; c < int(std::size(values)); ++c)
        q.bind(c, values[c]);
    return q.exec() || q.failed(QStringLiteral("saving the run parameters failed"), error);
}

std::optional<Parameters> StoredResults::parameters()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT formula, session_gap_seconds, week_start, lifespan_years, top_x "
                               "FROM run_parameters WHERE id = 1"))
        || !q.next())
        return std::nullopt;
    const auto formula = formulaFromName(q.value(0).toString());
    const auto weekStart = weekStartFromName(q.value(2).toString());
    if (!formula || !weekStart)
        return std::nullopt;
    Parameters p;
    p.formula = *formula;
    p.sessionGapSeconds = q.value(1).toInt();
    p.weekStart = *weekStart;
    p.lifespanYears = q.value(3).toDouble();
    p.topX = q.value(4).toInt();
    return p;
}

bool StoredResults::areCurrent(const LoadedEvents& loaded)
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT event_count, drop_duplicates FROM run_parameters WHERE id = 1")) || !q.next())
        return false;
    // Results of fewer events, or of the other duplicate setting, are not these events' results.
    return q.value(0).toLongLong() == loaded.storedEventCount && (q.value(1).toInt() != 0) == loaded.droppedDuplicates;
}

std::shared_ptr<const ResultTables> StoredResults::load(const ReadResult& read, const LoadedEvents& loaded,
                                                        QString* error)
{
    if (!loaded.isStore(read.events.get())) {
        if (error)
            *error = QStringLiteral("results can only be read onto the events this workspace loaded last");
        return nullptr;
    }
    const std::optional<Parameters> parameters = this->parameters();
    if (!parameters || !areCurrent(loaded))
        return nullptr;

    auto tables = std::make_shared<ResultTables>();
    tables->events = read.events;
    tables->parameters = *parameters;
    if (!loadVisits(*tables, loaded, error) || !loadWeekly(*tables, error) || !loadLtv(*tables, error))
        return nullptr;
    return tables;
}

bool StoredResults::loadVisits(ResultTables& tables, const LoadedEvents& loaded, QString* error)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT event_id, week_id, visit_id, is_order, amount_cents FROM result_visits "
                               "ORDER BY row_no")))
        return sqlFailed(error, QStringLiteral("reading the visits table failed"), q);
    VisitsTable& v = tables.visits;
    const EventStore& events = *tables.events;
    while (q.next()) {
        const std::int64_t row = loaded.rowOf(q.value(0).toLongLong());
        if (row < 0)
            return workspaceDamaged(
                error, QStringLiteral("a visits row names event %1, which is not loaded").arg(q.value(0).toLongLong()));
        v.event.push_back(static_cast<std::uint32_t>(row));
        v.customer.push_back(events.customer(static_cast<std::size_t>(row)));
        v.weekId.push_back(q.value(1).toInt());
        v.visitId.push_back(q.value(2).toInt());
        v.isOrder.push_back(static_cast<std::uint8_t>(q.value(3).toInt() != 0));
        v.amountCents.push_back(q.value(4).toLongLong());
    }
    return true;
}

bool StoredResults::loadWeekly(ResultTables& tables, QString* error)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT customer_id, week_id, visits_per_week, amount_cents, amount_per_week "
                               "FROM result_weekly ORDER BY row_no")))
        return sqlFailed(error, QStringLiteral("reading the weekly table failed"), q);
    const IdsByText customers = customerIds(*tables.events);
    WeeklyTable& w = tables.weekly;
    while (q.next()) {
        const std::uint32_t customer = lookUp(customers, q.value(0));
        if (customer == StringPool::kAbsent)
            return workspaceDamaged(
                error, QStringLiteral("the weekly table names an unknown customer %1").arg(q.value(0).toString()));
        w.customer.push_back(customer);
        w.weekId.push_back(q.value(1).toInt());
        w.visits.push_back(q.value(2).toInt());
        w.amountCents.push_back(q.value(3).toLongLong());
        w.amountPerWeek.push_back(q.value(4).toDouble());
    }
    return true;
}

bool StoredResults::loadLtv(ResultTables& tables, QString* error)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT r.customer_id, r.ltv, r.visits, r.orders, r.total_cents, r.visit_week_sum, "
                               "r.weeks_observed, r.first_event_us, r.last_event_us, c.last_name, c.city, c.state "
                               "FROM result_ltv r LEFT JOIN customers c ON c.customer_id = r.customer_id "
                               "ORDER BY r.ltv_rank")))
        return sqlFailed(error, QStringLiteral("reading the ltv table failed"), q);
    const IdsByText customers = customerIds(*tables.events);
    const IdsByText details = customerDetailIds(*tables.events);
    while (q.next()) {
        LtvRow row;
        row.customer = lookUp(customers, q.value(0));
        if (row.customer == StringPool::kAbsent)
            return workspaceDamaged(
                error, QStringLiteral("the ltv table names an unknown customer %1").arg(q.value(0).toString()));
        row.ltv = q.value(1).toDouble();
        row.visits = q.value(2).toInt();
        row.orders = q.value(3).toInt();
        row.totalCents = q.value(4).toLongLong();
        row.visitWeekSum = q.value(5).toLongLong();
        row.weeksObserved = q.value(6).toInt();
        row.firstEvent = q.value(7).toLongLong();
        row.lastEvent = q.value(8).toLongLong();
        row.lastName = lookUp(details, q.value(9));
        row.city = lookUp(details, q.value(10));
        row.state = lookUp(details, q.value(11));
        tables.ltv.push_back(row);
    }
    return true;
}

} // namespace clv
