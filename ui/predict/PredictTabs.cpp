#include "predict/PredictTabs.h"

#include "AppSettings.h"
#include "predict/CohortsPage.h"
#include "predict/PredictChartsPage.h"
#include "predict/PredictPage.h"
#include "predict/PredictSettingsPanel.h"
#include "predict/SegmentsPage.h"
#include "session/PredictSession.h"

#include <QTabWidget>

namespace clv {

PredictTabs::PredictTabs(QTabWidget* tabs, int index, QObject* parent)
    : QObject(parent), m_session(new PredictSession(this)), m_predict(new PredictPage(m_session, tabs)),
      m_cohorts(new CohortsPage(tabs)), m_segments(new SegmentsPage(tabs))
{
    m_session->setObjectName(QStringLiteral("predictSession"));
    m_predict->setObjectName(QStringLiteral("predictPage"));
    m_cohorts->setObjectName(QStringLiteral("cohortsPage"));
    m_segments->setObjectName(QStringLiteral("segmentsPage"));
    tabs->insertTab(index, m_predict, tr("Predict"));
    tabs->insertTab(index + 1, m_cohorts, tr("Cohorts"));
    tabs->insertTab(index + 2, m_segments, tr("Segments"));
    connect(m_session, &PredictSession::overviewChanged, this, [this] {
        m_cohorts->setOverview(m_session->overview());
        m_segments->setOverview(m_session->overview());
    });
}

void PredictTabs::setData(const std::shared_ptr<const EventStore>& events,
                          const std::shared_ptr<const ResultTables>& results)
{
    m_session->setData(events, results);
}

void PredictTabs::setCsvOptions(const CsvOptions& csv)
{
    m_predict->setCsvOptions(csv);
}

PredictExport PredictTabs::exportSet() const
{
    return {m_session->overview(), m_session->result(), m_cohorts->period()};
}

bool PredictTabs::hasChart(const QWidget* tab) const
{
    return tab == m_predict || tab == m_cohorts || tab == m_segments;
}

bool PredictTabs::exportChart(const QWidget* tab, const QString& path, QString* error) const
{
    if (tab == m_predict)
        return m_predict->chartsPage()->exportCurrentChart(path, error);
    if (tab == m_cohorts)
        return m_cohorts->exportCurrentChart(path, error);
    if (tab == m_segments)
        return m_segments->exportCurrentChart(path, error);
    if (error)
        *error = tr("this tab has no chart");
    return false;
}

void PredictTabs::restoreFit(const StoredFit& fit)
{
    m_predict->settingsPanel()->setSettings(fit.settings);
    m_session->restore(fit.settings, fit.fits);
}

void PredictTabs::restoreSettings()
{
    const AppSettings settings;
    m_predict->settingsPanel()->setSettings(settings.predictSettings());
    m_cohorts->setPeriod(settings.cohortPeriod());
}

void PredictTabs::saveSettings() const
{
    AppSettings settings;
    settings.setPredictSettings(m_predict->settingsPanel()->settings());
    settings.setCohortPeriod(m_cohorts->period());
}

} // namespace clv
