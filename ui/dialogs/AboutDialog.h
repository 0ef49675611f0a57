#pragma once

#include <QDialog>

namespace clv {

// Help ▸ About CLV Studio: the program's version, the versions of Qt (at run time and at build
// time) and Boost it uses, and the licences.
class AboutDialog : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(QWidget* parent = nullptr);

    // The text shown, as HTML.
    static QString aboutText();
};

} // namespace clv
