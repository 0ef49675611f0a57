#pragma once

#include "export/CsvField.h"

#include <QAbstractTableModel>

#include <functional>
#include <optional>

namespace clv {

// What a TablePage and its ResultTableView need of a table model: sorting by a header,
// a customer filter, the row counts, and the CSV of a selection. Two kinds exist:
// MemoryTableModel, over an analysis's tables in memory, and PagedTableModel, which pages
// the same tables from a workspace file. Both read cells through the table's column spec
// (core/tables), so a page can be switched from one to the other.
//
// A view learns of rows as it scrolls down to them (Qt's canFetchMore/fetchMore), kRowsPerFetch
// at a time: a view keeps one header section per row it knows of and walks all of them after
// every change of rows, so a view told of millions spends tens of milliseconds on each change
// (a table of 3.5 million rows: 20 to 40 ms to show its tab here) and holds 8 bytes per row.
// rowCount() is the rows fetched so far; the counts a page shows are the whole table's.
class TableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    using CsvReady = std::function<void(const QString& csv)>;

    static constexpr qsizetype kRowsPerFetch = 25000;

    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex& parent = {}) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Shows only rows whose customer id contains `text` (all rows when empty).
    virtual void setCustomerFilter(const QString& text) = 0;
    virtual QString customerFilter() const = 0;
    // The rows of the table before the customer filter.
    virtual qsizetype sourceRowCount() const = 0;
    // The rows the current sort and filter show, fetched or not.
    virtual qsizetype orderedRowCount() const = 0;
    // A new sort or filter is being prepared; the previous rows are shown meanwhile.
    virtual bool isReordering() const = 0;

    // The cells of `rows` (view rows) and `columns` as CSV text with a header line, as far as
    // they are at hand (a paged model's rows not read yet are left empty).
    QString toCsv(const QList<int>& rows, const QList<int>& columns, const CsvOptions& csv = {}) const;
    // The same, whole: `ready` gets the text, at once, or when the rows not at hand are read.
    virtual void requestCsv(const QList<int>& rows, const QList<int>& columns, const CsvOptions& csv,
                            const CsvReady& ready);

Q_SIGNALS:
    // The view's row order is being rebuilt (true) or is in place (false).
    void reorderingChanged(bool busy);

protected:
    // Between beginResetModel() and endResetModel(): the views know of the first rows only.
    void resetFetchedRows();
    // The columns' titles, from the table's column spec.
    virtual QStringList columnNames() const = 0;
    // The display text of a cell for the CSV; a paged model reads it from rows it fetched.
    virtual QString csvCell(int row, int column) const;

private:
    const QStringList& titles() const;

    mutable std::optional<QStringList> m_titles; // columnNames(), once asked for
    qsizetype m_fetchedRows = 0;                 // the rows the views know of
};

} // namespace clv
