#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

namespace clv {

class MainWindow;

// Opens the inputs, waits for the results, and saves a picture of every tab (the README's
// screenshots are made this way), then quits the application.
class ScreenshotTour : public QObject {
    Q_OBJECT
public:
    ScreenshotTour(MainWindow* window, QString directory, QObject* parent = nullptr);
    // `transactionColumns` (e.g. "1,3,5"), when given, reads the inputs as transaction tables.
    void start(const QStringList& inputs, const QString& transactionColumns = {});

private:
    void shootTabs();
    // Fits every model (calibration through the middle of the data, holdout to its end) and
    // shoots the Predict tab's views and charts, then Cohorts and Segments.
    void shootPredict();
    void shootPredictViews();
    void shootPredictCharts(int next);
    void shoot(QWidget* widget, const QString& name);
    void finish();

    MainWindow* m_window;
    QString m_directory;
};

} // namespace clv
