#include "predict/HeatmapChart.h"

#include "charts/ChartStyle.h"

#include <QBrush>
#include <QChart>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QLegend>
#include <QPen>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>
#include <array>
#include <cmath>

namespace clv {

namespace {

using namespace chartstyle;

constexpr int kScaleSlices = 40;
constexpr qreal kScaleGap = 18;
constexpr qreal kScaleWidth = 16;
// Above the plot area's background and grid, below the axes and series (Qt Charts stacks
// its own items at 0 … 4 in that order).
constexpr qreal kCellZ = 2.5;

QString timeUnitText(TimeUnit unit)
{
    return QString::fromLatin1(timeUnitName(unit).data(), qsizetype(timeUnitName(unit).size()));
}

QString valueText(double v, HeatmapValue value)
{
    return value == HeatmapValue::PAlive ? QString::number(v, 'f', 2) : QString::number(v, 'g', 4);
}

// A round tick step giving about `ticks` ticks over `span`.
double tickStep(double span, int ticks, bool whole)
{
    if (!(span > 0))
        return 1;
    const double raw = span / ticks;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double f = raw / magnitude;
    const double step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * magnitude;
    return whole ? std::max(1.0, std::round(step)) : step;
}

QValueAxis* gridAxis(double lo, double hi, double span, bool whole, const QString& title)
{
    auto* axis = new QValueAxis;
    axis->setRange(lo, hi);
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0.0);
    const double step = tickStep(span, 8, whole);
    axis->setTickInterval(step);
    axis->setLabelFormat(step >= 1 ? QStringLiteral("%.0f") : QStringLiteral("%.1f"));
    axis->setGridLineVisible(false);
    setAxisTitle(axis, title);
    return axis;
}

} // namespace

QColor heatmapColor(double fraction)
{
    // Dark blue through teal and green to yellow: light for high values, and readable in grey.
    static const std::array<QColor, 5> kStops = {QColor(0x2B, 0x1A, 0x5E), QColor(0x2E, 0x5C, 0x8A),
                                                 QColor(0x1F, 0x9A, 0x8A), QColor(0x7A, 0xC9, 0x4F),
                                                 QColor(0xF4, 0xE2, 0x3A)};
    const double t = std::clamp(std::isnan(fraction) ? 0.0 : fraction, 0.0, 1.0) * double(kStops.size() - 1);
    const auto i = std::min<std::size_t>(std::size_t(t), kStops.size() - 2);
    const double u = t - double(i);
    const QColor& a = kStops[i];
    const QColor& b = kStops[i + 1];
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * u),
                            float(a.greenF() + (b.greenF() - a.greenF()) * u),
                            float(a.blueF() + (b.blueF() - a.blueF()) * u));
}

QChart* buildHeatmapChart(const FrequencyRecencyGrid& grid, HeatmapValue value)
{
    const bool alive = value == HeatmapValue::PAlive;
    const QString unit = timeUnitText(grid.unit);
    const QString title = alive
        ? QObject::tr("P(alive) by frequency and recency")
        : QObject::tr("Expected purchases in the next %1 %2s").arg(QString::number(grid.horizon, 'g', 4), unit);
    QChart* chart = newChart(title);
    chart->legend()->hide();
    if (!grid.available || grid.recencies.size() < 2 || grid.frequencies.empty()) {
        addMessage(chart, QObject::tr("No purchase model was fitted: nothing to chart."));
        return chart;
    }
    chart->setTitle(title + QObject::tr(" · %1").arg(modelTitle(grid.model)));

    const std::vector<double>& values = alive ? grid.pAlive : grid.expected;
    double lo = 0, hi = alive ? 1.0 : 0.0;
    if (!alive)
        for (double v : values)
            if (std::isfinite(v))
                hi = std::max(hi, v);
    if (!(hi > lo))
        hi = lo + 1;

    const double h = grid.recencies[1] - grid.recencies[0];
    const double xMax = grid.frequencies.back();
    // Invisible corners: the series the axes map values through.
    auto* anchor = new QScatterSeries;
    anchor->setObjectName(QStringLiteral("cellAnchor"));
    anchor->setColor(Qt::transparent);
    anchor->setBorderColor(Qt::transparent);
    anchor->setMarkerSize(1);
    anchor->append(grid.recencies.front() - h / 2, -0.5);
    anchor->append(grid.T + h / 2, xMax + 0.5);
    chart->addSeries(anchor);
    auto* xAxis = gridAxis(-h / 2, grid.T + h / 2, grid.T, false,
                           QObject::tr("Recency t_x: %1s from first to last purchase, of %2 observed")
                               .arg(unit, QString::number(grid.T, 'f', 1)));
    auto* yAxis = gridAxis(-0.5, xMax + 0.5, xMax, true, QObject::tr("Frequency x: repeat purchases"));
    chart->addAxis(xAxis, Qt::AlignBottom);
    chart->addAxis(yAxis, Qt::AlignLeft);
    anchor->attachAxis(xAxis);
    anchor->attachAxis(yAxis);
    // Room at the right for the colour scale and its labels.
    chart->setMargins(QMargins(8, 8, 110, 8));

    std::vector<QGraphicsRectItem*> cells;
    cells.reserve(values.size());
    for (std::size_t f = 0; f < grid.frequencies.size(); ++f)
        for (std::size_t r = 0; r < grid.recencies.size(); ++r) {
            const double v = values[grid.cell(f, r)];
            auto* cell = new QGraphicsRectItem(chart);
            cell->setZValue(kCellZ);
            cell->setData(kHeatmapRole, QStringLiteral("cell"));
            cell->setPen(Qt::NoPen);
            cell->setBrush(heatmapColor((v - lo) / (hi - lo)));
            cell->setToolTip(QObject::tr("x = %1, t_x = %2 %3s\nP(alive) %4\nExpected purchases %5")
                                 .arg(grid.frequencies[f])
                                 .arg(grid.recencies[r], 0, 'f', 1)
                                 .arg(unit)
                                 .arg(grid.pAlive[grid.cell(f, r)], 0, 'f', 3)
                                 .arg(grid.expected[grid.cell(f, r)], 0, 'g', 4));
            cells.push_back(cell);
        }

    std::vector<QGraphicsRectItem*> slices;
    for (int i = 0; i < kScaleSlices; ++i) {
        auto* slice = new QGraphicsRectItem(chart);
        slice->setPen(Qt::NoPen);
        slice->setData(kHeatmapRole, QStringLiteral("scaleSlice"));
        slice->setBrush(heatmapColor((i + 0.5) / kScaleSlices));
        slices.push_back(slice);
    }
    // The scale's labels at round values (0, 0.2, … for P(alive)), as an axis would have them.
    const double labelStep = tickStep(hi - lo, 5, false);
    std::vector<QGraphicsSimpleTextItem*> labels;
    std::vector<double> labelValues;
    for (double v = lo; v <= hi * (1 + 1e-9); v += labelStep) {
        labels.push_back(new QGraphicsSimpleTextItem(valueText(v, value), chart));
        labelValues.push_back(v);
    }
    auto* scaleTitle = new QGraphicsSimpleTextItem(alive ? QObject::tr("P(alive)") : QObject::tr("Purchases"), chart);
    for (QGraphicsSimpleTextItem* text : labels)
        text->setData(kHeatmapRole, QStringLiteral("scaleLabel"));
    scaleTitle->setData(kHeatmapRole, QStringLiteral("scaleTitle"));

    const FrequencyRecencyGrid g = grid;
    auto place = [chart, anchor, cells, slices, labels, labelValues, scaleTitle, g, h, lo, hi](const QRectF& plot) {
        if (!plot.isValid())
            return;
        for (std::size_t f = 0; f < g.frequencies.size(); ++f)
            for (std::size_t r = 0; r < g.recencies.size(); ++r) {
                const QPointF a = chart->mapToPosition(QPointF(g.recencies[r] - h / 2, g.frequencies[f] - 0.5), anchor);
                const QPointF b = chart->mapToPosition(QPointF(g.recencies[r] + h / 2, g.frequencies[f] + 0.5), anchor);
                // Half a pixel more each way, so that antialiased edges leave no seams.
                cells[g.cell(f, r)]->setRect(QRectF(a, b).normalized().adjusted(-0.5, -0.5, 0.5, 0.5));
            }
        const qreal left = plot.right() + kScaleGap;
        const qreal sliceHeight = plot.height() / kScaleSlices;
        for (int i = 0; i < kScaleSlices; ++i)
            slices[std::size_t(i)]->setRect(
                QRectF(left, plot.bottom() - (i + 1) * sliceHeight, kScaleWidth, sliceHeight + 0.5));
        for (std::size_t i = 0; i < labels.size(); ++i) {
            const qreal y = plot.bottom() - plot.height() * (labelValues[i] - lo) / (hi - lo);
            labels[i]->setPos(left + kScaleWidth + 6, y - labels[i]->boundingRect().height() / 2);
        }
        // Above the scale, clear of its top label.
        scaleTitle->setPos(left, plot.top() - scaleTitle->boundingRect().height() * 1.6);
    };
    QObject::connect(chart, &QChart::plotAreaChanged, chart, place);
    place(chart->plotArea());
    return chart;
}

} // namespace clv
