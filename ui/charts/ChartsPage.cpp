#include "charts/ChartsPage.h"

#include "charts/ChartDeck.h"
#include "charts/ChartStyle.h"
#include "charts/LtvCharts.h"
#include "charts/SpendCharts.h"
#include "util/BackgroundPriority.h"

#include <QChart>
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <optional>

namespace clv {

namespace {

// More bars than this stop being readable; the title says how many were asked for.
constexpr int kMaxTopBars = 100;

int indexOf(ChartsPage::Chart chart)
{
    return static_cast<int>(chart);
}

} // namespace

// What one worker computation hands back to the UI thread.
struct ChartsPage::Summaries {
    std::shared_ptr<const ResultTables> results;
    std::optional<CalendarWeekSeries> weekly; // absent when the results' weeks are drawn already
    LtvDistribution distribution;
};

ChartsPage::ChartsPage(QWidget* parent) : QWidget(parent)
{
    m_summaryThread.setMaxThreadCount(1);
    runAtBackgroundPriority(m_summaryThread);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(buildControls());

    m_deck = new ChartDeck(
        {"weeklySpendView", "ltvDistributionView", "topCustomersView", "customerWeeksView"},
        [this](int index) { return buildChart(static_cast<Chart>(index)); }, this);
    layout->addWidget(m_deck, 1);

    connect(m_selector, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_deck->setCurrent(index);
        m_distributionControls->setVisible(index == indexOf(Chart::LtvDistribution));
    });
    connect(m_bins, &QSpinBox::valueChanged, this, [this] { startSummaries(); });
    connect(m_logScale, &QCheckBox::toggled, this, [this] { startSummaries(); });
}

QWidget* ChartsPage::buildControls()
{
    auto* bar = new QWidget(this);
    auto* row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);
    auto* label = new QLabel(tr("&Chart:"), bar);
    m_selector = new QComboBox(bar);
    m_selector->setObjectName(QStringLiteral("chartSelector"));
    m_selector->addItems({tr("Weekly spend and visits"), tr("LTV distribution"), tr("Top customers by LTV"),
                          tr("Customer weekly spend")});
    label->setBuddy(m_selector);
    row->addWidget(label);
    row->addWidget(m_selector);

    m_distributionControls = new QWidget(bar);
    auto* distribution = new QHBoxLayout(m_distributionControls);
    distribution->setContentsMargins(12, 0, 0, 0);
    auto* binsLabel = new QLabel(tr("&Bins:"), m_distributionControls);
    m_bins = new QSpinBox(m_distributionControls);
    m_bins->setObjectName(QStringLiteral("binsSpinBox"));
    m_bins->setRange(5, 200);
    m_bins->setValue(30);
    m_bins->setToolTip(tr("Number of histogram bins"));
    binsLabel->setBuddy(m_bins);
    m_logScale = new QCheckBox(tr("&Log scale"), m_distributionControls);
    m_logScale->setObjectName(QStringLiteral("logScaleCheckBox"));
    m_logScale->setToolTip(tr("Logarithmic LTV axis; customers with LTV 0 are counted in the title"));
    distribution->addWidget(binsLabel);
    distribution->addWidget(m_bins);
    distribution->addWidget(m_logScale);
    m_distributionControls->setVisible(false);
    row->addWidget(m_distributionControls);
    row->addStretch(1);
    return bar;
}

void ChartsPage::setResults(std::shared_ptr<const ResultTables> results)
{
    m_results = std::move(results);
    startSummaries();
}

void ChartsPage::startSummaries()
{
    if (!m_results) {
        m_summaries.supersede(); // figures on their way are no longer wanted
        clearSummaries();
        return;
    }
    const std::shared_ptr<const ResultTables> results = m_results;
    const bool needWeekly = results != m_shown;
    const int bins = m_bins->value();
    const bool logScale = m_logScale->isChecked();
    m_summaries.start(
        [results, needWeekly, bins, logScale](const JobControl&) {
            Summaries summaries;
            summaries.results = results;
            if (needWeekly)
                summaries.weekly = weeklyTotals(*results);
            summaries.distribution = ltvDistribution(*results, bins, logScale);
            return summaries;
        },
        [this](const Summaries& summaries) { applySummaries(summaries); });
}

void ChartsPage::applySummaries(const Summaries& summaries)
{
    m_distribution = summaries.distribution;
    redraw(Chart::LtvDistribution);
    if (summaries.weekly) {
        m_shown = summaries.results;
        m_weekly = *summaries.weekly;
        redraw(Chart::WeeklySpend);
        updateTopCustomers();
        updateCustomer();
    }
    emit summariesReady();
}

void ChartsPage::clearSummaries()
{
    m_shown.reset();
    m_weekly = {};
    m_distribution = {};
    redraw(Chart::WeeklySpend);
    redraw(Chart::LtvDistribution);
    updateTopCustomers();
    updateCustomer();
    emit summariesReady();
}

void ChartsPage::setTopX(int x)
{
    m_topX = std::max(1, x);
    updateTopCustomers();
}

void ChartsPage::updateTopCustomers()
{
    m_top = m_shown ? topCustomers(*m_shown, std::min(m_topX, kMaxTopBars)) : std::vector<TopCustomer>{};
    redraw(Chart::TopCustomers);
}

void ChartsPage::showCustomer(std::uint32_t customer)
{
    m_customerChosen = false;
    m_customerId.clear();
    // Ids belong to the event store of the results last set, which the charts may not
    // draw yet; the id text is what stays meaningful across results.
    if (customer != 0 && m_results && m_results->events && customer < m_results->events->customerIdCount()) {
        m_customerId = std::string(m_results->events->customerId(customer));
        m_customerChosen = true;
    }
    updateCustomer();
}

void ChartsPage::updateCustomer()
{
    if (m_customerChosen && m_shown) {
        m_customer = customerWeeks(*m_shown, std::string_view(m_customerId));
    } else {
        m_customer = {};
        m_customer.customerId = QString::fromStdString(m_customerId);
    }
    redraw(Chart::CustomerWeeks);
}

void ChartsPage::setCurrentChart(Chart chart)
{
    m_selector->setCurrentIndex(indexOf(chart));
    m_deck->setCurrent(indexOf(chart)); // built now if stale, even when it was chosen already
}

ChartsPage::Chart ChartsPage::currentChart() const
{
    return static_cast<Chart>(m_selector->currentIndex());
}

void ChartsPage::setHistogramBins(int bins)
{
    m_bins->setValue(bins);
}

int ChartsPage::histogramBins() const
{
    return m_bins->value();
}

void ChartsPage::setLogScale(bool on)
{
    m_logScale->setChecked(on);
}

bool ChartsPage::logScale() const
{
    return m_logScale->isChecked();
}

void ChartsPage::redraw(Chart chart)
{
    m_deck->markStale(indexOf(chart));
}

QChart* ChartsPage::buildChart(Chart chart) const
{
    switch (chart) {
    case Chart::WeeklySpend: return buildWeeklySpendChart(m_weekly);
    case Chart::LtvDistribution: return buildLtvDistributionChart(m_distribution);
    case Chart::TopCustomers: return buildTopCustomersChart(m_top, m_topX);
    case Chart::CustomerWeeks: return buildCustomerWeeksChart(m_customer, m_customerChosen);
    }
    return chartstyle::newChart(QString());
}

bool ChartsPage::exportCurrentChart(const QString& path, QString* error) const
{
    return m_deck->exportChart(m_deck->current(), path, error);
}

} // namespace clv
