#include "charts/ChartExporter.h"

#include <QBuffer>
#include <QChart>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>

namespace clv {

namespace {

QString suffixOf(const QString& path)
{
    return QFileInfo(path).suffix().toLower();
}

// Draws the chart's own rectangle of its scene onto `device`, at the chart's current size.
void paintChart(QChart* chart, QPaintDevice* device, const QSize& size)
{
    QPainter painter(device);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    chart->scene()->render(&painter, QRectF(QPointF(0, 0), QSizeF(size)), QRectF(chart->pos(), QSizeF(size)));
}

// Lays the chart out at `size` for as long as the object lives.
class TemporaryChartSize {
public:
    TemporaryChartSize(QChart* chart, const QSize& size) : m_chart(chart), m_previous(chart->size())
    {
        apply(QSizeF(size));
    }
    ~TemporaryChartSize() { apply(m_previous); }
    TemporaryChartSize(const TemporaryChartSize&) = delete;
    TemporaryChartSize& operator=(const TemporaryChartSize&) = delete;

private:
    void apply(const QSizeF& size)
    {
        if (m_chart->size() == size)
            return;
        m_chart->resize(size);
        if (QGraphicsLayout* layout = m_chart->layout())
            layout->activate();
    }

    QChart* m_chart;
    QSizeF m_previous;
};

bool writeAtomically(const QString& path, const QByteArray& bytes, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = QCoreApplication::translate("ChartExporter", "cannot write %1: %2")
                         .arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    file.write(bytes);
    if (!file.commit()) {
        if (error)
            *error = QCoreApplication::translate("ChartExporter", "cannot write %1: %2")
                         .arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

} // namespace

bool ChartExporter::isSupportedSuffix(const QString& path)
{
    const QString suffix = suffixOf(path);
    return suffix == QLatin1String("png") || suffix == QLatin1String("svg");
}

bool ChartExporter::save(QChart* chart, const QSize& size, const QString& path, QString* error)
{
    if (!isSupportedSuffix(path)) {
        if (error)
            *error = QCoreApplication::translate(
                         "ChartExporter", "cannot save a chart as “.%1”: choose a file name ending in .png or .svg")
                         .arg(suffixOf(path));
        return false;
    }
    if (!chart || !chart->scene() || size.isEmpty()) {
        if (error)
            *error = QCoreApplication::translate("ChartExporter", "there is no chart to save");
        return false;
    }

    QByteArray bytes;
    {
        TemporaryChartSize sized(chart, size);
        if (suffixOf(path) == QLatin1String("png")) {
            QImage image(size, QImage::Format_ARGB32_Premultiplied);
            image.fill(Qt::white);
            paintChart(chart, &image, size);
            QBuffer buffer(&bytes);
            buffer.open(QIODevice::WriteOnly);
            image.save(&buffer, "PNG");
        } else {
            QBuffer buffer(&bytes);
            QSvgGenerator svg;
            svg.setOutputDevice(&buffer);
            svg.setSize(size);
            svg.setViewBox(QRect(QPoint(0, 0), size));
            svg.setTitle(chart->title());
            svg.setDescription(QStringLiteral("Chart exported by CLV Studio"));
            paintChart(chart, &svg, size);
        }
    }
    if (bytes.isEmpty()) {
        if (error)
            *error = QCoreApplication::translate("ChartExporter", "the chart could not be drawn");
        return false;
    }
    return writeAtomically(path, bytes, error);
}

} // namespace clv
