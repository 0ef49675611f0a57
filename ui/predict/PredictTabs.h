#pragma once

#include "export/CsvField.h"
#include "session/ExportJob.h"
#include "store/StoredPrediction.h"

#include <QObject>

#include <memory>

class QTabWidget;
class QWidget;

namespace clv {

class CohortsPage;
class PredictPage;
class PredictSession;
class SegmentsPage;

// The window's predictive tabs — Predict, Cohorts and Segments — and the session behind them,
// kept together so that the main window only hands them new results and asks for what they
// export.
class PredictTabs : public QObject {
    Q_OBJECT
public:
    // Adds the three tabs to `tabs` at `index` (in order).
    PredictTabs(QTabWidget* tabs, int index, QObject* parent = nullptr);

    PredictSession* session() const { return m_session; }
    PredictPage* predictPage() const { return m_predict; }
    CohortsPage* cohortsPage() const { return m_cohorts; }
    SegmentsPage* segmentsPage() const { return m_segments; }

    // New events and/or result tables from the analysis.
    void setData(const std::shared_ptr<const EventStore>& events, const std::shared_ptr<const ResultTables>& results);
    void setCsvOptions(const CsvOptions& csv);
    // What Export CSVs adds for these tabs.
    PredictExport exportSet() const;
    // Whether `tab` is one of these tabs with a chart to export, and exporting it.
    bool hasChart(const QWidget* tab) const;
    bool exportChart(const QWidget* tab, const QString& path, QString* error) const;

    // Shows a workspace's fit (its settings, and the predictions of its parameters) without
    // fitting again.
    void restoreFit(const StoredFit& fit);

    void restoreSettings();
    void saveSettings() const;

private:
    PredictSession* m_session;
    PredictPage* m_predict;
    CohortsPage* m_cohorts;
    SegmentsPage* m_segments;
};

} // namespace clv
