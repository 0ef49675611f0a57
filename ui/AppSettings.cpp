#include "AppSettings.h"

#include "etl/ParameterLimits.h"

#include <QDir>
#include <QVariant>

namespace clv {

namespace {

// The keys as earlier versions wrote them: renaming one would forget a user's setting.
const QString kWindowGeometry = QStringLiteral("window/geometry");
const QString kWindowState = QStringLiteral("window/state");
const QString kFormula = QStringLiteral("parameters/formula");
const QString kSessionGapMinutes = QStringLiteral("parameters/sessionGapMinutes");
const QString kWeekStart = QStringLiteral("parameters/weekStart");
const QString kLifespanYears = QStringLiteral("parameters/lifespanYears");
const QString kTopX = QStringLiteral("parameters/topX");
const QString kNeutraliseFormulas = QStringLiteral("export/neutraliseFormulas");
const QString kTablesFromWorkspace = QStringLiteral("tables/fromWorkspace");
const QString kFolders = QStringLiteral("folders/");
const QString kRecentInputs = QStringLiteral("recent/inputs");

} // namespace

QByteArray AppSettings::windowGeometry() const
{
    return m_settings.value(kWindowGeometry).toByteArray();
}

void AppSettings::setWindowGeometry(const QByteArray& geometry)
{
    m_settings.setValue(kWindowGeometry, geometry);
}

QByteArray AppSettings::windowState() const
{
    return m_settings.value(kWindowState).toByteArray();
}

void AppSettings::setWindowState(const QByteArray& state)
{
    m_settings.setValue(kWindowState, state);
}

Parameters AppSettings::parameters() const
{
    ParameterText text;
    text.formula = m_settings.value(kFormula).toString();
    text.sessionGapMinutes = m_settings.value(kSessionGapMinutes).toString();
    text.weekStart = m_settings.value(kWeekStart).toString();
    text.lifespanYears = m_settings.value(kLifespanYears).toString();
    text.topX = m_settings.value(kTopX).toString();
    return ParameterLimits::sanitised(text);
}

void AppSettings::setParameters(const Parameters& p)
{
    m_settings.setValue(kFormula, formulaName(p.formula));
    m_settings.setValue(kSessionGapMinutes, p.sessionGapSeconds / 60);
    m_settings.setValue(kWeekStart, weekStartName(p.weekStart));
    m_settings.setValue(kLifespanYears, p.lifespanYears);
    m_settings.setValue(kTopX, p.topX);
}

bool AppSettings::neutraliseFormulas() const
{
    return m_settings.value(kNeutraliseFormulas, false).toBool();
}

void AppSettings::setNeutraliseFormulas(bool on)
{
    m_settings.setValue(kNeutraliseFormulas, on);
}

bool AppSettings::tablesFromWorkspace() const
{
    return m_settings.value(kTablesFromWorkspace, false).toBool();
}

void AppSettings::setTablesFromWorkspace(bool on)
{
    m_settings.setValue(kTablesFromWorkspace, on);
}

QString AppSettings::lastFolder(const QString& purpose) const
{
    return m_settings.value(kFolders + purpose, QDir::homePath()).toString();
}

void AppSettings::setLastFolder(const QString& purpose, const QString& folder)
{
    m_settings.setValue(kFolders + purpose, folder);
}

// An entry of event files is stored as their list, as earlier versions stored every entry;
// one of transaction tables as a map that also holds the columns.
QList<RecentEntry> AppSettings::recentInputs() const
{
    QList<RecentEntry> entries;
    for (const QVariant& v : m_settings.value(kRecentInputs).toList()) {
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
    m_settings.setValue(kRecentInputs, stored);
}

void AppSettings::clearRecentInputs()
{
    m_settings.remove(kRecentInputs);
}

} // namespace clv
