// clv-etl: the headless command. `clv-etl [options] INPUT...` runs the ETL;
// `clv-etl generate [options]` writes fake event data.
#include "EtlCommand.h"
#include "GenerateCommand.h"

#include <QCoreApplication>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("clv-etl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CLV_VERSION));
    QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() > 1 && arguments.at(1) == QLatin1String("generate")) {
        arguments.removeAt(1);
        return runGenerateCommand(arguments);
    }
    return runEtlCommand(arguments);
}
