// clv-studio: the desktop application. `clv-studio [FILE|FOLDER...]` opens the window and
// reads the given event files or folders.
#include "MainWindow.h"
#include "ScreenshotTour.h"
#include "util/MallocTuning.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

int main(int argc, char* argv[])
{
    clv::tuneMallocForLargeBuffers(argv, clv::ProgramLife::Interactive);
    Q_INIT_RESOURCE(resources); // the icons live in the clv_ui static library
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("clv-studio"));
    QApplication::setApplicationDisplayName(QStringLiteral("CLV Studio"));
    QApplication::setOrganizationName(QStringLiteral("CLV Studio"));
    QApplication::setApplicationVersion(QStringLiteral(CLV_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/clv-studio.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("CLV Studio: customer lifetime value from web-site event logs."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("INPUT"), QStringLiteral("Event files or folders to open."),
                                 QStringLiteral("[INPUT...]"));
    const QCommandLineOption screenshots(QStringLiteral("screenshots"),
                                         QStringLiteral("Open the inputs, save a PNG of every tab into DIR, and quit."),
                                         QStringLiteral("DIR"));
    parser.addOption(screenshots);
    const QCommandLineOption transactions(
        QStringLiteral("transactions"),
        QStringLiteral("The inputs are transaction tables with these id, date and amount columns "
                       "(header names or 1-based numbers, e.g. 1,3,5 for CDNOW_sample.txt)."),
        QStringLiteral("COLUMNS"));
    parser.addOption(transactions);
    parser.process(app);

    clv::MainWindow window;
    window.show();
    const QStringList inputs = parser.positionalArguments();
    if (parser.isSet(screenshots)) {
        auto* tour = new clv::ScreenshotTour(&window, parser.value(screenshots), &app);
        tour->start(inputs, parser.value(transactions));
    } else if (!inputs.isEmpty() && parser.isSet(transactions)) {
        window.openTransactionTables(inputs, parser.value(transactions));
    } else if (!inputs.isEmpty()) {
        window.openInputs(inputs);
    }
    return app.exec();
}
