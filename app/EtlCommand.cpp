#include "EtlCommand.h"

#include "BackgroundExport.h"
#include "ConsoleReport.h"
#include "EtlOptions.h"
#include "MemoryBoundRun.h"
#include "TransactionOptions.h"
#include "etl/Analysis.h"
#include "etl/ParameterLimits.h"
#include "export/NumberFormat.h"
#include "export/OutputExporter.h"
#include "store/OpenWorkspace.h"
#include "store/WorkspaceFile.h"
#include "store/WorkspaceLocation.h"
#include "store/WorkspaceRun.h"
#include "util/ComputePool.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QThreadPool>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>
#include <optional>
#include <unistd.h>

namespace {

// Folder entries left out of the run are worth a word, but no failure: said unless --quiet.
void printSkipped(const std::vector<clv::SkippedInput>& skipped, bool quiet)
{
    if (quiet)
        return;
    for (const clv::SkippedInput& s : skipped)
        printErr(QStringLiteral("clv-etl: %1").arg(s.message()));
}

// The stages' time (steps within a stage, named "stage.step", are part of it).
qint64 stagesMs(const clv::StageTimings& timings)
{
    qint64 total = 0;
    for (const auto& [stage, ms] : timings)
        if (!stage.contains(QLatin1Char('.')))
            total += ms;
    return total;
}

void printTop(const clv::ResultTables& tables, long long topN)
{
    const auto rows = std::min<std::size_t>(tables.ltv.size(), static_cast<std::size_t>(topN));
    std::printf("Top %zu customers by LTV (%s formula):\n", rows,
                qPrintable(clv::formulaName(tables.parameters.formula)));
    std::printf("%5s  %-20s %16s %8s %12s\n", "rank", "customer_id", "customer_ltv", "visits", "spend");
    for (std::size_t i = 0; i < rows; ++i) {
        const clv::LtvRow& row = tables.ltv[i];
        const std::string id(tables.events->customerId(row.customer));
        std::printf("%5zu  %-20s %16.2f %8d %12.2f\n", i + 1, id.c_str(), row.ltv, row.visits,
                    double(row.totalCents) / 100.0);
    }
}

clv::ExportRequest exportRequestFor(const EtlSettings& settings, const clv::StageTimings& timings)
{
    clv::ExportRequest request{settings.outputDir, settings.topN, timings, nullptr, {}};
    request.csv.neutraliseFormulas = settings.csvSafe;
    return request;
}

// Opens the workspace, adds the inputs to it and re-runs the analysis over everything it
// stores (or, for --from-workspace, takes its stored results when they are current), writing the tables' output files
// into `exports` while the results are saved. Returns -1 when the run can go on to commit the exports, else the exit
// code. A new workspace file is built beside its target and put in place only when the run succeeded: a failed,
// cancelled or killed run leaves no workspace behind, and the build needs no write-ahead log (see
// WorkspaceOpenMode::Staging).
int runWithWorkspace(const EtlSettings& settings, const clv::JobControl& control, bool showProgress,
                     clv::AnalysisOutcome& outcome, BackgroundExport& exports)
{
    QString error;
    clv::WorkspaceOpenFailure failure = clv::WorkspaceOpenFailure::None;
    std::optional<clv::StagedWorkspaceFile> staged;
    if (!settings.fromWorkspace && !clv::WorkspaceLocation::isServerAddress(settings.workspace)
        && !QFileInfo::exists(settings.workspace))
        staged.emplace(QFileInfo(settings.workspace).absoluteFilePath());
    const auto mode = settings.fromWorkspace ? clv::WorkspaceOpenMode::ExistingOnly
        : staged                             ? clv::WorkspaceOpenMode::Staging
                                             : clv::WorkspaceOpenMode::CreateIfMissing;
    std::unique_ptr<clv::Workspace> workspace = clv::openWorkspace(staged ? staged->path() : settings.workspace, &error,
                                                                   mode, &failure);
    if (!workspace) {
        if (staged) // the user named the target, not its staging
            error.replace(QDir::toNativeSeparators(staged->path()), QDir::toNativeSeparators(staged->target()));
        printErr(QStringLiteral("clv-etl: %1").arg(error));
        return failure == clv::WorkspaceOpenFailure::Unwritable ? ExitOutputFailed : ExitInputUnusable;
    }
    const QString shownPath = QDir::toNativeSeparators(staged ? staged->target() : workspace->path());
    clv::WorkspaceRunOutcome run = clv::runWorkspaceAnalysis(
        *workspace, settings.request, &control,
        [&exports](const std::shared_ptr<const clv::ResultTables>& tables) { exports.start(tables); });
    if (showProgress)
        std::fputs("\r                 \r", stderr);
    for (const QString& problem : run.ingest.problems)
        printErr(QStringLiteral("clv-etl: %1").arg(problem));
    for (const QString& note : run.notes)
        printErr(QStringLiteral("clv-etl: workspace %1: %2").arg(shownPath, note));
    printSkipped(run.ingest.skipped, settings.quiet);
    if (!settings.quiet)
        for (const QString& message : run.ingest.messages)
            std::printf("%s\n", qPrintable(message));
    if (run.ingest.stoppedStrict) {
        printErr(QStringLiteral("clv-etl: %1 (stopped: --strict; nothing was added to the workspace)")
                     .arg(run.ingest.strictRejection));
        return ExitInputUnusable;
    }
    const QString storeError = !run.ingest.error.isEmpty() ? run.ingest.error : run.storeError;
    if (!storeError.isEmpty()) {
        printErr(QStringLiteral("clv-etl: workspace %1: %2; it was left as it was before this run")
                     .arg(shownPath, storeError));
        return run.ingest.damaged || run.storeUnreadable ? ExitInputUnusable : ExitOutputFailed;
    }
    if (!settings.request.inputs.isEmpty() && run.ingest.filesAdded + run.ingest.filesSkipped == 0) {
        printErr(QStringLiteral("clv-etl: nothing readable in the inputs given"));
        return ExitInputUnusable;
    }
    if (!settings.quiet && run.reusedStoredResults)
        std::printf("Workspace %s: its stored results of all %zu stored file(s) are current; writing them.\n",
                    qPrintable(shownPath), run.analysis.read.files.size());
    else if (!settings.quiet)
        std::printf("Workspace %s: %d file(s) added, %d already stored; analysing all %zu stored file(s).\n",
                    qPrintable(shownPath), run.ingest.filesAdded, run.ingest.filesSkipped,
                    run.analysis.read.files.size());
    if (staged) {
        if (workspace->hasPendingContentHashes()) { // a file row without its hash must never appear
            printErr(QStringLiteral("clv-etl: workspace %1: its files' hashes were not written; it was not "
                                    "created")
                         .arg(shownPath));
            return ExitOutputFailed;
        }
        workspace.reset(); // its connection is closed before the file is moved
        if (!staged->commit(&error)) {
            printErr(QStringLiteral("clv-etl: %1").arg(error));
            return ExitOutputFailed;
        }
    }
    outcome = std::move(run.analysis);
    return -1;
}

} // namespace

int runEtlCommand(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Computes customer lifetime value from web-site event logs (JSON lines or JSON arrays), or with\n"
        "--transactions from purchase tables: CSV, TSV or blank-separated, one purchase a row with a\n"
        "customer id, a date (YYYYMMDD, YYYY-MM-DD or a date-time) and an amount, each row one visit with\n"
        "one order.\n"
        "Writes output_t1.txt, output_ltv_specs.txt, output_ltv_final.txt, rejected.csv and run.json.\n"
        "Also: clv-etl generate --help (fake event data).\n"
        "With --workspace FILE the inputs are also stored in a SQLite workspace (files already stored are\n"
        "skipped) and the analysis and outputs cover every event it holds; --from-workspace FILE writes\n"
        "them from the workspace alone (its stored results, when they are current). Instead of a FILE,\n"
        "postgresql://USER@HOST:PORT/DATABASE names a workspace in a database on a PostgreSQL server that\n"
        "several people can share; the password comes from PGPASSWORD or ~/.pgpass, never from the address.\n"
        "Exit codes: 0 done, 1 usage error, 2 input unusable (nothing readable, a strict rejection, or a\n"
        "workspace that is missing, damaged or from a newer version), 3 output or workspace could not be written."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        "INPUT",
        "Event files or folders (*.txt, *.json, *.jsonl, *.ndjson); with --transactions, tables or folders of "
        "them (*.csv, *.tsv, *.txt). Files may be gzip- or zstd-compressed (in folders: those names + .gz or .zst).",
        "[INPUT...]");
    parser.addOptions(etlOptions());
    parser.addOptions(transactionOptions());
    if (!parser.parse(arguments)) {
        printErr(QStringLiteral("clv-etl: %1\nTry clv-etl --help.").arg(parser.errorText()));
        return ExitUsage;
    }
    if (parser.isSet("help")) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return ExitDone;
    }
    if (parser.isSet("version")) {
        std::printf("clv-etl %s\n", CLV_VERSION);
        return ExitDone;
    }

    EtlSettings settings;
    if (const QString error = readSettings(parser, settings); !error.isEmpty()) {
        printErr(QStringLiteral("clv-etl: %1\nTry clv-etl --help.").arg(error));
        return ExitUsage;
    }

    if (settings.maxMemoryBytes > 0)
        if (const int exitCode = runWithinMemory(settings); exitCode >= 0)
            return exitCode;

    const bool showProgress = !settings.quiet && isatty(fileno(stderr));
    clv::JobControl control([showProgress](const QString& stage, double fraction) {
        if (showProgress)
            std::fprintf(stderr, "\r%-10s %3d%%", qPrintable(stage), static_cast<int>(fraction * 100));
    });
    clv::AnalysisOutcome outcome;
    BackgroundExport exports(exportRequestFor(settings, {}));
    if (settings.workspace.isEmpty()) {
        outcome = clv::runAnalysis(settings.request, &control);
    } else if (const int exitCode = runWithWorkspace(settings, control, showProgress, outcome, exports);
               exitCode >= 0) {
        return exitCode;
    }
    if (showProgress)
        std::fputs("\r                 \r", stderr);

    // A workspace run said what it skipped as it added the files.
    if (!reportRead(outcome.read, settings.workspace.isEmpty() && !settings.quiet))
        return ExitInputUnusable;
    const clv::FileStats totals = outcome.read.totals();
    if (outcome.read.files.empty() || !outcome.tables) {
        printErr(QStringLiteral("clv-etl: nothing readable in the inputs given"));
        return ExitInputUnusable;
    }

    QElapsedTimer clock;
    clock.start();
    const clv::ExportResult exported = exports.isStarted()
        ? exports.commit(outcome.read, outcome.timings)
        : clv::exportOutputs(exportRequestFor(settings, outcome.timings), outcome.read, *outcome.tables);
    if (!exported.ok()) {
        printErr(QStringLiteral("clv-etl: %1; the previous files in %2 were left as they were")
                     .arg(exported.error, QDir::toNativeSeparators(settings.outputDir)));
        return ExitOutputFailed;
    }

    if (!settings.quiet) {
        std::printf("Read %lld records from %zu file(s): %lld accepted, %lld rejected, %zu customers.\n",
                    totals.records, outcome.read.files.size(), totals.accepted, totals.rejected,
                    outcome.tables->ltv.size());
        const int shown = std::min<int>(5, static_cast<int>(outcome.read.rejections.size()));
        for (int i = 0; i < shown; ++i) {
            const clv::Rejection& r = outcome.read.rejections[static_cast<std::size_t>(i)];
            std::printf("  rejected %s:%u: %s\n", qPrintable(outcome.read.files[r.file].display), r.line,
                        r.reason.c_str());
        }
        if (outcome.read.rejections.size() > static_cast<std::size_t>(shown))
            std::printf("  … and %zu more, listed in rejected.csv\n", outcome.read.rejections.size() - shown);
        if (settings.request.dropExactDuplicates)
            std::printf("Dropped %lld exact duplicate event(s).\n", outcome.duplicatesDropped);
        std::printf("Wrote %lld file(s) to %s in %.2f s.\n", static_cast<long long>(exported.written.size()),
                    qPrintable(QDir(settings.outputDir).absolutePath()),
                    double(clock.elapsed() + stagesMs(outcome.timings)) / 1000.0);
        if (settings.topN > 0)
            printTop(*outcome.tables, settings.topN);
    }
    return totals.accepted > 0 ? ExitDone : ExitInputUnusable;
}
