#include "widgets/ResultTableView.h"

#include "models/TableModel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QItemSelectionModel>

#include <set>

namespace clv {

ResultTableView::ResultTableView(QWidget* parent) : QTableView(parent)
{
    setSortingEnabled(true);
    horizontalHeader()->setSortIndicatorShown(true);
    horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setSectionsMovable(true);
    horizontalHeader()->setDefaultSectionSize(120);
    // Fitting a column to its contents looks at this many rows, not at millions.
    horizontalHeader()->setResizeContentsPrecision(40);
    // Fixed heights: the view never asks millions of rows for their size.
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    verticalHeader()->hide(); // row numbers mean little once a table is sorted or filtered
    setSelectionBehavior(QAbstractItemView::SelectItems);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setAlternatingRowColors(true);
    setWordWrap(false);
    setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);

    auto* copy = new QAction(tr("Copy as CSV"), this);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, &ResultTableView::copySelection);
    addAction(copy);
    setContextMenuPolicy(Qt::ActionsContextMenu);
}

TableModel* ResultTableView::resultModel() const
{
    return qobject_cast<TableModel*>(model());
}

void ResultTableView::selectionAsCsv(const std::function<void(const QString&)>& ready) const
{
    TableModel* m = resultModel();
    if (!m || !selectionModel())
        return ready({});
    // A selection of a million rows is copied row by row through ranges, never as a
    // list of a million indexes.
    std::set<int> rows;
    std::set<int> columns;
    for (const QItemSelectionRange& range : selectionModel()->selection()) {
        for (int r = range.top(); r <= range.bottom(); ++r)
            rows.insert(r);
        for (int c = range.left(); c <= range.right(); ++c)
            columns.insert(c);
    }
    if (rows.empty())
        return ready({});
    QList<int> orderedColumns;
    for (int visual = 0; visual < horizontalHeader()->count(); ++visual) {
        const int logical = horizontalHeader()->logicalIndex(visual);
        if (columns.count(logical) && !isColumnHidden(logical))
            orderedColumns << logical;
    }
    m->requestCsv(QList<int>(rows.begin(), rows.end()), orderedColumns, m_csv, ready);
}

void ResultTableView::copySelection() const
{
    selectionAsCsv([](const QString& csv) {
        if (!csv.isEmpty())
            QApplication::clipboard()->setText(csv);
    });
}

} // namespace clv
