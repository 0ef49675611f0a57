#include "predict/TableChartView.h"

#include "charts/ChartExporter.h"
#include "charts/ChartStyle.h"

#include <QChart>
#include <QChartView>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableView>

namespace clv {

namespace {

constexpr QSize kHiddenExportSize{1200, 800};

} // namespace

TableChartView::TableChartView(QAbstractItemModel* model, const QString& emptyText, Names names,
                               std::function<QChart*()> build, QWidget* parent)
    : QStackedWidget(parent), m_empty(new QLabel(emptyText, this)), m_table(new QTableView(this)),
      m_chartView(chartstyle::newChartView(names.chart, this)), m_split(new QSplitter(Qt::Vertical, this)),
      m_build(std::move(build))
{
    m_empty->setObjectName(QLatin1String(names.emptyMessage));
    m_empty->setAlignment(Qt::AlignCenter);
    m_table->setObjectName(QLatin1String(names.table));
    m_table->setModel(model);
    m_table->verticalHeader()->hide();
    m_split->addWidget(m_table);
    m_split->addWidget(m_chartView);
    addWidget(m_empty);
    addWidget(m_split);
}

void TableChartView::setStretch(int table, int chart)
{
    m_split->setStretchFactor(0, table);
    m_split->setStretchFactor(1, chart);
}

void TableChartView::showData(bool any)
{
    setCurrentWidget(any ? static_cast<QWidget*>(m_split) : m_empty);
    m_chartStale = true;
    if (isVisible())
        drawChart();
}

void TableChartView::showEvent(QShowEvent* event)
{
    QStackedWidget::showEvent(event);
    drawChart();
}

void TableChartView::drawChart() const
{
    if (!m_chartStale)
        return;
    m_chartStale = false;
    QChart* previous = m_chartView->chart();
    m_chartView->setChart(m_build());
    delete previous; // the view lets go of the chart it showed, but does not delete it
}

bool TableChartView::exportChart(const QString& path, QString* error) const
{
    drawChart();
    const QSize size = m_chartView->isVisible() ? m_chartView->size() : kHiddenExportSize;
    return ChartExporter::save(m_chartView->chart(), size, path, error);
}

} // namespace clv
