#pragma once

#include "io/TransactionPreview.h"

#include <QDialog>
#include <QStringList>

#include <array>
#include <optional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QTableWidget;

namespace clv {

// File ▸ Open Transactions: shows the first rows of a transaction table as the reader splits
// them and the layout found, and has the user confirm or choose its id, date and amount
// columns (SPEC §11). Several files are read with the columns chosen for the first.
class TransactionImportDialog : public QDialog {
    Q_OBJECT
public:
    explicit TransactionImportDialog(const QStringList& files, QWidget* parent = nullptr);

    QStringList files() const { return m_files; }
    // The reader's options for the columns chosen; unset until three distinct columns are.
    std::optional<TransactionOptions> options() const;

private:
    void fillPreview();
    void fillColumnChoices();
    void updateChoice();
    std::array<int, 3> chosenColumns() const;

    QStringList m_files;
    TransactionPreviewRead m_read;
    QLabel* m_format;
    QTableWidget* m_table;
    std::array<QComboBox*, 3> m_columns{};
    QLabel* m_problem;
    QDialogButtonBox* m_buttons;
};

} // namespace clv
