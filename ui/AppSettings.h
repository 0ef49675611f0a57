#pragma once

#include "etl/Parameters.h"
#include "predict/Cohorts.h"
#include "predict/PredictResult.h"

#include <QByteArray>
#include <QList>
#include <QSettings>
#include <QString>
#include <QStringList>

#include <memory>

namespace clv {

// What one Open named: files and/or folders, read as events, or as transaction tables with
// the columns given as --columns takes them ("1,3,5").
struct RecentEntry {
    QStringList inputs;
    QString transactionColumns; // empty: event files

    bool isTransactionTables() const { return !transactionColumns.isEmpty(); }
    bool operator==(const RecentEntry& other) const = default;
};

// Every setting the desktop application keeps between sessions: each key, its type and its
// default are written down here and nowhere else. What is read back is checked — a settings
// file may come from an older version or a hand edit — parameters through the core's limits.
class AppSettings {
public:
    AppSettings();
    // The changes reach the settings file from a thread of their own (SettingsWriter.h).
    ~AppSettings();
    AppSettings(const AppSettings&) = delete;
    AppSettings& operator=(const AppSettings&) = delete;

    QByteArray windowGeometry() const; // empty when none was saved
    void setWindowGeometry(const QByteArray& geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray& state);

    // Always usable: out-of-range numbers are brought to the nearest limit, anything
    // unreadable becomes the default (ParameterLimits::sanitised).
    Parameters parameters() const;
    void setParameters(const Parameters& parameters);

    // The Predict tab's settings; unknown models and units are dropped, numbers brought into
    // the panel's ranges, and dates that do not parse left unset.
    PredictSettings predictSettings() const;
    void setPredictSettings(const PredictSettings& settings);
    CohortPeriod cohortPeriod() const; // default: weeks
    void setCohortPeriod(CohortPeriod period);

    bool neutraliseFormulas() const; // default off: it changes ids that begin with = + - @
    void setNeutraliseFormulas(bool on);
    bool tablesFromWorkspace() const; // default off
    void setTablesFromWorkspace(bool on);

    // The folder a file dialog for `purpose` (openFolder, exportFolder, chartFolder,
    // workspaceFolder) last chose; the home folder at first.
    QString lastFolder(const QString& purpose) const;
    void setLastFolder(const QString& purpose, const QString& folder);

    // The recently opened inputs, most recent first; each entry is what one Open named.
    QList<RecentEntry> recentInputs() const;
    void setRecentInputs(const QList<RecentEntry>& entries);
    void clearRecentInputs();

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace clv
