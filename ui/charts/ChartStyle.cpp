#include "charts/ChartStyle.h"

#include <QChart>
#include <QChartView>
#include <QFont>
#include <QGraphicsSimpleTextItem>
#include <QLegend>
#include <QLocale>
#include <QValueAxis>

#include <cmath>

namespace clv::chartstyle {

namespace {

const QLocale& numberLocale()
{
    static const QLocale locale(QLocale::English, QLocale::UnitedStates);
    return locale;
}

double niceStep(double span, int ticks)
{
    if (!(span > 0.0))
        return 1.0;
    const double raw = span / std::max(1, ticks);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double fraction = raw / magnitude;
    const double nice = fraction <= 1.0 ? 1.0 : fraction <= 2.0 ? 2.0 : fraction <= 5.0 ? 5.0 : 10.0;
    return nice * magnitude;
}

} // namespace

QString dollars(double value)
{
    return QLatin1Char('$') + numberLocale().toString(value, 'f', 2);
}

QString dollarsFromCents(Cents cents)
{
    return dollars(double(cents) / 100.0);
}

QString count(qint64 value)
{
    return numberLocale().toString(value);
}

QChartView* newChartView(const char* objectName, QWidget* parent)
{
    auto* view = new QChartView(parent);
    view->setObjectName(QLatin1String(objectName));
    view->setRenderHint(QPainter::Antialiasing);
    view->setFrameShape(QFrame::NoFrame);
    view->setMinimumSize(320, 240);
    return view;
}

QChart* newChart(const QString& title)
{
    auto* chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setLocale(numberLocale());
    chart->setLocalizeNumbers(true);
    QFont titleFont = chart->titleFont();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    chart->setTitleFont(titleFont);
    chart->setTitle(title);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(8, 8, 8, 8));
    return chart;
}

void setAxisTitle(QAbstractAxis* axis, const QString& title)
{
    QFont font = axis->titleFont();
    font.setBold(false);
    font.setPointSizeF(std::max(9.0, font.pointSizeF()));
    axis->setTitleFont(font);
    axis->setTitleText(title);
}

void setNiceRange(QValueAxis* axis, double min, double max, bool wholeNumbers, int ticks)
{
    if (!(max > min))
        max = min + 1.0;
    double step = niceStep(max - min, ticks);
    if (wholeNumbers)
        step = std::max(1.0, std::round(step));
    axis->setRange(std::floor(min / step) * step, std::ceil(max / step) * step);
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0.0);
    axis->setTickInterval(step);
    axis->setLabelFormat(wholeNumbers || step >= 1.0 ? QStringLiteral("%.0f") : QStringLiteral("%.2f"));
}

void addMessage(QChart* chart, const QString& message)
{
    auto* text = new QGraphicsSimpleTextItem(message, chart);
    QFont font = text->font();
    font.setPointSizeF(font.pointSizeF() * 1.2);
    text->setFont(font);
    text->setBrush(QColor(0x55, 0x55, 0x55));
    auto place = [chart, text](const QRectF& plot) {
        const QRectF area = plot.isValid() && plot.width() > 0 ? plot : chart->rect();
        const QRectF box = text->boundingRect();
        text->setPos(area.center() - QPointF(box.width() / 2, box.height() / 2));
    };
    QObject::connect(chart, &QChart::plotAreaChanged, chart, place);
    place(chart->plotArea());
}

} // namespace clv::chartstyle
