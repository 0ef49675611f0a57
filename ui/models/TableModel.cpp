#include "models/TableModel.h"

#include <algorithm>
#include <limits>

namespace clv {

// Views ask for the column count with every index() of every cell they paint, and the titles
// are translated text built anew by each columnNames() call: a table's columns never change,
// so they are built once.
const QStringList& TableModel::titles() const
{
    if (!m_titles)
        m_titles = columnNames();
    return *m_titles;
}

int TableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(std::min<qsizetype>(m_fetchedRows, std::numeric_limits<int>::max()));
}

bool TableModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && m_fetchedRows < orderedRowCount();
}

void TableModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent))
        return;
    const qsizetype more = std::min(orderedRowCount(), m_fetchedRows + kRowsPerFetch);
    beginInsertRows({}, static_cast<int>(m_fetchedRows), static_cast<int>(more) - 1);
    m_fetchedRows = more;
    endInsertRows();
}

void TableModel::resetFetchedRows()
{
    m_fetchedRows = std::min(orderedRowCount(), kRowsPerFetch);
}

int TableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(titles().size());
}

QVariant TableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Horizontal)
        return titles().value(section);
    return section + 1;
}

QString TableModel::csvCell(int row, int column) const
{
    return data(index(row, column)).toString();
}

QString TableModel::toCsv(const QList<int>& rows, const QList<int>& columns, const CsvOptions& csv) const
{
    // Numbers are never neutralised, only text that a spreadsheet would run as a formula.
    QList<bool> numeric;
    for (int column : columns)
        numeric << index(0, column).data(Qt::TextAlignmentRole).isValid();
    std::string text;
    for (int c = 0; c < columns.size(); ++c) {
        if (c)
            text += ',';
        appendCsvField(text, headerData(columns[c], Qt::Horizontal).toString().toStdString(), csv);
    }
    text += '\n';
    for (int row : rows) {
        for (int c = 0; c < columns.size(); ++c) {
            if (c)
                text += ',';
            appendCsvField(text, csvCell(row, columns[c]).toStdString(), numeric[c] ? CsvOptions{} : csv);
        }
        text += '\n';
    }
    return QString::fromStdString(text);
}

void TableModel::requestCsv(const QList<int>& rows, const QList<int>& columns, const CsvOptions& csv,
                            const CsvReady& ready)
{
    ready(toCsv(rows, columns, csv));
}

} // namespace clv
