#pragma once

#include <QAbstractTableModel>

namespace clv {

// What a TablePage and its ResultTableView need of a table model: sorting by a header,
// a customer filter, the row counts, and the CSV of a selection. Two kinds exist:
// ResultTableModel, over an analysis's tables in memory, and WorkspaceTableModel, which
// pages the same tables from a workspace file. Both show the same columns, so a page can
// be switched from one to the other.
class TableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    using QAbstractTableModel::QAbstractTableModel;

    // Shows only rows whose customer id contains `text` (all rows when empty).
    virtual void setCustomerFilter(const QString& text) = 0;
    virtual QString customerFilter() const = 0;
    // The rows of the table before the customer filter.
    virtual qsizetype sourceRowCount() const = 0;
    // A new sort or filter is being prepared; the previous rows are shown meanwhile.
    virtual bool isReordering() const = 0;

    // The cells of `rows` (view rows) and `columns` as CSV text with a header line.
    virtual QString toCsv(const QList<int>& rows, const QList<int>& columns) const;

Q_SIGNALS:
    // The view's row order is being rebuilt (true) or is in place (false).
    void reorderingChanged(bool busy);
};

} // namespace clv
