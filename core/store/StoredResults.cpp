#include "store/StoredResults.h"

#include "store/PreparedInsert.h"
#include "store/SqlFailure.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QVariant>

#include <string>
#include <unordered_map>

namespace clv {

namespace {

QString utf8(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

QVariant textOrNull(const EventStore& events, std::uint32_t detail)
{
    return detail == StringPool::kAbsent ? QVariant(QString()) : QVariant(utf8(events.detailText(detail)));
}

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

bool StoredResults::save(const ResultTables& tables, const LoadedEvents& loaded, QString* error,
                         const JobControl* control)
{
    QSqlQuery q(m_db);
    for (const char* table : {"result_visits", "result_weekly", "result_ltv", "customers", "run_parameters"})
        if (!q.exec(QStringLiteral("DELETE FROM %1").arg(QLatin1String(table))))
            return sqlFailed(error, QStringLiteral("clearing the previous results failed"), q);
    return saveVisits(tables, loaded, error, control) && saveWeekly(tables, error) && saveLtvAndCustomers(tables, error)
        && saveParameters(tables, loaded, error);
}

bool StoredResults::saveVisits(const ResultTables& tables, const LoadedEvents& loaded, QString* error,
                               const JobControl* control)
{
    PreparedInsert q(m_db, QStringLiteral("result_visits"),
                     {"row_no", "event_id", "week_id", "visit_id", "is_order", "amount_cents"});
    if (!q.readyOr(error))
        return false;
    const VisitsTable& v = tables.visits;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if ((i & 0x3FFF) == 0 && control) {
            if (control->isCancelled()) {
                if (error)
                    *error = QStringLiteral("cancelled");
                return false;
            }
            control->report(QStringLiteral("Saving"), double(i) / double(v.size()));
        }
        q.bind(0, qint64(i + 1));
        q.bind(1, qint64(loaded.eventIds[v.event[i]]));
        q.bind(2, v.weekId[i]);
        q.bind(3, v.visitId[i]);
        q.bind(4, int(v.isOrder[i]));
        q.bind(5, qint64(v.amountCents[i]));
        if (!q.exec())
            return q.failed(QStringLiteral("saving the visits table failed"), error);
    }
    return true;
}

bool StoredResults::saveWeekly(const ResultTables& tables, QString* error)
{
    PreparedInsert q(m_db, QStringLiteral("result_weekly"),
                     {"row_no", "customer_id", "week_id", "visits_per_week", "amount_cents", "amount_per_week",
                      "amount_per_visit"});
    if (!q.readyOr(error))
        return false;
    const EventStore& events = *tables.events;
    const WeeklyTable& w = tables.weekly;
    for (std::size_t i = 0; i < w.size(); ++i) {
        q.bind(0, qint64(i + 1));
        q.bind(1, utf8(events.customerId(w.customer[i])));
        q.bind(2, w.weekId[i]);
        q.bind(3, w.visits[i]);
        q.bind(4, qint64(w.amountCents[i]));
        q.bind(5, w.amountPerWeek[i]);
        // Stored for people who query the file; a reload derives it again, as the CSV does.
        q.bind(6, w.amountPerVisit(i));
        if (!q.exec())
            return q.failed(QStringLiteral("saving the weekly table failed"), error);
    }
    return true;
}

bool StoredResults::saveLtvAndCustomers(const ResultTables& tables, QString* error)
{
    PreparedInsert ltv(m_db, QStringLiteral("result_ltv"),
                       {"ltv_rank", "customer_id", "ltv", "visits", "orders", "total_cents", "visit_week_sum",
                        "weeks_observed", "first_event_us", "last_event_us"});
    PreparedInsert customer(m_db, QStringLiteral("customers"), {"customer_id", "last_name", "city", "state"});
    if (!ltv.readyOr(error) || !customer.readyOr(error))
        return false;
    const EventStore& events = *tables.events;
    for (std::size_t i = 0; i < tables.ltv.size(); ++i) {
        const LtvRow& row = tables.ltv[i];
        const QString id = utf8(events.customerId(row.customer));
        const QVariant values[] = {qint64(i + 1),
                                   id,
                                   row.ltv,
                                   row.visits,
                                   row.orders,
                                   qint64(row.totalCents),
                                   qint64(row.visitWeekSum),
                                   row.weeksObserved,
                                   qint64(row.firstEvent),
                                   qint64(row.lastEvent)};
        for (int c = 0; c < int(std::size(values)); ++c)
            ltv.bind(c, values[c]);
        if (!ltv.exec())
            return ltv.failed(QStringLiteral("saving the ltv table failed"), error);
        customer.bind(0, id);
        customer.bind(1, textOrNull(events, row.lastName));
        customer.bind(2, textOrNull(events, row.city));
        customer.bind(3, textOrNull(events, row.state));
        if (!customer.exec())
            return customer.failed(QStringLiteral("saving the customers failed"), error);
    }
    return true;
}

bool StoredResults::saveParameters(const ResultTables& tables, const LoadedEvents& loaded, QString* error)
{
    PreparedInsert q(m_db, QStringLiteral("run_parameters"),
                     {"id", "formula", "session_gap_seconds", "week_start", "lifespan_years", "top_x",
                      "drop_duplicates", "event_count", "saved_at"});
    if (!q.readyOr(error))
        return false;
    const Parameters& p = tables.parameters;
    const QVariant values[] = {1,
                               formulaName(p.formula),
                               p.sessionGapSeconds,
                               weekStartName(p.weekStart),
                               p.lifespanYears,
                               p.topX,
                               loaded.droppedDuplicates ? 1 : 0,
                               loaded.storedEventCount,
                               QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)};
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
