#include "pages/TablePage.h"

#include "models/TableModel.h"
#include "widgets/LiveLabel.h"
#include "widgets/ResultTableView.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace clv {

TablePage::TablePage(TableModel* model, const QString& filterHint, QWidget* parent)
    : QWidget(parent), m_model(model), m_view(new ResultTableView(this)), m_filter(new QLineEdit(this)),
      m_count(new LiveLabel(this)), m_tools(new QHBoxLayout)
{
    m_filter->setPlaceholderText(filterHint);
    m_filter->setClearButtonEnabled(true);
    m_filter->setObjectName(QStringLiteral("filterEdit"));
    m_filter->setMaximumWidth(320);
    m_count->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

    auto* top = new QHBoxLayout;
    top->addWidget(m_filter);
    top->addLayout(m_tools);
    top->addWidget(m_count, 1); // the rest of the row, its text at the right
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(m_view);

    // Filtering runs on the worker pool; a short pause after typing avoids one run per key.
    auto* debounce = new QTimer(this);
    debounce->setSingleShot(true);
    debounce->setInterval(250);
    connect(m_filter, &QLineEdit::textChanged, debounce, qOverload<>(&QTimer::start));
    connect(debounce, &QTimer::timeout, this, [this] { m_model->setCustomerFilter(m_filter->text()); });
    connect(m_filter, &QLineEdit::returnPressed, this, [this, debounce] {
        debounce->stop();
        m_model->setCustomerFilter(m_filter->text());
    });
    attachModel();
}

void TablePage::setModel(TableModel* model)
{
    if (model == m_model)
        return;
    m_model->disconnect(this);
    m_model = model;
    attachModel();
    m_model->setCustomerFilter(m_filter->text());
    const QHeaderView* header = m_view->horizontalHeader();
    m_model->sort(header->sortIndicatorSection(), header->sortIndicatorOrder());
}

void TablePage::attachModel()
{
    m_model->setParent(this);
    QItemSelectionModel* previous = m_view->selectionModel();
    m_view->setModel(m_model);
    delete previous; // the view made a new one for the new model
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { Q_EMIT currentRowChanged(current.isValid() ? current.row() : -1); });
    connect(m_model, &QAbstractItemModel::modelReset, this, &TablePage::updateCount);
    // Fit the columns to the first rows a table shows; after that the user's widths stay.
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        if (m_fitted || m_model->rowCount() == 0)
            return;
        m_fitted = true;
        fitColumnsFrom(0);
    });
    connect(m_model, &TableModel::reorderingChanged, this, &TablePage::updateCount);
    updateCount();
}

// One column per turn of the event loop: fitting a column asks its first rows for their size
// (text layout of each cell), and all columns at once held the window for 15–20 ms.
void TablePage::fitColumnsFrom(int column)
{
    if (column >= m_model->columnCount())
        return;
    m_view->resizeColumnToContents(column);
    m_view->setColumnWidth(column, std::clamp(m_view->columnWidth(column) + 12, 60, 420));
    QTimer::singleShot(0, this, [this, column] { fitColumnsFrom(column + 1); });
}

void TablePage::updateCount()
{
    const QLocale locale;
    // The rows the table shows once all are handed to the view (a long one grows in turns).
    const qsizetype rows = m_model->orderedRowCount();
    QString text = tr("%1 rows").arg(locale.toString(rows));
    if (rows != m_model->sourceRowCount())
        text = tr("%1 of %2 rows").arg(locale.toString(rows), locale.toString(m_model->sourceRowCount()));
    if (m_model->isReordering())
        text += tr(" — sorting/filtering…");
    m_count->setText(text);
}

} // namespace clv
