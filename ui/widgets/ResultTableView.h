#pragma once

#include <QTableView>

namespace clv {

class TableModel;

// A table view for millions of rows: fixed row height (no per-row measuring), sorting by
// clicking a header, and Copy (Ctrl+C, or the context menu) of the selection as CSV.
class ResultTableView : public QTableView {
    Q_OBJECT
public:
    explicit ResultTableView(QWidget* parent = nullptr);

    // The selected cells as CSV with a header line, empty when nothing is selected.
    QString selectionAsCsv() const;
    void copySelection() const;

private:
    TableModel* resultModel() const;
};

} // namespace clv
