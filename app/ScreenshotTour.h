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
    void start(const QStringList& inputs);

private:
    void shootTabs();

    MainWindow* m_window;
    QString m_directory;
};

} // namespace clv
