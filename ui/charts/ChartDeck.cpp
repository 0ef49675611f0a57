#include "charts/ChartDeck.h"

#include "charts/ChartExporter.h"
#include "charts/ChartStyle.h"

#include <QChart>
#include <QChartView>
#include <QTimer>

namespace clv {

namespace {

constexpr QSize kHiddenExportSize{1200, 800};

} // namespace

ChartDeck::ChartDeck(const std::vector<const char*>& viewNames, Build build, QWidget* parent)
    : QStackedWidget(parent), m_drawWhenShown(new QTimer(this)), m_stale(viewNames.size(), true),
      m_build(std::move(build))
{
    for (const char* name : viewNames) {
        QChartView* view = chartstyle::newChartView(name, this);
        addWidget(view);
        m_views.push_back(view);
    }
    // A zero timer, not a queued call: timers take turns with the posted events (the paint of
    // the tab just shown). The chart is made on one turn and laid out in its view on the next:
    // together they took up to 16 ms the first time (the layout makes each axis label a text
    // document).
    m_drawWhenShown->setSingleShot(true);
    m_drawWhenShown->setInterval(0);
    connect(m_drawWhenShown, &QTimer::timeout, this, [this] {
        const int index = currentIndex();
        if (!isVisible() || index < 0 || !m_stale[std::size_t(index)])
            return;
        if (m_builtIndex != index) {
            m_built.reset(m_build(index));
            m_builtIndex = index;
            m_drawWhenShown->start();
            return;
        }
        draw(index);
    });
}

ChartDeck::~ChartDeck() = default;

void ChartDeck::setCurrent(int index)
{
    draw(index);
    setCurrentIndex(index);
}

void ChartDeck::markStale(int index)
{
    m_stale[std::size_t(index)] = true;
    if (m_builtIndex == index) { // made of the figures before
        m_built.reset();
        m_builtIndex = -1;
    }
    if (isVisible() && index == currentIndex())
        draw(index);
}

void ChartDeck::markAllStale()
{
    for (int i = 0; i < int(m_views.size()); ++i)
        markStale(i);
}

QChartView* ChartDeck::view(int index) const
{
    draw(index);
    return m_views[std::size_t(index)];
}

void ChartDeck::showEvent(QShowEvent* event)
{
    QStackedWidget::showEvent(event);
    if (currentIndex() >= 0 && m_stale[std::size_t(currentIndex())])
        m_drawWhenShown->start();
}

void ChartDeck::draw(int index) const
{
    if (index < 0 || !m_stale[std::size_t(index)])
        return;
    m_stale[std::size_t(index)] = false;
    QChart* chart = m_builtIndex == index ? m_built.release() : m_build(index);
    m_built.reset();
    m_builtIndex = -1;
    QChartView* view = m_views[std::size_t(index)];
    // The view releases, but does not delete, the chart it showed.
    QChart* previous = view->chart();
    view->setChart(chart);
    delete previous;
}

bool ChartDeck::exportChart(int index, const QString& path, QString* error) const
{
    const QChartView* shown = view(index); // built if it was stale
    const QSize size = shown->isVisible() ? shown->size() : kHiddenExportSize;
    return ChartExporter::save(shown->chart(), size, path, error);
}

} // namespace clv
