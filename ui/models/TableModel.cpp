#include "models/TableModel.h"

#include "export/CsvField.h"

namespace clv {

QString TableModel::toCsv(const QList<int>& rows, const QList<int>& columns) const
{
    std::string text;
    for (int c = 0; c < columns.size(); ++c) {
        if (c)
            text += ',';
        appendCsvField(text, headerData(columns[c], Qt::Horizontal).toString().toStdString());
    }
    text += '\n';
    for (int row : rows) {
        for (int c = 0; c < columns.size(); ++c) {
            if (c)
                text += ',';
            appendCsvField(text, data(index(row, columns[c])).toString().toStdString());
        }
        text += '\n';
    }
    return QString::fromStdString(text);
}

} // namespace clv
