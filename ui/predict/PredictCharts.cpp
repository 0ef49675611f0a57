#include "predict/PredictCharts.h"

#include "charts/ChartStyle.h"
#include "charts/LtvCharts.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QLegend>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace clv {

namespace {

using namespace chartstyle;

const QColor kActual{0x33, 0x33, 0x33};
const QColor kCalibrationEnd{0x88, 0x88, 0x88};

// Each model keeps its colour on every chart.
QColor modelColor(ModelKind kind)
{
    switch (kind) {
    case ModelKind::BgNbd: return kSpend;
    case ModelKind::ParetoNbd: return kVisits;
    case ModelKind::MbgNbd: return kP90;
    case ModelKind::GammaGamma: break;
    }
    return kMedian;
}

QString unitName(TimeUnit unit, bool plural)
{
    switch (unit) {
    case TimeUnit::Day: return plural ? QObject::tr("days") : QObject::tr("day");
    case TimeUnit::Week: return plural ? QObject::tr("weeks") : QObject::tr("week");
    case TimeUnit::Month: return plural ? QObject::tr("months") : QObject::tr("month");
    }
    return {};
}

QString capitalised(QString text)
{
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    return text;
}

QLineSeries* line(const QString& objectName, const QString& name, const QColor& color, Qt::PenStyle style)
{
    auto* series = new QLineSeries;
    series->setObjectName(objectName);
    series->setName(name);
    QPen pen(color);
    pen.setWidthF(2.5);
    pen.setStyle(style);
    series->setPen(pen);
    return series;
}

QChart* emptyChart(const QString& title, const QString& message)
{
    QChart* chart = newChart(title);
    chart->legend()->hide();
    addMessage(chart, message);
    return chart;
}

void attach(QChart* chart, QAbstractAxis* xAxis, QAbstractAxis* yAxis)
{
    chart->addAxis(xAxis, Qt::AlignBottom);
    chart->addAxis(yAxis, Qt::AlignLeft);
    for (QAbstractSeries* series : chart->series()) {
        series->attachAxis(xAxis);
        series->attachAxis(yAxis);
    }
}

QStringList frequencyCategories(std::size_t groups)
{
    QStringList categories;
    for (std::size_t k = 0; k + 1 < groups; ++k)
        categories << QString::number(k);
    categories << QStringLiteral("%1+").arg(groups - 1);
    return categories;
}

} // namespace

QString unitsSince(TimeUnit unit, const QString& since)
{
    return capitalised(QObject::tr("%1 since %2").arg(unitName(unit, true), since));
}

QChart* buildTrackingChart(const TrackingSeries& s)
{
    const QString title = QObject::tr("Cumulative repeat purchases");
    if (s.periods.empty() || s.models.empty())
        return emptyChart(title, QObject::tr("No tracking to chart: fit a purchase model to see it."));
    QChart* chart = newChart(title);
    double top = 0;
    if (s.hasActual()) {
        auto* actual = line(QStringLiteral("actual"), QObject::tr("Actual"), kActual, Qt::SolidLine);
        for (std::size_t i = 0; i < s.periods.size(); ++i) {
            actual->append(s.periods[i], s.actual[i]);
            top = std::max(top, s.actual[i]);
        }
        chart->addSeries(actual);
    }
    for (std::size_t m = 0; m < s.models.size(); ++m) {
        auto* expected = line(QStringLiteral("expected_") + modelKeyText(s.models[m]),
                              QObject::tr("%1 expected").arg(modelTitle(s.models[m])), modelColor(s.models[m]),
                              Qt::DashLine);
        for (std::size_t i = 0; i < s.periods.size(); ++i) {
            expected->append(s.periods[i], s.expected[m][i]);
            top = std::max(top, s.expected[m][i]);
        }
        chart->addSeries(expected);
    }
    auto* yAxis = new QValueAxis;
    setNiceRange(yAxis, 0.0, top * 1.05, true);
    if (s.calibrationPeriod > 0) {
        auto* marker = line(
            QStringLiteral("calibrationEnd"),
            QObject::tr("Calibration end (%1 %2)").arg(unitName(s.unit, false)).arg(s.calibrationPeriod),
            kCalibrationEnd, Qt::DotLine);
        marker->append(s.calibrationPeriod, 0.0);
        marker->append(s.calibrationPeriod, yAxis->max());
        chart->addSeries(marker);
    }
    auto* xAxis = new QValueAxis;
    setNiceRange(xAxis, 0.0, double(s.periods.back()), true, 10);
    setAxisTitle(xAxis, unitsSince(s.unit, QObject::tr("the earliest first purchase")));
    setAxisTitle(yAxis, QObject::tr("Cumulative repeat purchases"));
    attach(chart, xAxis, yAxis);
    return chart;
}

QChart* buildHoldoutChart(const HoldoutByFrequency& h)
{
    const QString title = QObject::tr("Calibration against holdout");
    if (!h.available)
        return emptyChart(title, QObject::tr("No holdout period: choose a holdout end to compare with."));
    if (h.models.empty())
        return emptyChart(title, QObject::tr("No purchase model was fitted."));
    QChart* chart = newChart(title);
    double top = 0;
    auto* actual = line(QStringLiteral("actual"), QObject::tr("Actual"), kActual, Qt::SolidLine);
    for (std::size_t g = 0; g < h.actual.size(); ++g)
        if (!std::isnan(h.actual[g])) {
            actual->append(double(g), h.actual[g]);
            top = std::max(top, h.actual[g]);
        }
    actual->setPointsVisible(true);
    chart->addSeries(actual);
    for (std::size_t m = 0; m < h.models.size(); ++m) {
        auto* predicted = line(QStringLiteral("predicted_") + modelKeyText(h.models[m]), modelTitle(h.models[m]),
                               modelColor(h.models[m]), Qt::DashLine);
        for (std::size_t g = 0; g < h.predicted[m].size(); ++g)
            if (g < h.customers.size() && h.customers[g] > 0) {
                predicted->append(double(g), h.predicted[m][g]);
                top = std::max(top, h.predicted[m][g]);
            }
        predicted->setPointsVisible(true);
        chart->addSeries(predicted);
    }
    auto* xAxis = new QBarCategoryAxis;
    xAxis->append(frequencyCategories(h.customers.size()));
    setAxisTitle(xAxis, QObject::tr("Repeat purchases in the calibration period"));
    auto* yAxis = new QValueAxis;
    setNiceRange(yAxis, 0.0, top * 1.08, false);
    setAxisTitle(yAxis,
                 QObject::tr("Mean purchases in the holdout (%1 %2)")
                     .arg(QString::number(h.holdoutLength, 'g', 4), unitName(h.unit, true)));
    attach(chart, xAxis, yAxis);
    return chart;
}

QChart* buildRepeatHistogramChart(const RepeatHistogram& h)
{
    const QString title = QObject::tr("Repeat purchases per customer");
    if (h.customers == 0)
        return emptyChart(title, QObject::tr("No customers to chart."));
    QChart* chart = newChart(QObject::tr("Repeat purchases per customer · %1 customers").arg(count(h.customers)));
    auto* bars = new QBarSeries;
    bars->setObjectName(QStringLiteral("repeatBars"));
    auto* actual = new QBarSet(QObject::tr("Actual"));
    actual->setColor(kActual);
    double top = 0;
    for (std::int64_t c : h.actual) {
        actual->append(double(c));
        top = std::max(top, double(c));
    }
    bars->append(actual);
    for (std::size_t m = 0; m < h.models.size(); ++m) {
        auto* expected = new QBarSet(QObject::tr("%1 expected").arg(modelTitle(h.models[m])));
        expected->setColor(modelColor(h.models[m]));
        for (double v : h.expected[m]) {
            expected->append(v);
            top = std::max(top, v);
        }
        bars->append(expected);
    }
    chart->addSeries(bars);
    auto* xAxis = new QBarCategoryAxis;
    xAxis->append(frequencyCategories(h.actual.size()));
    setAxisTitle(xAxis, QObject::tr("Repeat purchases in the calibration period"));
    auto* yAxis = new QValueAxis;
    setNiceRange(yAxis, 0.0, top * 1.05, true);
    setAxisTitle(yAxis, QObject::tr("Customers"));
    attach(chart, xAxis, yAxis);
    return chart;
}

QChart* buildCustomerAliveChart(const CustomerAliveCurve& c, bool chosen)
{
    const QString title = QObject::tr("Customer P(alive) over time");
    if (!chosen)
        return emptyChart(title, QObject::tr("Choose a customer in the predictions table to see their P(alive)."));
    if (!c.found || c.times.empty())
        return emptyChart(title, QObject::tr("No P(alive) for this customer: no purchase model was fitted."));
    QChart* chart = newChart(QObject::tr("Customer %1 · P(alive) by %2 · %3 repeat purchases")
                                 .arg(QString::fromStdString(c.customerId), modelTitle(c.model))
                                 .arg(c.x, 0, 'f', 0));
    auto* alive = line(QStringLiteral("pAlive"), QObject::tr("P(alive)"), modelColor(c.model), Qt::SolidLine);
    for (std::size_t i = 0; i < c.times.size(); ++i)
        alive->append(c.times[i], c.pAlive[i]);
    chart->addSeries(alive);
    auto* purchases = new QScatterSeries;
    purchases->setObjectName(QStringLiteral("purchases"));
    purchases->setName(c.fromHistory ? QObject::tr("Repeat purchases")
                                     : QObject::tr("Last purchase (earlier ones not known from a summary)"));
    purchases->setColor(kActual);
    purchases->setMarkerShape(QScatterSeries::MarkerShapeTriangle);
    purchases->setMarkerSize(11);
    purchases->setBorderColor(Qt::white);
    // A purchase sits on the curve where it lifts P(alive) back up.
    for (double t : c.purchaseTimes) {
        const auto at = std::lower_bound(c.times.begin(), c.times.end(), t - 1e-9) - c.times.begin();
        const double value = at < std::ptrdiff_t(c.pAlive.size()) ? c.pAlive[std::size_t(at)] : c.pAlive.back();
        purchases->append(t, value);
    }
    chart->addSeries(purchases);
    auto* xAxis = new QValueAxis;
    setNiceRange(xAxis, 0.0, std::max(c.T, c.times.back()), false, 8);
    setAxisTitle(xAxis, unitsSince(c.unit, QObject::tr("their first purchase")));
    auto* yAxis = new QValueAxis;
    yAxis->setRange(0.0, 1.0);
    yAxis->setTickCount(6);
    yAxis->setLabelFormat(QStringLiteral("%.1f"));
    setAxisTitle(yAxis, QObject::tr("P(alive)"));
    attach(chart, xAxis, yAxis);
    return chart;
}

QChart* buildClvDistributionChart(const ClvDistribution& d)
{
    const QString title = QObject::tr("Predicted CLV distribution");
    if (d.histogram.count == 0)
        return emptyChart(title, QObject::tr("No predicted CLV: fit Gamma-Gamma with a purchase model to see it."));
    // The LTV histogram's layout, titled for CLV.
    QChart* chart = buildLtvDistributionChart(d.histogram);
    QString text = QObject::tr("Predicted CLV distribution · %1 customers · %2 bins")
                       .arg(count(d.histogram.count))
                       .arg(d.histogram.counts.size());
    if (d.withoutClv > 0)
        text += QObject::tr(" · %1 without a CLV left out").arg(count(d.withoutClv));
    chart->setTitle(text);
    for (QAbstractAxis* axis : chart->axes(Qt::Horizontal))
        setAxisTitle(axis, QObject::tr("Predicted CLV (USD)"));
    return chart;
}

QChart* buildClvScatterChart(const ClvScatter& s)
{
    const QString title = QObject::tr("Predicted CLV against seed LTV");
    if (s.eligible == 0)
        return emptyChart(title, QObject::tr("No customer has both a seed LTV and a predicted CLV."));
    QString text = QObject::tr("Predicted CLV against seed LTV · %1 of %2 customers shown")
                       .arg(count(qint64(s.shown())), count(s.eligible));
    if (s.correlation)
        text += QObject::tr(" · r = %1").arg(*s.correlation, 0, 'f', 2);
    QChart* chart = newChart(text);
    auto* points = new QScatterSeries;
    points->setObjectName(QStringLiteral("customers"));
    QString name = s.shown() < std::size_t(s.eligible) ? QObject::tr("Customers (an even sample)")
                                                       : QObject::tr("Customers");
    if (s.withoutSeedLtv + s.withoutClv > 0)
        name += QObject::tr("; left out: %1 without a seed LTV, %2 without a CLV")
                    .arg(count(s.withoutSeedLtv), count(s.withoutClv));
    points->setName(name);
    QColor fill = kSpend;
    fill.setAlpha(110);
    points->setColor(fill);
    points->setBorderColor(Qt::transparent);
    points->setMarkerSize(6);
    QList<QPointF> data;
    data.reserve(qsizetype(s.shown()));
    for (std::size_t i = 0; i < s.shown(); ++i)
        data.append(QPointF(s.seedLtv[i], s.clv[i]));
    points->replace(data);
    chart->addSeries(points);
    // Where the two would agree: a reference, not a prediction.
    const double lo = std::max(std::min(s.minSeedLtv, s.minClv), 0.0);
    const double hi = std::min(s.maxSeedLtv, s.maxClv);
    if (hi > lo) {
        auto* equal = line(QStringLiteral("equalLine"), QObject::tr("CLV = seed LTV"), kCalibrationEnd, Qt::DashLine);
        equal->append(lo, lo);
        equal->append(hi, hi);
        chart->addSeries(equal);
    }
    auto* xAxis = new QValueAxis;
    setNiceRange(xAxis, std::min(0.0, s.minSeedLtv), s.maxSeedLtv, false, 8);
    setAxisTitle(xAxis, QObject::tr("Seed LTV (USD)"));
    auto* yAxis = new QValueAxis;
    setNiceRange(yAxis, std::min(0.0, s.minClv), s.maxClv, false);
    setAxisTitle(yAxis, QObject::tr("Predicted CLV (USD)"));
    attach(chart, xAxis, yAxis);
    return chart;
}

} // namespace clv
