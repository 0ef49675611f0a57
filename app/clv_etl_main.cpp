// clv-etl: the headless command. `clv-etl [options] INPUT...` runs the ETL;
// `clv-etl generate [options]` writes fake event data; `clv-etl model [options] INPUT...`
// fits the predictive models; `clv-etl partition`, `--from-partition` and `clv-etl merge`
// run one input as partitions.
#include "EtlCommand.h"
#include "GenerateCommand.h"
#include "ModelCommand.h"
#include "PartitionCommand.h"
#include "util/MallocTuning.h"

#include <QCoreApplication>

int main(int argc, char* argv[])
{
    clv::tuneMallocForLargeBuffers(argv, clv::ProgramLife::EndsWithItsWork);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("clv-etl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CLV_VERSION));
    QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() > 1 && arguments.at(1) == QLatin1String("generate")) {
        arguments.removeAt(1);
        return runGenerateCommand(arguments);
    }
    if (arguments.size() > 1 && arguments.at(1) == QLatin1String("model")) {
        arguments.removeAt(1);
        return runModelCommand(arguments);
    }
    if (arguments.size() > 1 && arguments.at(1) == QLatin1String("partition")) {
        arguments.removeAt(1);
        return runPartitionCommand(arguments);
    }
    if (arguments.size() > 1 && arguments.at(1) == QLatin1String("merge")) {
        arguments.removeAt(1);
        return runMergeCommand(arguments);
    }
    for (const QString& argument : arguments)
        if (argument == QLatin1String("--from-partition") || argument.startsWith(QLatin1String("--from-partition=")))
            return runFromPartitionCommand(arguments);
    return runEtlCommand(arguments);
}
