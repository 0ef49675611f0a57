#pragma once

#include <QWidget>

class QLabel;

namespace clv {

// A strip across the top of the window that says what went wrong (or what was done) in
// plain words, without a modal box in the way. Closed by its × button.
class MessageBar : public QWidget {
    Q_OBJECT
public:
    enum class Kind { Info, Error };
    explicit MessageBar(QWidget* parent = nullptr);

    void showMessage(const QString& text, Kind kind);
    QString text() const;
    Kind kind() const { return m_kind; }

private:
    QLabel* m_text;
    Kind m_kind = Kind::Info;
};

} // namespace clv
