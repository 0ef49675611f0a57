#pragma once

#include <QDialog>

class QMainWindow;

namespace clv {

// Help ▸ Keyboard Shortcuts: every action of `window` that has a key — the menu bar's, walked
// menu by menu, then those of its widgets (a table's Copy as CSV) — found when the dialog
// opens, so that the list cannot drift from the keys the actions really have.
class ShortcutsDialog : public QDialog {
    Q_OBJECT
public:
    explicit ShortcutsDialog(QMainWindow* window);
};

} // namespace clv
