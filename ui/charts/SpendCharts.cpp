#include "charts/SpendCharts.h"

#include "charts/ChartStyle.h"

#include <QBarSeries>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QCursor>
#include <QFontMetricsF>
#include <QLineSeries>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace clv {

namespace {

using namespace chartstyle;

struct WeekPoint {
    QString category; // the x-axis label, unique per week
    QString detail;   // the first line of the hover text
    Cents spendCents = 0;
    qint64 visits = 0;
    qint64 orders = -1; // -1: not known for this chart
};

// Labels every k-th week, k as small as lets the labels stand side by side in `width`.
void labelEveryFewWeeks(QCategoryAxis* axis, const QStringList& labels, double width)
{
    if (labels.isEmpty() || !(width > 0.0))
        return;
    qreal widest = 0;
    const QFontMetricsF metrics(axis->labelsFont());
    for (const QString& label : labels)
        widest = std::max(widest, metrics.horizontalAdvance(label));
    const double perLabel = widest + metrics.height();
    const int stride = std::max(1, int(std::ceil(double(labels.size()) * perLabel / width)));
    if (axis->property("weekStride").toInt() == stride)
        return;
    axis->setProperty("weekStride", stride);
    for (const QString& label : axis->categoriesLabels())
        axis->remove(label);
    for (int i = 0; i < labels.size(); i += stride)
        axis->append(labels[i], double(i));
}

QString dayText(const QDate& date)
{
    return date.toString(QStringLiteral("yyyy-MM-dd"));
}

// Bars of spend and a line of visits over a category axis of weeks.
void drawWeeks(QChart* chart, const std::vector<WeekPoint>& weeks, const QString& xTitle)
{
    auto* spend = new QBarSet(QObject::tr("Spend (USD)"));
    spend->setColor(kSpend);
    spend->setBorderColor(kSpend.darker(120));
    auto* bars = new QBarSeries;
    bars->setObjectName(QStringLiteral("spendBars"));
    bars->setBarWidth(0.7);
    auto* visits = new QLineSeries;
    visits->setObjectName(QStringLiteral("visitsLine"));
    visits->setName(QObject::tr("Visits"));
    QPen linePen(kVisits);
    linePen.setWidthF(2.5);
    visits->setPen(linePen);
    visits->setPointsVisible(weeks.size() <= 60);
    visits->setMarkerSize(7);

    QStringList categories;
    double maxSpend = 0.0;
    qint64 maxVisits = 0;
    for (std::size_t i = 0; i < weeks.size(); ++i) {
        const double dollarsSpent = double(weeks[i].spendCents) / 100.0;
        categories << weeks[i].category;
        spend->append(dollarsSpent);
        visits->append(double(i), double(weeks[i].visits));
        maxSpend = std::max(maxSpend, dollarsSpent);
        maxVisits = std::max(maxVisits, weeks[i].visits);
    }
    bars->append(spend);
    chart->addSeries(bars);
    chart->addSeries(visits);

    // A category axis on values, rather than a bar-category axis, so that a long run of
    // weeks can be labelled every few weeks instead of eliding every label.
    auto* xAxis = new QCategoryAxis;
    xAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    xAxis->setStartValue(-0.5);
    xAxis->setRange(-0.5, double(weeks.size()) - 0.5);
    xAxis->setGridLineVisible(false);
    setAxisTitle(xAxis, xTitle);
    labelEveryFewWeeks(xAxis, categories, 900.0);
    QObject::connect(chart, &QChart::plotAreaChanged, xAxis,
                     [xAxis, categories](const QRectF& plot) { labelEveryFewWeeks(xAxis, categories, plot.width()); });
    auto* spendAxis = new QValueAxis;
    setAxisTitle(spendAxis, QObject::tr("Spend (USD)"));
    setNiceRange(spendAxis, 0.0, maxSpend * 1.05, false);
    auto* visitsAxis = new QValueAxis;
    setAxisTitle(visitsAxis, QObject::tr("Visits"));
    setNiceRange(visitsAxis, 0.0, double(maxVisits) * 1.05, true);
    visitsAxis->setLinePenColor(kVisits);
    visitsAxis->setLabelsColor(kVisits.darker(130));
    visitsAxis->setGridLineVisible(false);

    chart->addAxis(xAxis, Qt::AlignBottom);
    chart->addAxis(spendAxis, Qt::AlignLeft);
    chart->addAxis(visitsAxis, Qt::AlignRight);
    bars->attachAxis(xAxis);
    bars->attachAxis(spendAxis);
    visits->attachAxis(xAxis);
    visits->attachAxis(visitsAxis);

    auto hoverText = [weeks](int i) {
        const WeekPoint& w = weeks[static_cast<std::size_t>(i)];
        QString text = w.detail + QLatin1Char('\n') + QObject::tr("Spend: %1").arg(dollarsFromCents(w.spendCents))
            + QLatin1Char('\n') + QObject::tr("Visits: %1").arg(count(w.visits));
        if (w.orders >= 0)
            text += QLatin1Char('\n') + QObject::tr("Orders: %1").arg(count(w.orders));
        return text;
    };
    QObject::connect(spend, &QBarSet::hovered, chart, [hoverText](bool on, int i) {
        if (on)
            QToolTip::showText(QCursor::pos(), hoverText(i));
        else
            QToolTip::hideText();
    });
    QObject::connect(visits, &QLineSeries::hovered, chart,
                     [hoverText, n = int(weeks.size())](const QPointF& p, bool on) {
                         const int i = std::clamp(int(std::lround(p.x())), 0, std::max(0, n - 1));
                         if (on && n > 0)
                             QToolTip::showText(QCursor::pos(), hoverText(i));
                         else
                             QToolTip::hideText();
                     });
}

} // namespace

QChart* buildWeeklySpendChart(const CalendarWeekSeries& series)
{
    QChart* chart = newChart(QObject::tr("Weekly spend and visits"));
    if (series.weeks.empty()) {
        chart->legend()->hide();
        addMessage(chart, QObject::tr("No events to chart. Open event files to see the weekly spend."));
        return chart;
    }
    std::vector<WeekPoint> weeks;
    weeks.reserve(series.weeks.size());
    for (const CalendarWeek& w : series.weeks)
        weeks.push_back(
            {dayText(w.start), QObject::tr("Week of %1").arg(dayText(w.start)), w.spendCents, w.visits, w.orders});
    const QString first = dayText(series.weeks.front().start);
    const QString last = dayText(series.weeks.back().start.addDays(6));
    chart->setTitle(QObject::tr("Weekly spend and visits · %1 to %2 · total %3")
                        .arg(first, last, dollarsFromCents(series.totalSpendCents())));
    drawWeeks(chart, weeks,
              series.weekStart == WeekStart::Monday ? QObject::tr("Week starting (Monday)")
                                                    : QObject::tr("Week starting (Sunday)"));
    return chart;
}

QChart* buildCustomerWeeksChart(const CustomerWeekSeries& series, bool chosen)
{
    QChart* chart = newChart(QObject::tr("Customer weekly spend"));
    if (!chosen || !series.found) {
        chart->legend()->hide();
        addMessage(chart,
                   chosen ? QObject::tr("Customer %1 is not in the current results.").arg(series.customerId)
                          : QObject::tr("No customer selected. Select a customer in the LTV table."));
        return chart;
    }
    std::vector<WeekPoint> weeks;
    weeks.reserve(series.weeks.size());
    Cents total = 0;
    for (const CustomerWeek& w : series.weeks) {
        weeks.push_back({QObject::tr("W%1 · %2").arg(w.weekId).arg(dayText(w.start)),
                         QObject::tr("Week %1, from %2").arg(w.weekId).arg(dayText(w.start)), w.spendCents, w.visits,
                         -1});
        total += w.spendCents;
    }
    chart->setTitle(
        QObject::tr("Customer %1 · weekly spend · total %2").arg(series.customerId, dollarsFromCents(total)));
    drawWeeks(chart, weeks, QObject::tr("Customer week (week_id · first day)"));
    return chart;
}

} // namespace clv
