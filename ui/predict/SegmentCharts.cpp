#include "predict/SegmentCharts.h"

#include "charts/ChartStyle.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace clv {

namespace {

using namespace chartstyle;

// At most about this many cohort labels on the x axis; the others are left out.
constexpr int kMaxCohortLabels = 16;

QChart* emptyChart(const QString& title, const QString& message)
{
    QChart* chart = newChart(title);
    chart->legend()->hide();
    addMessage(chart, message);
    return chart;
}

} // namespace

QChart* buildCohortChart(const CohortTable& table, bool haveData)
{
    const bool weeks = table.period == CohortPeriod::Week;
    const QString title = weeks ? QObject::tr("Revenue and size of weekly cohorts")
                                : QObject::tr("Revenue and size of monthly cohorts");
    if (table.cohorts.empty())
        return emptyChart(title,
                          haveData ? QObject::tr("No purchases to group into cohorts.")
                                   : QObject::tr("Open event files or transactions to see cohorts."));
    QChart* chart = newChart(title);
    auto* revenue = new QBarSet(QObject::tr("Revenue (USD)"));
    revenue->setColor(kSpend);
    revenue->setBorderColor(kSpend.darker(120));
    auto* bars = new QBarSeries;
    bars->setObjectName(QStringLiteral("cohortRevenueBars"));
    bars->setBarWidth(0.7);
    auto* sizes = new QLineSeries;
    sizes->setObjectName(QStringLiteral("cohortSizeLine"));
    sizes->setName(QObject::tr("Customers"));
    QPen pen(kVisits);
    pen.setWidthF(2.5);
    sizes->setPen(pen);
    sizes->setPointsVisible(table.cohorts.size() <= 60);

    // A category axis on values rather than a bar-category axis, so that a long run of
    // cohorts is labelled every few cohorts instead of eliding every label.
    auto* xAxis = new QCategoryAxis;
    xAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    xAxis->setStartValue(-0.5);
    xAxis->setRange(-0.5, double(table.cohorts.size()) - 0.5);
    xAxis->setGridLineVisible(false);
    xAxis->setLabelsAngle(-45); // dates side by side would be cut short
    const int n = int(table.cohorts.size());
    const int stride = std::max(1, (n + kMaxCohortLabels - 1) / kMaxCohortLabels);
    double highestRevenue = 0.0;
    qint64 largest = 0;
    for (int i = 0; i < n; ++i) {
        const Cohort& c = table.cohorts[std::size_t(i)];
        const double dollarsSpent = double(c.revenue) / 100.0;
        revenue->append(dollarsSpent);
        sizes->append(double(i), double(c.customers));
        highestRevenue = std::max(highestRevenue, dollarsSpent);
        largest = std::max<qint64>(largest, c.customers);
        if (i % stride == 0)
            xAxis->append(c.start.toString(weeks ? QStringLiteral("yyyy-MM-dd") : QStringLiteral("yyyy-MM")),
                          double(i));
    }
    bars->append(revenue);
    chart->addSeries(bars);
    chart->addSeries(sizes);
    setAxisTitle(xAxis, weeks ? QObject::tr("Cohort (week starting Monday)") : QObject::tr("Cohort (month)"));
    auto* revenueAxis = new QValueAxis;
    setAxisTitle(revenueAxis, QObject::tr("Revenue (USD)"));
    setNiceRange(revenueAxis, 0.0, highestRevenue * 1.05, false);
    auto* sizeAxis = new QValueAxis;
    setAxisTitle(sizeAxis, QObject::tr("Customers"));
    setNiceRange(sizeAxis, 0.0, double(largest) * 1.05, true);
    sizeAxis->setLinePenColor(kVisits);
    sizeAxis->setLabelsColor(kVisits.darker(130));
    sizeAxis->setGridLineVisible(false);
    chart->addAxis(xAxis, Qt::AlignBottom);
    chart->addAxis(revenueAxis, Qt::AlignLeft);
    chart->addAxis(sizeAxis, Qt::AlignRight);
    bars->attachAxis(xAxis);
    bars->attachAxis(revenueAxis);
    sizes->attachAxis(xAxis);
    sizes->attachAxis(sizeAxis);
    return chart;
}

QChart* buildSegmentChart(const RfmSegmentation& s, bool haveData)
{
    const QString title = QObject::tr("RFM segments: share of customers and of revenue");
    if (s.customers.empty())
        return emptyChart(title,
                          haveData ? QObject::tr("No customers with purchases to segment.")
                                   : QObject::tr("Open event files or transactions to see RFM segments."));
    QChart* chart = newChart(title);
    auto* customers = new QBarSet(QObject::tr("Customers (%)"));
    customers->setColor(kVisits);
    auto* revenue = new QBarSet(QObject::tr("Revenue (%)"));
    revenue->setColor(kSpend);
    QStringList names;
    double highest = 0.0;
    for (int g = 0; g < kRfmSegments; ++g) {
        const double customerShare = 100.0 * double(s.segments[std::size_t(g)].customers) / double(s.customers.size());
        const double revenueShare = 100.0 * s.revenueShare(RfmSegment(g));
        customers->append(customerShare);
        revenue->append(revenueShare);
        highest = std::max({highest, customerShare, revenueShare});
        names << rfmSegmentName(RfmSegment(g));
    }
    auto* bars = new QBarSeries;
    bars->setObjectName(QStringLiteral("segmentShareBars"));
    bars->append(customers);
    bars->append(revenue);
    chart->addSeries(bars);
    auto* segmentAxis = new QBarCategoryAxis;
    segmentAxis->append(names);
    setAxisTitle(segmentAxis, QObject::tr("Segment"));
    auto* shareAxis = new QValueAxis;
    setNiceRange(shareAxis, 0.0, std::min(100.0, highest * 1.08), false);
    setAxisTitle(shareAxis, QObject::tr("Share (%)"));
    chart->addAxis(segmentAxis, Qt::AlignBottom);
    chart->addAxis(shareAxis, Qt::AlignLeft);
    bars->attachAxis(segmentAxis);
    bars->attachAxis(shareAxis);
    return chart;
}

} // namespace clv
