#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace clv {

// The status bar's view of a running job: its stage, a progress bar and a Cancel button.
// Hidden while nothing runs.
class JobStatusWidget : public QWidget {
    Q_OBJECT
public:
    explicit JobStatusWidget(QWidget* parent = nullptr);

    void showProgress(const QString& stage, double fraction);
    void setRunning(bool running);

Q_SIGNALS:
    void cancelRequested();

private:
    QLabel* m_stage;
    QProgressBar* m_bar;
    QPushButton* m_cancel;
    bool m_running = true; // so that the constructor's setRunning(false) hides the parts
};

} // namespace clv
