#include "store/StoredPrediction.h"

#include "io/EventTime.h"
#include "store/PreparedInsert.h"
#include "store/SqlFailure.h"
#include "store/WorkspaceSchema.h"

#include <QDate>
#include <QDateTime>
#include <QSqlQuery>
#include <QVariant>

#include <cmath>
#include <limits>
#include <map>

namespace clv {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// NaN goes in as NULL: SQLite would turn it into NULL anyway, and PostgreSQL would keep a
// 'NaN' that sqlite3 users of the same workspace never see. Other doubles are bound as they
// are, so they come back bit for bit.
QVariant number(double value)
{
    return std::isnan(value) ? QVariant(QMetaType::fromType<double>()) : QVariant(value);
}

double numberOf(const QVariant& value)
{
    return value.isNull() ? kNaN : value.toDouble();
}

QVariant dayText(const std::optional<std::int64_t>& day)
{
    return day ? QVariant(QString::fromStdString(formatDay(*day))) : QVariant(QMetaType::fromType<QString>());
}

// False when the text is not a date.
bool dayOf(const QVariant& value, std::optional<std::int64_t>& day)
{
    day.reset();
    if (value.isNull())
        return true;
    day = parseDay(value.toString().toStdString());
    return day.has_value();
}

QString keyText(std::string_view key)
{
    return QString::fromLatin1(key.data(), qsizetype(key.size()));
}

} // namespace

bool StoredPrediction::clear(QString* error)
{
    QSqlQuery q(m_db);
    for (const QString& table : WorkspaceSchema::predictionTables())
        if (!q.exec(QStringLiteral("DELETE FROM %1").arg(table)))
            return sqlFailed(error, QStringLiteral("clearing the previous fit failed"), q);
    return true;
}

bool StoredPrediction::save(const PredictResult& result, const LoadedEvents& loaded, QString* error,
                            const JobControl* control)
{
    if (result.run.cancelled) {
        if (error)
            *error = QStringLiteral("a cancelled fit is not saved");
        return false;
    }
    return clear(error) && saveSettings(result.settings, loaded, error) && saveFits(result.run.fits, error)
        && savePredictions(result.run, error, control);
}

bool StoredPrediction::saveSettings(const PredictSettings& settings, const LoadedEvents& loaded, QString* error)
{
    PreparedInsert q(m_db, QStringLiteral("predict_settings"),
                     {"id", "unit", "calibration_end", "holdout_end", "models", "predict_with", "horizon", "discount",
                      "drop_duplicates", "event_count", "saved_at"});
    if (!q.readyOr(error))
        return false;
    QStringList models;
    for (ModelKind kind : settings.request.models)
        models << modelKeyText(kind);
    const std::optional<ModelKind>& predictWith = settings.request.predictWith;
    const QVariant values[] = {1,
                               keyText(timeUnitName(settings.summary.unit)),
                               dayText(settings.summary.calibrationEnd),
                               dayText(settings.summary.holdoutEnd),
                               models.join(QLatin1Char(',')),
                               predictWith ? QVariant(modelKeyText(*predictWith))
                                           : QVariant(QMetaType::fromType<QString>()),
                               settings.request.horizon,
                               settings.request.discount,
                               loaded.droppedDuplicates ? 1 : 0,
                               loaded.storedEventCount,
                               QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)};
    for (int c = 0; c < int(std::size(values)); ++c)
        q.bind(c, values[c]);
    return q.exec() || q.failed(QStringLiteral("saving the fit's settings failed"), error);
}

bool StoredPrediction::saveFits(const std::vector<ModelFit>& fits, QString* error)
{
    PreparedInsert fit(m_db, QStringLiteral("model_fits"),
                       {"position", "model", "log_likelihood", "aic", "bic", "iterations", "starts", "converged",
                        "problem"});
    PreparedInsert parameter(m_db, QStringLiteral("model_parameters"),
                             {"model", "position", "name", "value", "std_error"});
    if (!fit.readyOr(error) || !parameter.readyOr(error))
        return false;
    for (std::size_t i = 0; i < fits.size(); ++i) {
        const ModelFit& f = fits[i];
        const QString model = modelKeyText(f.kind);
        const QVariant values[] = {qint64(i + 1),
                                   model,
                                   number(f.logLikelihood),
                                   number(f.aic),
                                   number(f.bic),
                                   f.iterations,
                                   f.starts,
                                   f.converged ? 1 : 0,
                                   f.problem.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                                       : QVariant(f.problem)};
        for (int c = 0; c < int(std::size(values)); ++c)
            fit.bind(c, values[c]);
        if (!fit.exec())
            return fit.failed(QStringLiteral("saving the model fits failed"), error);

        const std::vector<std::string_view> names = parameterNames(f.kind);
        for (std::size_t p = 0; p < f.params.size(); ++p) {
            parameter.bind(0, model);
            parameter.bind(1, qint64(p + 1));
            parameter.bind(2, p < names.size() ? keyText(names[p]) : QString::number(p + 1));
            parameter.bind(3, number(f.params[p]));
            // A fit reports one standard error per parameter; NULL when it gave none.
            parameter.bind(4, number(p < f.stdErrors.size() ? f.stdErrors[p] : kNaN));
            if (!parameter.exec())
                return parameter.failed(QStringLiteral("saving the model parameters failed"), error);
        }
    }
    return true;
}

bool StoredPrediction::savePredictions(const ModelRunResult& run, QString* error, const JobControl* control)
{
    if (!run.summary)
        return true;
    PreparedInsert q(m_db, QStringLiteral("customer_predictions"),
                     {"row_no", "customer_id", "x", "t_x", "T", "monetary", "p_alive", "expected_purchases",
                      "expected_spend", "clv", "x_holdout", "spend_holdout"});
    if (!q.readyOr(error))
        return false;
    const RfmSummary& summary = *run.summary;
    const std::size_t rows = summary.customers.size();
    const bool holdout = summary.hasHoldout();
    for (std::size_t i = 0; i < rows; ++i) {
        if ((i & 0x3FFF) == 0 && control) {
            if (control->isCancelled()) {
                if (error)
                    *error = QStringLiteral("cancelled");
                return false;
            }
            control->report(QStringLiteral("Saving the fit"), double(i) / double(rows));
        }
        const CustomerRfm& c = summary.customers[i];
        // Without a fitted purchase model there are no predictions, and the row says so.
        const CustomerPrediction p = i < run.predictions.size() ? run.predictions[i]
                                                                : CustomerPrediction{kNaN, kNaN, kNaN, kNaN};
        q.bind(0, qint64(i + 1));
        q.bind(1, QString::fromStdString(c.id));
        q.bind(2, number(c.x));
        q.bind(3, number(c.tx));
        q.bind(4, number(c.T));
        q.bind(5, number(c.monetary));
        q.bind(6, number(p.pAlive));
        q.bind(7, number(p.expectedPurchases));
        q.bind(8, number(p.expectedSpend));
        q.bind(9, number(p.clv));
        q.bind(10, number(holdout ? c.xHoldout : kNaN));
        q.bind(11, number(holdout ? c.spendHoldout : kNaN));
        if (!q.exec())
            return q.failed(QStringLiteral("saving the customer predictions failed"), error);
    }
    return true;
}

bool StoredPrediction::isCurrent(const LoadedEvents& loaded, bool* found, QString* error)
{
    *found = false;
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT event_count, drop_duplicates FROM predict_settings WHERE id = 1")))
        return sqlFailed(error, QStringLiteral("reading the fit's settings failed"), q);
    if (!q.next())
        return true;
    // A fit of fewer events, or of the other duplicate setting, is not a fit of these events.
    *found = q.value(0).toLongLong() == loaded.storedEventCount
        && (q.value(1).toInt() != 0) == loaded.droppedDuplicates;
    return true;
}

std::optional<StoredFit> StoredPrediction::load(const LoadedEvents& loaded, QString* error)
{
    bool current = false;
    if (!isCurrent(loaded, &current, error) || !current)
        return std::nullopt;
    StoredFit stored;
    if (!loadSettings(stored.settings, error) || !loadFits(stored.fits, error))
        return std::nullopt;
    return stored;
}

bool StoredPrediction::loadSettings(PredictSettings& settings, QString* error)
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT unit, calibration_end, holdout_end, models, predict_with, horizon, discount "
                               "FROM predict_settings WHERE id = 1"))
        || !q.next())
        return sqlFailed(error, QStringLiteral("reading the fit's settings failed"), q);
    const std::optional<TimeUnit> unit = timeUnitFromName(q.value(0).toString().toStdString());
    if (!unit)
        return workspaceDamaged(error, QStringLiteral("the fit's unit %1 is unknown").arg(q.value(0).toString()));
    settings.summary.unit = *unit;
    if (!dayOf(q.value(1), settings.summary.calibrationEnd) || !dayOf(q.value(2), settings.summary.holdoutEnd))
        return workspaceDamaged(error, QStringLiteral("the fit's calibration or holdout end is not a date"));
    settings.request.models.clear();
    for (const QString& key : q.value(3).toString().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const std::optional<ModelKind> kind = modelFromKey(key.toStdString());
        if (!kind)
            return workspaceDamaged(error, QStringLiteral("the fit names an unknown model %1").arg(key));
        settings.request.models.push_back(*kind);
    }
    settings.request.predictWith.reset();
    if (!q.value(4).isNull()) {
        settings.request.predictWith = modelFromKey(q.value(4).toString().toStdString());
        if (!settings.request.predictWith)
            return workspaceDamaged(
                error, QStringLiteral("the fit predicts with an unknown model %1").arg(q.value(4).toString()));
    }
    settings.request.horizon = q.value(5).toDouble();
    settings.request.discount = q.value(6).toDouble();
    return true;
}

bool StoredPrediction::loadFits(std::vector<ModelFit>& fits, QString* error)
{
    // The parameters first, by model, so that each fit takes its own in one pass.
    std::map<QString, std::pair<std::vector<double>, std::vector<double>>> parameters;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT model, value, std_error FROM model_parameters ORDER BY model, position")))
        return sqlFailed(error, QStringLiteral("reading the model parameters failed"), q);
    while (q.next()) {
        auto& [values, stdErrors] = parameters[q.value(0).toString()];
        values.push_back(numberOf(q.value(1)));
        stdErrors.push_back(numberOf(q.value(2)));
    }
    if (!q.exec(QStringLiteral("SELECT model, log_likelihood, aic, bic, iterations, starts, converged, problem "
                               "FROM model_fits ORDER BY position")))
        return sqlFailed(error, QStringLiteral("reading the model fits failed"), q);
    while (q.next()) {
        const QString key = q.value(0).toString();
        const std::optional<ModelKind> kind = modelFromKey(key.toStdString());
        if (!kind)
            return workspaceDamaged(error, QStringLiteral("a fit names an unknown model %1").arg(key));
        ModelFit fit;
        fit.kind = *kind;
        if (const auto it = parameters.find(key); it != parameters.end()) {
            if (it->second.first.size() != parameterNames(fit.kind).size())
                return workspaceDamaged(
                    error, QStringLiteral("the fit of %1 has %2 parameters").arg(key).arg(it->second.first.size()));
            fit.params = std::move(it->second.first);
            fit.stdErrors = std::move(it->second.second);
        }
        fit.logLikelihood = numberOf(q.value(1));
        fit.aic = numberOf(q.value(2));
        fit.bic = numberOf(q.value(3));
        fit.iterations = q.value(4).toInt();
        fit.starts = q.value(5).toInt();
        fit.converged = q.value(6).toInt() != 0;
        fit.problem = q.value(7).isNull() ? QString() : q.value(7).toString();
        fits.push_back(std::move(fit));
    }
    return true;
}

} // namespace clv
