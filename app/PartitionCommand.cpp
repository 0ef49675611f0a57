#include "PartitionCommand.h"

#include "ConsoleReport.h"
#include "EtlCommand.h"
#include "EtlOptions.h"
#include "TransactionOptions.h"
#include "etl/ParameterLimits.h"
#include "partition/MemoryBudget.h"
#include "partition/PartitionAnalysis.h"
#include "partition/PartitionFormat.h"
#include "partition/PartitionMerge.h"
#include "partition/PartitionSplit.h"
#include "util/ComputePool.h"

#include <QCommandLineParser>
#include <QDir>
#include <QThreadPool>

#include <climits>
#include <cstdio>

namespace {

int usageError(const QString& command, const QString& message)
{
    printErr(QStringLiteral("clv-etl %1: %2\nTry clv-etl %1 --help.").arg(command, message));
    return ExitUsage;
}

// Parses; returns -1 to go on, else the exit code (help, version, a usage error).
int parseOrExit(QCommandLineParser& parser, const QStringList& arguments, const QString& command)
{
    parser.addHelpOption();
    if (!parser.parse(arguments))
        return usageError(command, parser.errorText());
    if (parser.isSet("help")) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return ExitDone;
    }
    return -1;
}

bool setThreads(const QCommandLineParser& parser, const QString& command, int* exitCode)
{
    if (!parser.isSet("threads"))
        return true;
    bool ok = false;
    const int threads = parser.value("threads").toInt(&ok);
    QString problem = ok ? clv::ParameterLimits::validateThreads(threads)
                         : QStringLiteral("--threads must be a whole number, not \"%1\"").arg(parser.value("threads"));
    if (!problem.isEmpty()) {
        *exitCode = usageError(command, problem);
        return false;
    }
    clv::computePool()->setMaxThreadCount(threads);
    return true;
}

} // namespace

int runPartitionCommand(const QStringList& arguments)
{
    const QString command = QStringLiteral("partition");
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Reads and validates the inputs as clv-etl does, settles the values that need all the data (the\n"
        "order ledger, the last day of data) and writes the accepted events into N customer partitions in\n"
        "DIR, with rejected.csv and facts.json. Then run clv-etl --from-partition DIR/part-K for each K (in\n"
        "any order, on any machine that sees DIR) and clv-etl merge DIR -o OUT: OUT then holds the files of\n"
        "a single clv-etl run with the same options. The options below are those of clv-etl; they are\n"
        "given here once and recorded in DIR/facts.json."));
    parser.addPositionalArgument("INPUT", "Event files or folders, as for clv-etl.", "INPUT...");
    parser.addOptions(etlOptions());
    parser.addOptions(transactionOptions());
    parser.addOption(
        {"partitions", QStringLiteral("Number of partitions, 1 to %1.").arg(clv::partition::kMaxPartitions), "N"});
    parser.addOption({"read-step",
                      "Read event files a step of SIZE bytes at a time (e.g. 64M), each split into the partitions "
                      "before the next is read (default: with --max-memory, an eighth of it; else all at once).",
                      "SIZE"});
    if (const int exitCode = parseOrExit(parser, arguments, command); exitCode >= 0)
        return exitCode;
    EtlSettings settings;
    if (const QString error = readSettings(parser, settings); !error.isEmpty())
        return usageError(command, error);
    if (!settings.workspace.isEmpty())
        return usageError(command, QStringLiteral("a partitioned run does not use a workspace"));
    bool ok = false;
    const int partitions = parser.value("partitions").toInt(&ok);
    if (!parser.isSet("partitions") || !ok || partitions < 1 || partitions > clv::partition::kMaxPartitions)
        return usageError(
            command,
            QStringLiteral("--partitions must be a whole number from 1 to %1").arg(clv::partition::kMaxPartitions));
    if (!parser.isSet("output"))
        return usageError(command, QStringLiteral("name the folder for the partitions with -o DIR"));

    std::size_t segmentBytes = 0;
    if (parser.isSet("read-step")) {
        const auto step = clv::MemoryBudget::parseSize(parser.value("read-step"));
        if (!step || *step < 1)
            return usageError(
                command,
                QStringLiteral("--read-step must be a size such as 64M, not \"%1\"").arg(parser.value("read-step")));
        segmentBytes = static_cast<std::size_t>(*step);
    } else if (settings.maxMemoryBytes > 0) {
        segmentBytes = clv::MemoryBudget::plan(LLONG_MAX / 2, settings.maxMemoryBytes).segmentBytes;
    }
    clv::SplitRequest request{settings.request, settings.outputDir, partitions,
                              settings.topN,    settings.csvSafe,   segmentBytes};
    const clv::SplitOutcome outcome = clv::splitIntoPartitions(request);
    if (!reportRead(outcome.read, !settings.quiet))
        return ExitInputUnusable;
    if (outcome.read.files.empty()) {
        printErr(QStringLiteral("clv-etl: nothing readable in the inputs given"));
        return ExitInputUnusable;
    }
    if (!outcome.error.isEmpty()) {
        printErr(QStringLiteral("clv-etl: %1").arg(outcome.error));
        return ExitOutputFailed;
    }
    const clv::FileStats totals = outcome.read.totals();
    if (!settings.quiet)
        std::printf("Read %lld records from %zu file(s): %lld accepted, %lld rejected; wrote %d partition(s) to %s.\n",
                    totals.records, outcome.read.files.size(), totals.accepted, totals.rejected, partitions,
                    qPrintable(QDir(settings.outputDir).absolutePath()));
    return totals.accepted > 0 ? ExitDone : ExitInputUnusable;
}

int runFromPartitionCommand(const QStringList& arguments)
{
    const QString command = QStringLiteral("--from-partition");
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Analyses one partition written by clv-etl partition, with the run's parameters and dataset-wide\n"
        "values from DIR/facts.json, and writes its partial tables into DIR/part-K/partial (or OUT)."));
    parser.addOptions({
        {"from-partition", "The partition folder DIR/part-K.", "DIR/part-K"},
        {{"o", "output"}, "Folder for the partial tables (default DIR/part-K/partial).", "OUT"},
        {"threads", "Worker threads (default: one per core).", "N"},
        {"quiet", "Print nothing but errors."},
    });
    if (const int exitCode = parseOrExit(parser, arguments, command); exitCode >= 0)
        return exitCode;
    if (!parser.positionalArguments().isEmpty())
        return usageError(command, QStringLiteral("--from-partition takes no inputs: the partition holds them"));
    int exitCode = ExitUsage;
    if (!setThreads(parser, command, &exitCode))
        return exitCode;
    const QString partDir = QDir::cleanPath(parser.value("from-partition"));
    QString error;
    const auto facts = clv::PartitionFacts::load(QDir(partDir).filePath(QStringLiteral("..")), &error);
    if (!facts) {
        printErr(QStringLiteral("clv-etl: %1").arg(error));
        return ExitInputUnusable;
    }
    if (clv::partitionIndexOf(partDir, *facts, &error) < 0) {
        printErr(QStringLiteral("clv-etl: %1").arg(error));
        return ExitInputUnusable;
    }
    const QString out = parser.isSet("output") ? parser.value("output")
                                               : QDir(partDir).filePath(clv::partition::kPartialDir);
    const clv::PartialTablesResult result = clv::analysePartition(partDir, *facts, out);
    if (!result.ok()) {
        printErr(QStringLiteral("clv-etl: %1").arg(result.error));
        return result.error.startsWith(QLatin1String("cannot write"))
                || result.error.startsWith(QLatin1String("writing"))
                || result.error.startsWith(QLatin1String("cannot create"))
            ? ExitOutputFailed
            : ExitInputUnusable;
    }
    if (!parser.isSet("quiet"))
        std::printf("Partition %s: %lld customers, %lld visits rows, %lld weekly rows.\n", qPrintable(partDir),
                    result.counts.customers, result.counts.visitsRows, result.counts.weeklyRows);
    return ExitDone;
}

int runMergeCommand(const QStringList& arguments)
{
    const QString command = QStringLiteral("merge");
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Puts the analysed partitions in DIR together into the output files of a single clv-etl run:\n"
        "output_t1.txt, output_ltv_specs.txt, output_ltv_final.txt, output.txt (with --top), rejected.csv\n"
        "and run.json, written to OUT (default ./output) all or none."));
    parser.addPositionalArgument("DIR", "The folder written by clv-etl partition.", "DIR");
    parser.addOptions({
        {{"o", "output"}, "Folder for the output files (default ./output).", "OUT", "output"},
        {"quiet", "Print nothing but errors."},
    });
    if (const int exitCode = parseOrExit(parser, arguments, command); exitCode >= 0)
        return exitCode;
    if (parser.positionalArguments().size() != 1)
        return usageError(command, QStringLiteral("name one folder written by clv-etl partition"));
    const clv::MergeResult result = clv::mergePartitions(parser.positionalArguments().front(), parser.value("output"));
    if (!result.ok()) {
        printErr(QStringLiteral("clv-etl: %1").arg(result.error));
        return result.written.isEmpty() && !result.error.contains(QLatin1String("writ")) ? ExitInputUnusable
                                                                                         : ExitOutputFailed;
    }
    if (!parser.isSet("quiet"))
        std::printf("Merged %lld customers into %lld file(s) in %s.\n", result.counts.customers,
                    static_cast<long long>(result.written.size()),
                    qPrintable(QDir(parser.value("output")).absolutePath()));
    return ExitDone;
}
