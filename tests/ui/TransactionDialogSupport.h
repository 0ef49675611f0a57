#pragma once

// Driving File ▸ Open Transactions… in the real window: the file dialog, then the column
// dialog, answered the way a user answers them.

#include "UiTestSupport.h"

#include "MainWindow.h"
#include "dialogs/TransactionImportDialog.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QPushButton>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

namespace clv::test {

// CDNOW_sample.txt: customer id, the sample's own customer number, date (YYYYMMDD), number of
// CDs, amount — blank-separated, no header.
inline const QString kCdnowSample = QStringLiteral(CLV_TEST_DATA_DIR "/cdnow/CDNOW_sample.txt");
constexpr int kCdnowId = 0;
constexpr int kCdnowDate = 2;
constexpr int kCdnowAmount = 4;

// The distinct ids in a blank-separated table's first column, read here without the engine.
inline int distinctCustomers(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return -1;
    QSet<QString> ids;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (!line.isEmpty())
            ids.insert(line.split(QRegularExpression(QStringLiteral("\\s+"))).first());
    }
    return static_cast<int>(ids.size());
}

// The column dialog once the window shows it.
inline TransactionImportDialog* importDialog(MainWindow& w)
{
    TransactionImportDialog* dialog = nullptr;
    const bool shown = QTest::qWaitFor([&] {
        dialog = shownChild<TransactionImportDialog>(w, QStringLiteral("transactionImportDialog"));
        return dialog != nullptr;
    });
    return shown ? dialog : nullptr;
}

inline QComboBox* combo(QDialog* dialog, const char* name)
{
    return dialog->findChild<QComboBox*>(QLatin1String(name));
}

inline QPushButton* okButton(QDialog* dialog)
{
    return dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
}

// Chooses the columns (0-based) as a user picks them from the three lists.
inline void chooseColumns(QDialog* dialog, int id, int date, int amount)
{
    for (auto [name, column] :
         {std::pair{"idColumnCombo", id}, {"dateColumnCombo", date}, {"amountColumnCombo", amount}})
        combo(dialog, name)->setCurrentIndex(combo(dialog, name)->findData(column));
}

// Opens `path` through File ▸ Open Transactions and returns the column dialog it shows.
inline TransactionImportDialog* openFromTheMenu(MainWindow& w, const QString& path)
{
    w.findChild<QAction*>(QStringLiteral("openTransactionsAction"))->trigger();
    if (!answerFileDialog(shownChild<QFileDialog>(w, QStringLiteral("openTransactionsDialog")), {path}))
        return nullptr;
    return importDialog(w);
}

// Opens the CDNOW sample from the menu with its id, date and amount columns chosen.
inline bool openCdnowSampleFromTheMenu(MainWindow& w)
{
    TransactionImportDialog* dialog = openFromTheMenu(w, kCdnowSample);
    if (!dialog)
        return false;
    chooseColumns(dialog, kCdnowId, kCdnowDate, kCdnowAmount);
    if (!okButton(dialog)->isEnabled())
        return false;
    okButton(dialog)->click();
    return true;
}

} // namespace clv::test
