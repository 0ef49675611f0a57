#include "predict/PredictChartsPage.h"

#include "charts/ChartDeck.h"
#include "charts/ChartStyle.h"
#include "predict/HeatmapChart.h"
#include "predict/PredictCharts.h"
#include "util/BackgroundPriority.h"

#include <QChart>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace clv {

namespace {

std::size_t indexOf(PredictChartsPage::Chart chart)
{
    return static_cast<std::size_t>(chart);
}

} // namespace

// What one background computation hands back to the UI thread.
struct PredictChartsPage::Summaries {
    std::shared_ptr<const PredictResult> result;
    TrackingSeries tracking;
    HoldoutByFrequency holdout;
    RepeatHistogram histogram;
    FrequencyRecencyGrid grid;
    ClvDistribution distribution;
    ClvScatter scatter;
};

PredictChartsPage::PredictChartsPage(QWidget* parent) : QWidget(parent)
{
    m_summaryThread.setMaxThreadCount(1);
    runAtBackgroundPriority(m_summaryThread);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);

    auto* bar = new QHBoxLayout;
    auto* label = new QLabel(tr("&Chart:"), this);
    m_selector = new QComboBox(this);
    m_selector->setObjectName(QStringLiteral("predictChartSelector"));
    m_selector->addItems({tr("Tracking: cumulative repeat purchases"), tr("Calibration against holdout"),
                          tr("Repeat purchases per customer"), tr("Heatmap: expected purchases"),
                          tr("Heatmap: P(alive)"), tr("Customer P(alive) over time"), tr("Predicted CLV distribution"),
                          tr("Predicted CLV against seed LTV")});
    label->setBuddy(m_selector);
    bar->addWidget(label);
    bar->addWidget(m_selector);
    bar->addStretch(1);
    layout->addLayout(bar);

    m_deck = new ChartDeck(
        {"trackingView", "calibrationHoldoutView", "repeatHistogramView", "expectedHeatmapView", "aliveHeatmapView",
         "customerAliveView", "clvDistributionView", "clvScatterView"},
        [this](int index) { return buildChart(static_cast<Chart>(index)); }, this);
    layout->addWidget(m_deck, 1);
    connect(m_selector, &QComboBox::currentIndexChanged, m_deck, &ChartDeck::setCurrent);
}

PredictChartsPage::~PredictChartsPage() = default;

void PredictChartsPage::setResult(std::shared_ptr<const PredictResult> result)
{
    m_result = std::move(result);
    m_customer.reset();
    m_customerJob.supersede();
    m_curve = {};
    redraw(Chart::CustomerAlive);
    if (!m_result) {
        m_summaries.supersede(); // figures on their way are no longer wanted
        applySummaries({});
        return;
    }
    const std::shared_ptr<const PredictResult> r = m_result;
    m_summaries.start(
        [r](const JobControl&) {
            Summaries s;
            s.result = r;
            s.tracking = trackingSeries(r->run);
            s.holdout = holdoutByFrequency(r->run);
            s.histogram = repeatHistogram(r->run);
            s.grid = frequencyRecencyGrid(r->run);
            s.distribution = clvDistribution(r->run);
            s.scatter = clvScatter(*r);
            return s;
        },
        [this](Summaries s) { applySummaries(std::move(s)); });
}

void PredictChartsPage::applySummaries(Summaries summaries)
{
    m_shown = std::make_unique<Summaries>(std::move(summaries));
    for (int i = 0; i < kChartCount; ++i)
        if (static_cast<Chart>(i) != Chart::CustomerAlive)
            redraw(static_cast<Chart>(i));
    Q_EMIT summariesReady();
}

void PredictChartsPage::showCustomer(std::size_t summaryRow)
{
    m_customer = summaryRow;
    startCustomer();
}

void PredictChartsPage::startCustomer()
{
    if (!m_result || !m_customer) {
        m_customerJob.supersede();
        m_curve = {};
        redraw(Chart::CustomerAlive);
        Q_EMIT summariesReady();
        return;
    }
    const std::shared_ptr<const PredictResult> r = m_result;
    const std::size_t row = *m_customer;
    m_customerJob.start([r, row](const JobControl&) { return customerAliveCurve(*r, row); },
                        [this](CustomerAliveCurve curve) {
                            m_curve = std::move(curve);
                            redraw(Chart::CustomerAlive);
                            Q_EMIT summariesReady();
                        });
}

void PredictChartsPage::setCurrentChart(Chart chart)
{
    m_selector->setCurrentIndex(int(indexOf(chart)));
    m_deck->setCurrent(int(indexOf(chart))); // built now if stale, even when it was chosen already
}

PredictChartsPage::Chart PredictChartsPage::currentChart() const
{
    return static_cast<Chart>(m_selector->currentIndex());
}

void PredictChartsPage::redraw(Chart chart)
{
    m_deck->markStale(int(indexOf(chart)));
}

QChart* PredictChartsPage::buildChart(Chart chart) const
{
    if (!m_shown || !m_shown->result) {
        QChart* empty = chartstyle::newChart(m_selector->itemText(int(indexOf(chart))));
        chartstyle::addMessage(empty, tr("No fit yet: fit a model on the Predict tab to see its charts."));
        return empty;
    }
    const Summaries& s = *m_shown;
    switch (chart) {
    case Chart::Tracking: return buildTrackingChart(s.tracking);
    case Chart::CalibrationHoldout: return buildHoldoutChart(s.holdout);
    case Chart::RepeatHistogram: return buildRepeatHistogramChart(s.histogram);
    case Chart::ExpectedHeatmap: return buildHeatmapChart(s.grid, HeatmapValue::ExpectedPurchases);
    case Chart::AliveHeatmap: return buildHeatmapChart(s.grid, HeatmapValue::PAlive);
    case Chart::CustomerAlive: return buildCustomerAliveChart(m_curve, m_customer.has_value());
    case Chart::ClvDistribution: return buildClvDistributionChart(s.distribution);
    case Chart::ClvScatter: return buildClvScatterChart(s.scatter);
    }
    return chartstyle::newChart(QString());
}

bool PredictChartsPage::exportCurrentChart(const QString& path, QString* error) const
{
    return m_deck->exportChart(m_deck->current(), path, error);
}

} // namespace clv
