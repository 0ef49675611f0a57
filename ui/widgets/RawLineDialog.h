#pragma once

#include <QDialog>

namespace clv {

// Shows one rejected line whole: where it is, why it was rejected, and its raw text.
class RawLineDialog : public QDialog {
    Q_OBJECT
public:
    RawLineDialog(const QString& location, const QString& reason, const QString& raw, QWidget* parent = nullptr);
};

} // namespace clv
