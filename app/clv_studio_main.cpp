// clv-studio: the desktop application.
#include "MainWindow.h"

#include <QApplication>
#include <QIcon>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("clv-studio"));
    QApplication::setApplicationDisplayName(QStringLiteral("CLV Studio"));
    QApplication::setOrganizationName(QStringLiteral("CLV Studio"));
    QApplication::setApplicationVersion(QStringLiteral(CLV_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/clv-studio.svg")));

    clv::MainWindow window;
    window.show();
    const QStringList inputs = QApplication::arguments().mid(1);
    if (!inputs.isEmpty())
        window.openInputs(inputs);
    return app.exec();
}
