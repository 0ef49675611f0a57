#include "dialogs/ShortcutsDialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QSet>
#include <QTableWidget>
#include <QVBoxLayout>

namespace clv {

namespace {

struct ShortcutRow {
    QString action; // "File ▸ Open Event Files…"
    QString keys;   // "Ctrl+O", as the platform writes it
};

// A menu text without its mnemonic marks ("&Open" → "Open"; "&&" is a real ampersand).
QString plainText(QString text)
{
    const QChar kept(0xE000); // a private-use stand-in for "&&" while single marks go
    return text.replace(QStringLiteral("&&"), kept).remove(QLatin1Char('&')).replace(kept, QLatin1Char('&'));
}

QString keysOf(const QAction* action)
{
    QStringList keys;
    for (const QKeySequence& sequence : action->shortcuts())
        keys << sequence.toString(QKeySequence::NativeText);
    return keys.join(QStringLiteral(", "));
}

void collectMenuShortcuts(const QList<QAction*>& actions, const QString& path, QList<ShortcutRow>& rows,
                          QSet<const QAction*>& seen)
{
    for (const QAction* action : actions) {
        if (action->isSeparator())
            continue;
        seen.insert(action);
        const QString name = path.isEmpty() ? plainText(action->text())
                                            : path + QStringLiteral(" ▸ ") + plainText(action->text());
        if (const QMenu* menu = action->menu())
            collectMenuShortcuts(menu->actions(), name, rows, seen);
        else if (const QString keys = keysOf(action); !keys.isEmpty())
            rows.append({name, keys});
    }
}

// The window's other actions with keys, such as each table's Copy as CSV: listed once each,
// however many tables have one.
void collectWidgetShortcuts(const QMainWindow* window, const QSet<const QAction*>& inMenus, QList<ShortcutRow>& rows)
{
    QSet<QString> listed;
    for (const QAction* action : window->findChildren<QAction*>()) {
        const QString keys = keysOf(action);
        if (inMenus.contains(action) || keys.isEmpty())
            continue;
        const QString name = plainText(action->text());
        if (!listed.contains(name + keys)) {
            listed.insert(name + keys);
            rows.append({name, keys});
        }
    }
}

} // namespace

ShortcutsDialog::ShortcutsDialog(QMainWindow* window) : QDialog(window)
{
    setObjectName(QStringLiteral("shortcutsDialog"));
    setWindowTitle(tr("Keyboard Shortcuts"));
    QList<ShortcutRow> rows;
    QSet<const QAction*> inMenus;
    collectMenuShortcuts(window->menuBar()->actions(), QString(), rows, inMenus);
    collectWidgetShortcuts(window, inMenus, rows);

    auto* table = new QTableWidget(int(rows.size()), 2, this);
    table->setObjectName(QStringLiteral("shortcutsTable"));
    table->setHorizontalHeaderLabels({tr("Action"), tr("Keys")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    for (int row = 0; row < rows.size(); ++row) {
        table->setItem(row, 0, new QTableWidgetItem(rows[row].action));
        table->setItem(row, 1, new QTableWidgetItem(rows[row].keys));
    }
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(table);
    layout->addWidget(buttons);
    resize(480, 320);
}

} // namespace clv
