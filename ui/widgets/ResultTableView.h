#pragma once

#include "export/CsvField.h"

#include <QTableView>

#include <functional>

namespace clv {

class TableModel;

// A table view for millions of rows: fixed row height (no per-row measuring), sorting by
// clicking a header, and Copy (Ctrl+C, or the context menu) of the selection as CSV.
class ResultTableView : public QTableView {
    Q_OBJECT
public:
    explicit ResultTableView(QWidget* parent = nullptr);

    // The selected cells as CSV with a header line (empty when nothing is selected), handed to
    // `ready` once every selected row is at hand.
    void selectionAsCsv(const std::function<void(const QString&)>& ready) const;
    // Copy as CSV (Ctrl+C): the selection onto the clipboard.
    void copySelection() const;
    // How the copied text is written (File ▸ Neutralise Formulas).
    void setCsvOptions(const CsvOptions& csv) { m_csv = csv; }

private:
    TableModel* resultModel() const;

    CsvOptions m_csv;
};

} // namespace clv
