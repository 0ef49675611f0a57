#include "predict/TableChartView.h"

#include "charts/ChartDeck.h"

#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableView>

namespace clv {

TableChartView::TableChartView(QAbstractItemModel* model, const QString& emptyText, Names names,
                               std::function<QChart*()> build, QWidget* parent)
    : QStackedWidget(parent), m_empty(new QLabel(emptyText, this)), m_table(new QTableView(this)),
      m_chart(new ChartDeck(
          {names.chart}, [build = std::move(build)](int) { return build(); }, this)),
      m_split(new QSplitter(Qt::Vertical, this))
{
    m_empty->setObjectName(QLatin1String(names.emptyMessage));
    m_empty->setAlignment(Qt::AlignCenter);
    m_table->setObjectName(QLatin1String(names.table));
    m_table->setModel(model);
    m_table->verticalHeader()->hide();
    m_split->addWidget(m_table);
    m_split->addWidget(m_chart);
    addWidget(m_empty);
    addWidget(m_split);
}

void TableChartView::setStretch(int table, int chart)
{
    m_split->setStretchFactor(0, table);
    m_split->setStretchFactor(1, chart);
    // The first share too: stretch factors only divide space gained later.
    m_split->setSizes({table * 1000, chart * 1000});
}

void TableChartView::showData(bool any)
{
    setCurrentWidget(any ? static_cast<QWidget*>(m_split) : m_empty);
    m_chart->markStale(0);
}

bool TableChartView::exportChart(const QString& path, QString* error) const
{
    return m_chart->exportChart(0, path, error);
}

} // namespace clv
