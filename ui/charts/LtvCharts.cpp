#include "charts/LtvCharts.h"

#include "charts/ChartStyle.h"

#include <QAreaSeries>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QCursor>
#include <QHorizontalBarSeries>
#include <QLegend>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace clv {

namespace {

using namespace chartstyle;

// A vertical line from the floor to the top of the count axis, named with its value so
// that the legend reads "Median $1,234.56".
void addMarker(QChart* chart, const QString& objectName, const QString& label, double value, double top,
               const QColor& color, bool placeable, QAbstractAxis* xAxis, QAbstractAxis* yAxis)
{
    auto* line = new QLineSeries;
    line->setObjectName(objectName);
    QPen pen(color);
    pen.setWidthF(2.5);
    pen.setStyle(Qt::DashLine);
    line->setPen(pen);
    if (placeable) {
        line->setName(QStringLiteral("%1 %2").arg(label, dollars(value)));
        line->append(value, 0.0);
        line->append(value, top);
    } else {
        line->setName(QObject::tr("%1 %2 (not on the log axis)").arg(label, dollars(value)));
    }
    chart->addSeries(line);
    line->attachAxis(xAxis);
    line->attachAxis(yAxis);
}

} // namespace

QChart* buildLtvDistributionChart(const LtvDistribution& d)
{
    QChart* chart = newChart(QObject::tr("LTV distribution"));
    if (d.count == 0) {
        chart->legend()->hide();
        addMessage(chart, QObject::tr("No customers to chart. Open event files to see the LTV distribution."));
        return chart;
    }
    QString title = QObject::tr("LTV distribution · %1 customers · %2 bins").arg(count(d.count)).arg(d.counts.size());
    if (d.logScale && d.zeroCount > 0)
        title += QObject::tr(" · %1 with LTV 0 not shown on the log axis").arg(count(d.zeroCount));
    chart->setTitle(title);

    // The outline drops to the floor at every inner edge, so each bin reads as its own bar.
    auto* outline = new QLineSeries;
    std::int64_t highest = 0;
    for (std::size_t i = 0; i < d.counts.size(); ++i) {
        const double c = double(d.counts[i]);
        outline->append(d.edges[i], 0.0);
        outline->append(d.edges[i], c);
        outline->append(d.edges[i + 1], c);
        highest = std::max(highest, d.counts[i]);
    }
    outline->append(d.edges.back(), 0.0);
    auto* histogram = new QAreaSeries(outline);
    outline->setParent(histogram); // an area series does not own its boundary lines
    histogram->setObjectName(QStringLiteral("histogram"));
    histogram->setName(QObject::tr("Customers per bin"));
    QColor fill = kSpend;
    fill.setAlpha(170);
    histogram->setBrush(fill);
    QPen border(kSpend.darker(140));
    border.setWidthF(1.0);
    histogram->setPen(border);
    chart->addSeries(histogram);

    QAbstractAxis* xAxis = nullptr;
    if (d.logScale) {
        auto* logAxis = new QLogValueAxis;
        logAxis->setBase(10.0);
        // Whole decades, so that the axis always has labelled ticks, even for data within one.
        const double lo = std::pow(10.0, std::floor(std::log10(d.edges.front())));
        double hi = std::pow(10.0, std::ceil(std::log10(d.edges.back())));
        if (!(hi > lo))
            hi = lo * 10.0;
        logAxis->setRange(lo, hi);
        logAxis->setMinorTickCount(8);
        logAxis->setLabelFormat(QStringLiteral("%.0f"));
        setAxisTitle(logAxis, QObject::tr("LTV (USD, log scale)"));
        xAxis = logAxis;
    } else {
        auto* valueAxis = new QValueAxis;
        setNiceRange(valueAxis, d.edges.front(), d.edges.back(), false, 8);
        setAxisTitle(valueAxis, QObject::tr("LTV (USD)"));
        xAxis = valueAxis;
    }
    auto* yAxis = new QValueAxis;
    setNiceRange(yAxis, 0.0, double(highest) * 1.08, true);
    setAxisTitle(yAxis, QObject::tr("Customers"));
    chart->addAxis(xAxis, Qt::AlignBottom);
    chart->addAxis(yAxis, Qt::AlignLeft);
    histogram->attachAxis(xAxis);
    histogram->attachAxis(yAxis);

    const double top = static_cast<QValueAxis*>(yAxis)->max();
    auto placeable = [&d](double v) { return !d.logScale || v > 0.0; };
    addMarker(chart, QStringLiteral("meanMarker"), QObject::tr("Mean"), d.mean, top, kMean, placeable(d.mean), xAxis,
              yAxis);
    addMarker(chart, QStringLiteral("medianMarker"), QObject::tr("Median"), d.median, top, kMedian, placeable(d.median),
              xAxis, yAxis);
    addMarker(chart, QStringLiteral("p90Marker"), QObject::tr("p90"), d.p90, top, kP90, placeable(d.p90), xAxis, yAxis);

    QObject::connect(histogram, &QAreaSeries::hovered, chart, [d](const QPointF& p, bool on) {
        if (!on) {
            QToolTip::hideText();
            return;
        }
        const auto upper = std::upper_bound(d.edges.begin(), d.edges.end(), p.x());
        const std::size_t bin = std::min<std::size_t>(
            d.counts.size() - 1, std::size_t(std::max<std::ptrdiff_t>(0, upper - d.edges.begin() - 1)));
        QToolTip::showText(QCursor::pos(),
                           QObject::tr("%1 to %2: %3 customers")
                               .arg(dollars(d.edges[bin]), dollars(d.edges[bin + 1]), count(d.counts[bin])));
    });
    return chart;
}

QChart* buildTopCustomersChart(const std::vector<TopCustomer>& top, int requested)
{
    QChart* chart = newChart(QObject::tr("Top customers by LTV"));
    if (top.empty()) {
        chart->legend()->hide();
        addMessage(chart, QObject::tr("No customers to rank. Open event files to see the top customers."));
        return chart;
    }
    QString title = QObject::tr("Top %1 customers by LTV").arg(top.size());
    if (requested > int(top.size()))
        title += QObject::tr(" (of %1 asked for)").arg(requested);
    chart->setTitle(title);
    chart->legend()->hide();

    auto* ltv = new QBarSet(QObject::tr("LTV (USD)"));
    ltv->setColor(kSpend);
    ltv->setBorderColor(kSpend.darker(120));
    ltv->setLabelColor(Qt::black);
    QStringList categories;
    double highest = 0.0;
    // A horizontal bar axis counts from the bottom: adding the ranks backwards puts the
    // first at the top.
    for (auto it = top.rbegin(); it != top.rend(); ++it) {
        categories << it->customerId;
        ltv->append(std::round(it->ltv * 100.0) / 100.0);
        highest = std::max(highest, it->ltv);
    }
    auto* bars = new QHorizontalBarSeries;
    bars->setObjectName(QStringLiteral("topBars"));
    bars->append(ltv);
    bars->setBarWidth(0.75);
    if (top.size() <= 30) {
        bars->setLabelsVisible(true);
        bars->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
        bars->setLabelsPrecision(12);
        bars->setLabelsFormat(QStringLiteral("@value"));
    }
    chart->addSeries(bars);

    auto* idAxis = new QBarCategoryAxis;
    idAxis->append(categories);
    setAxisTitle(idAxis, QObject::tr("Customer id"));
    auto* valueAxis = new QValueAxis;
    // Room at the right for the value labels outside the longest bar.
    setNiceRange(valueAxis, 0.0, highest * 1.15, false);
    setAxisTitle(valueAxis, QObject::tr("LTV (USD)"));
    chart->addAxis(idAxis, Qt::AlignLeft);
    chart->addAxis(valueAxis, Qt::AlignBottom);
    bars->attachAxis(idAxis);
    bars->attachAxis(valueAxis);

    const std::vector<TopCustomer> ranks(top.rbegin(), top.rend());
    QObject::connect(ltv, &QBarSet::hovered, chart, [ranks](bool on, int i) {
        if (!on) {
            QToolTip::hideText();
            return;
        }
        const TopCustomer& c = ranks[static_cast<std::size_t>(i)];
        QToolTip::showText(QCursor::pos(),
                           QObject::tr("#%1 %2\nLTV: %3\nTotal spend: %4")
                               .arg(ranks.size() - std::size_t(i))
                               .arg(c.customerId, dollars(c.ltv), dollarsFromCents(c.totalCents)));
    });
    return chart;
}

} // namespace clv
