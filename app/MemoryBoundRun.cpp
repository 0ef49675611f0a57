#include "MemoryBoundRun.h"

#include "ConsoleReport.h"
#include "EtlCommand.h"
#include "io/InputCollector.h"
#include "io/InputStream.h"
#include "partition/LocalPartitionedRun.h"
#include "partition/MemoryBudget.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <cstdio>

namespace {

} // namespace

int runWithinMemory(const EtlSettings& settings)
{
    const clv::CollectedInputs inputs = clv::collectInputs(settings.request.inputs, settings.request.reader.recursive,
                                                           settings.request.reader.transactions
                                                               ? clv::InputKind::TransactionTables
                                                               : clv::InputKind::EventFiles);
    qint64 inputBytes = 0;
    // A compressed file's text is larger than the file: about ten times for event logs, the
    // reader's own guess when it reserves for them.
    for (const clv::InputFile& f : inputs.files)
        inputBytes += clv::compressionOfRegularFile(f.path) == clv::Compression::None ? f.bytes : f.bytes * 10;
    const clv::MemoryPlan plan = clv::MemoryBudget::plan(inputBytes, settings.maxMemoryBytes);
    if (!plan.partitioned)
        return -1;

    QElapsedTimer clock;
    clock.start();
    // The scratch folder sits beside the outputs, on the disk the user chose for them; it
    // goes when the run ends, whatever the outcome.
    if (!QDir().mkpath(settings.outputDir)) {
        printErr(QStringLiteral("clv-etl: cannot create the output folder %1").arg(settings.outputDir));
        return ExitOutputFailed;
    }
    QTemporaryDir scratch(QDir(settings.outputDir).filePath(QStringLiteral(".clv-partitions-XXXXXX")));
    if (!scratch.isValid()) {
        printErr(QStringLiteral("clv-etl: cannot create a scratch folder in %1: %2")
                     .arg(settings.outputDir, scratch.errorString()));
        return ExitOutputFailed;
    }
    clv::SplitRequest request{settings.request, scratch.path(),   plan.partitions,
                              settings.topN,    settings.csvSafe, plan.segmentBytes};
    const clv::LocalPartitionedOutcome outcome = clv::runPartitionedLocally(request, settings.outputDir);
    const clv::ReadResult& read = outcome.split.read;
    if (!reportRead(read, !settings.quiet))
        return ExitInputUnusable;
    if (read.files.empty()) {
        printErr(QStringLiteral("clv-etl: nothing readable in the inputs given"));
        return ExitInputUnusable;
    }
    if (!outcome.error.isEmpty()) {
        printErr(QStringLiteral("clv-etl: %1; the previous files in %2 were left as they were")
                     .arg(outcome.error, QDir::toNativeSeparators(settings.outputDir)));
        return ExitOutputFailed;
    }
    const clv::FileStats totals = read.totals();
    if (!settings.quiet) {
        std::printf("Read %lld records from %zu file(s): %lld accepted, %lld rejected, %lld customers.\n",
                    totals.records, read.files.size(), totals.accepted, totals.rejected,
                    outcome.merge.counts.customers);
        std::printf("A single run would need about %lld MB, over --max-memory: analysed %d partitions one after "
                    "another.\n",
                    plan.estimatedRunBytes >> 20, plan.partitions);
        std::printf("Wrote %lld file(s) to %s in %.2f s.\n", static_cast<long long>(outcome.merge.written.size()),
                    qPrintable(QDir(settings.outputDir).absolutePath()), double(clock.elapsed()) / 1000.0);
    }
    return totals.accepted > 0 ? ExitDone : ExitInputUnusable;
}
