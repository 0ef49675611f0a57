#include "AppSettings.h"

#include "SettingsWriter.h"
#include "etl/ParameterLimits.h"
#include "io/EventTime.h"

#include <QDate>
#include <QDir>
#include <QVariant>

#include <algorithm>
#include <cmath>

namespace clv {

AppSettings::AppSettings() : m_settings(std::make_unique<QSettings>())
{
}

AppSettings::~AppSettings()
{
    finishSettingsInBackground(std::move(m_settings));
}

namespace {

// The keys as earlier versions wrote them: renaming one would forget a user's setting.
const QString kWindowGeometry = QStringLiteral("window/geometry");
const QString kWindowState = QStringLiteral("window/state");
const QString kFormula = QStringLiteral("parameters/formula");
const QString kSessionGapMinutes = QStringLiteral("parameters/sessionGapMinutes");
const QString kWeekStart = QStringLiteral("parameters/weekStart");
const QString kLifespanYears = QStringLiteral("parameters/lifespanYears");
const QString kTopX = QStringLiteral("parameters/topX");
const QString kPredictUnit = QStringLiteral("predict/unit");
const QString kPredictModels = QStringLiteral("predict/models");
const QString kPredictWith = QStringLiteral("predict/predictWith");
const QString kPredictHorizon = QStringLiteral("predict/horizon");
const QString kPredictDiscount = QStringLiteral("predict/discount");
const QString kPredictCalibrationEnd = QStringLiteral("predict/calibrationEnd");
const QString kPredictHoldoutEnd = QStringLiteral("predict/holdoutEnd");
const QString kCohortPeriod = QStringLiteral("predict/cohortPeriod");
const QString kNeutraliseFormulas = QStringLiteral("export/neutraliseFormulas");
const QString kTablesFromWorkspace = QStringLiteral("tables/fromWorkspace");
const QString kFolders = QStringLiteral("folders/");
const QString kRecentInputs = QStringLiteral("recent/inputs");

} // namespace

QByteArray AppSettings::windowGeometry() const
{
    return m_settings->value(kWindowGeometry).toByteArray();
}

void AppSettings::setWindowGeometry(const QByteArray& geometry)
{
    m_settings->setValue(kWindowGeometry, geometry);
}

QByteArray AppSettings::windowState() const
{
    return m_settings->value(kWindowState).toByteArray();
}

void AppSettings::setWindowState(const QByteArray& state)
{
    m_settings->setValue(kWindowState, state);
}

Parameters AppSettings::parameters() const
{
    ParameterText text;
    text.formula = m_settings->value(kFormula).toString();
    text.sessionGapMinutes = m_settings->value(kSessionGapMinutes).toString();
    text.weekStart = m_settings->value(kWeekStart).toString();
    text.lifespanYears = m_settings->value(kLifespanYears).toString();
    text.topX = m_settings->value(kTopX).toString();
    return ParameterLimits::sanitised(text);
}

void AppSettings::setParameters(const Parameters& p)
{
    m_settings->setValue(kFormula, formulaName(p.formula));
    m_settings->setValue(kSessionGapMinutes, p.sessionGapSeconds / 60);
    m_settings->setValue(kWeekStart, weekStartName(p.weekStart));
    m_settings->setValue(kLifespanYears, p.lifespanYears);
    m_settings->setValue(kTopX, p.topX);
}

namespace {

std::optional<std::int64_t> dayOf(const QVariant& value)
{
    return parseDay(value.toString().toStdString());
}

QString dayText(std::optional<std::int64_t> day)
{
    return day ? QString::fromStdString(formatDay(*day)) : QString();
}

} // namespace

PredictSettings AppSettings::predictSettings() const
{
    PredictSettings s;
    s.summary.unit
        = timeUnitFromName(m_settings->value(kPredictUnit).toString().toStdString()).value_or(TimeUnit::Week);
    if (m_settings->contains(kPredictModels)) {
        s.request.models.clear();
        for (const QString& key : m_settings->value(kPredictModels).toStringList())
            if (const auto kind = modelFromKey(key.toStdString());
                kind && std::find(s.request.models.begin(), s.request.models.end(), *kind) == s.request.models.end())
                s.request.models.push_back(*kind);
        if (std::none_of(s.request.models.begin(), s.request.models.end(), isPurchaseModel))
            s.request.models = ModelRequest().models;
    }
    if (const auto with = modelFromKey(m_settings->value(kPredictWith).toString().toStdString()); with
        && isPurchaseModel(*with)
        && std::find(s.request.models.begin(), s.request.models.end(), *with) != s.request.models.end())
        s.request.predictWith = with;
    bool ok = false;
    if (const int horizon = m_settings->value(kPredictHorizon).toInt(&ok); ok)
        s.request.horizon = std::clamp(horizon, 1, 10000);
    if (const double discount = m_settings->value(kPredictDiscount).toDouble(&ok); ok && std::isfinite(discount))
        s.request.discount = std::clamp(discount, 0.0, 1.0);
    s.summary.calibrationEnd = dayOf(m_settings->value(kPredictCalibrationEnd));
    s.summary.holdoutEnd = dayOf(m_settings->value(kPredictHoldoutEnd));
    if (!s.summary.calibrationEnd || (s.summary.holdoutEnd && *s.summary.holdoutEnd <= *s.summary.calibrationEnd))
        s.summary.holdoutEnd.reset();
    return s;
}

void AppSettings::setPredictSettings(const PredictSettings& s)
{
    m_settings->setValue(kPredictUnit, QString::fromLatin1(timeUnitName(s.summary.unit).data()));
    QStringList models;
    for (ModelKind kind : s.request.models)
        models << modelKeyText(kind);
    m_settings->setValue(kPredictModels, models);
    m_settings->setValue(kPredictWith, s.request.predictWith ? modelKeyText(*s.request.predictWith) : QString());
    m_settings->setValue(kPredictHorizon, int(s.request.horizon));
    m_settings->setValue(kPredictDiscount, s.request.discount);
    m_settings->setValue(kPredictCalibrationEnd, dayText(s.summary.calibrationEnd));
    m_settings->setValue(kPredictHoldoutEnd, dayText(s.summary.holdoutEnd));
}

CohortPeriod AppSettings::cohortPeriod() const
{
    return m_settings->value(kCohortPeriod).toString() == QLatin1String("month") ? CohortPeriod::Month
                                                                                 : CohortPeriod::Week;
}

void AppSettings::setCohortPeriod(CohortPeriod period)
{
    m_settings->setValue(kCohortPeriod,
                         period == CohortPeriod::Month ? QStringLiteral("month") : QStringLiteral("week"));
}

bool AppSettings::neutraliseFormulas() const
{
    return m_settings->value(kNeutraliseFormulas, false).toBool();
}

void AppSettings::setNeutraliseFormulas(bool on)
{
    m_settings->setValue(kNeutraliseFormulas, on);
}

bool AppSettings::tablesFromWorkspace() const
{
    return m_settings->value(kTablesFromWorkspace, false).toBool();
}

void AppSettings::setTablesFromWorkspace(bool on)
{
    m_settings->setValue(kTablesFromWorkspace, on);
}

QString AppSettings::lastFolder(const QString& purpose) const
{
    return m_settings->value(kFolders + purpose, QDir::homePath()).toString();
}

void AppSettings::setLastFolder(const QString& purpose, const QString& folder)
{
    m_settings->setValue(kFolders + purpose, folder);
}

// An entry of event files is stored as their list, as earlier versions stored every entry;
// one of transaction tables as a map that also holds the columns.
QList<RecentEntry> AppSettings::recentInputs() const
{
    QList<RecentEntry> entries;
    for (const QVariant& v : m_settings->value(kRecentInputs).toList()) {
        RecentEntry entry;
        if (v.typeId() == QMetaType::QVariantMap) {
            const QVariantMap map = v.toMap();
            entry.inputs = map.value(QStringLiteral("inputs")).toStringList();
            entry.transactionColumns = map.value(QStringLiteral("transactionColumns")).toString();
        } else {
            entry.inputs = v.toStringList();
        }
        if (!entry.inputs.isEmpty())
            entries << entry;
    }
    return entries;
}

void AppSettings::setRecentInputs(const QList<RecentEntry>& entries)
{
    QVariantList stored;
    for (const RecentEntry& entry : entries) {
        if (entry.isTransactionTables())
            stored << QVariantMap{{QStringLiteral("inputs"), entry.inputs},
                                  {QStringLiteral("transactionColumns"), entry.transactionColumns}};
        else
            stored << QVariant(entry.inputs);
    }
    m_settings->setValue(kRecentInputs, stored);
}

void AppSettings::clearRecentInputs()
{
    m_settings->remove(kRecentInputs);
}

} // namespace clv
