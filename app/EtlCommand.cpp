#include "EtlCommand.h"

#include "TransactionOptions.h"
#include "etl/Analysis.h"
#include "etl/ParameterLimits.h"
#include "export/NumberFormat.h"
#include "export/OutputExporter.h"
#include "store/OpenWorkspace.h"
#include "store/WorkspaceRun.h"
#include "util/ComputePool.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QThreadPool>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>
#include <unistd.h>

namespace {

void printErr(const QString& text)
{
    std::fputs(qPrintable(text + QLatin1Char('\n')), stderr);
}

struct EtlSettings {
    clv::AnalysisRequest request;
    QString outputDir;
    long long topN = 0;
    bool quiet = false;
    bool csvSafe = false;       // neutralise would-be spreadsheet formulas in the CSVs
    QString workspace;          // --workspace or --from-workspace
    bool fromWorkspace = false; // re-run from the stored events only
};

// A number that may be huge, as an int the limits then refuse rather than one that overflowed.
int saturatedInt(double value)
{
    return static_cast<int>(std::clamp(std::round(value), double(INT_MIN), double(INT_MAX)));
}

// Fills `settings` from the parsed options; returns an error message for a bad value. What
// each number may be is the core's to say (ParameterLimits), the same as in the window.
QString readSettings(const QCommandLineParser& parser, EtlSettings& settings)
{
    clv::Parameters& p = settings.request.parameters;
    if (parser.isSet("formula")) {
        const auto formula = clv::formulaFromName(parser.value("formula"));
        if (!formula)
            return QStringLiteral("--formula must be seed or weekly, not \"%1\"").arg(parser.value("formula"));
        p.formula = *formula;
    }
    if (parser.isSet("session-gap")) {
        bool ok = false;
        const double minutes = parser.value("session-gap").toDouble(&ok);
        if (!ok || !std::isfinite(minutes))
            return QStringLiteral("--session-gap must be a number of minutes, not \"%1\"")
                .arg(parser.value("session-gap"));
        p.sessionGapSeconds = saturatedInt(minutes * 60.0);
    }
    if (parser.isSet("week-start")) {
        const auto start = clv::weekStartFromName(parser.value("week-start"));
        if (!start)
            return QStringLiteral("--week-start must be sunday or monday, not \"%1\"").arg(parser.value("week-start"));
        p.weekStart = *start;
    }
    if (parser.isSet("lifespan")) {
        bool ok = false;
        p.lifespanYears = parser.value("lifespan").toDouble(&ok);
        if (!ok)
            return QStringLiteral("--lifespan must be a number of years, not \"%1\"").arg(parser.value("lifespan"));
    }
    if (parser.isSet("top")) {
        bool ok = false;
        const long long top = parser.value("top").toLongLong(&ok);
        if (!ok)
            return QStringLiteral("--top must be a whole number, not \"%1\"").arg(parser.value("top"));
        p.topX = saturatedInt(double(top));
        settings.topN = p.topX;
    }
    if (parser.isSet("threads")) {
        bool ok = false;
        const int threads = parser.value("threads").toInt(&ok);
        if (!ok)
            return QStringLiteral("--threads must be a whole number, not \"%1\"").arg(parser.value("threads"));
        if (QString problem = clv::ParameterLimits::validateThreads(threads); !problem.isEmpty())
            return problem;
        clv::computePool()->setMaxThreadCount(threads);
    }
    if (QString problem = clv::ParameterLimits::validate(p); !problem.isEmpty())
        return problem;
    // A workspace stores event files, and counts one event for each accepted record.
    if (parser.isSet("transactions") && (parser.isSet("workspace") || parser.isSet("from-workspace")))
        return QStringLiteral("--transactions cannot be combined with --workspace or --from-workspace: "
                              "a workspace holds event files only");
    if (QString problem = readTransactionOptions(parser, settings.request.reader.transactions); !problem.isEmpty())
        return problem;
    settings.request.reader.strict = parser.isSet("strict");
    settings.request.reader.recursive = parser.isSet("recursive");
    settings.request.inputs = parser.positionalArguments();
    settings.outputDir = parser.value("output");
    settings.quiet = parser.isSet("quiet");
    settings.csvSafe = parser.isSet("csv-safe");
    settings.request.dropExactDuplicates = parser.isSet("drop-duplicates");
    if (parser.isSet("workspace") && parser.isSet("from-workspace"))
        return QStringLiteral("use --workspace or --from-workspace, not both");
    settings.fromWorkspace = parser.isSet("from-workspace");
    settings.workspace = parser.value(settings.fromWorkspace ? "from-workspace" : "workspace");
    // A server address is checked before anything is read: one with a password in it is
    // refused outright, whatever else the command line says.
    if (QString why;
        !settings.workspace.isEmpty() && !clv::WorkspaceLocation::parse(settings.workspace, &why).isValid())
        return QStringLiteral("--%1: %2").arg(settings.fromWorkspace ? "from-workspace" : "workspace", why);
    if (settings.fromWorkspace && !settings.request.inputs.isEmpty())
        return QStringLiteral("--from-workspace re-runs the stored events and takes no inputs; "
                              "use --workspace FILE INPUT... to add files");
    if (settings.request.inputs.isEmpty() && !settings.fromWorkspace)
        return QStringLiteral("no input given: name one or more event files or folders");
    return {};
}

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

// Opens the workspace, adds the inputs to it and re-runs the analysis over everything it
// stores. Returns -1 when the run can go on to the exports, else the exit code.
int runWithWorkspace(const EtlSettings& settings, const clv::JobControl& control, bool showProgress,
                     clv::AnalysisOutcome& outcome)
{
    QString error;
    clv::WorkspaceOpenFailure failure = clv::WorkspaceOpenFailure::None;
    const auto mode = settings.fromWorkspace ? clv::WorkspaceOpenMode::ExistingOnly
                                             : clv::WorkspaceOpenMode::CreateIfMissing;
    std::unique_ptr<clv::Workspace> workspace = clv::openWorkspace(settings.workspace, &error, mode, &failure);
    if (!workspace) {
        printErr(QStringLiteral("clv-etl: %1").arg(error));
        return failure == clv::WorkspaceOpenFailure::Unwritable ? ExitOutputFailed : ExitInputUnusable;
    }
    clv::WorkspaceRunOutcome run = clv::runWorkspaceAnalysis(*workspace, settings.request, &control);
    if (showProgress)
        std::fputs("\r                 \r", stderr);
    for (const QString& problem : run.ingest.problems)
        printErr(QStringLiteral("clv-etl: %1").arg(problem));
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
                     .arg(QDir::toNativeSeparators(settings.workspace), storeError));
        return run.ingest.damaged || run.storeUnreadable ? ExitInputUnusable : ExitOutputFailed;
    }
    if (!settings.request.inputs.isEmpty() && run.ingest.filesAdded + run.ingest.filesSkipped == 0) {
        printErr(QStringLiteral("clv-etl: nothing readable in the inputs given"));
        return ExitInputUnusable;
    }
    if (!settings.quiet)
        std::printf("Workspace %s: %d file(s) added, %d already stored; analysing all %zu stored file(s).\n",
                    qPrintable(QDir::toNativeSeparators(workspace->path())), run.ingest.filesAdded,
                    run.ingest.filesSkipped, run.analysis.read.files.size());
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
        "skipped) and the analysis and outputs cover every event it holds; --from-workspace FILE re-runs\n"
        "them from the stored events alone. Instead of a FILE, postgresql://USER@HOST:PORT/DATABASE names a\n"
        "workspace in a database on a PostgreSQL server that several people can share; the password comes\n"
        "from PGPASSWORD or ~/.pgpass, never from the address.\n"
        "Exit codes: 0 done, 1 usage error, 2 input unusable (nothing readable, a strict rejection, or a\n"
        "workspace that is missing, damaged or from a newer version), 3 output or workspace could not be written."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        "INPUT",
        "Event files or folders (*.txt, *.json, *.jsonl, *.ndjson); with --transactions, tables or folders of "
        "them (*.csv, *.tsv, *.txt). Files may be gzip- or zstd-compressed (in folders: those names + .gz or .zst).",
        "[INPUT...]");
    using Limits = clv::ParameterLimits;
    parser.addOptions({
        {{"o", "output"}, "Folder for the output files (default ./output).", "DIR", "output"},
        {"formula", "LTV formula: seed (default) or weekly.", "seed|weekly"},
        {"session-gap",
         QStringLiteral("Minutes of inactivity that end a visit, %1 to %2 (default 30).")
             .arg(Limits::kMinSessionGapMinutes)
             .arg(Limits::kMaxSessionGapMinutes),
         "MIN"},
        {"week-start", "First day of a week: sunday (default) or monday.", "DAY"},
        {"lifespan",
         QStringLiteral("Customer lifespan in years, %1 to %2 (default 10).")
             .arg(Limits::kMinLifespanYears)
             .arg(Limits::kMaxLifespanYears),
         "YEARS"},
        {"top",
         QStringLiteral("Also write output.txt with the top N customers (%1 to %2), and print them.")
             .arg(Limits::kMinTopX)
             .arg(Limits::kMaxTopX),
         "N"},
        {"threads",
         QStringLiteral("Worker threads, %1 to %2 (default: one per core).")
             .arg(Limits::kMinThreads)
             .arg(Limits::kMaxThreads),
         "N"},
        {"workspace",
         "Also store the inputs in the workspace FILE (*.clvdb, created when missing) or on the server at "
         "postgresql://USER@HOST:PORT/DATABASE, then analyse everything it holds and save the results into it.",
         "FILE"},
        {"from-workspace",
         "Re-run the analysis from the events stored in the workspace FILE (or postgresql:// address); no inputs.",
         "FILE"},
        {"drop-duplicates", "Count exact duplicate events (same type, key, verb, event_time and JSON text) once."},
        {"csv-safe",
         "Write text cells that a spreadsheet would run as a formula (starting with = + - @) "
         "with a leading apostrophe."},
        {"strict", "Stop at the first rejected line (exit code 2)."},
        {"recursive", "Read the sub-folders of named folders too."},
        {"quiet", "Print nothing but errors."},
    });
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

    const bool showProgress = !settings.quiet && isatty(fileno(stderr));
    clv::JobControl control([showProgress](const QString& stage, double fraction) {
        if (showProgress)
            std::fprintf(stderr, "\r%-10s %3d%%", qPrintable(stage), static_cast<int>(fraction * 100));
    });
    clv::AnalysisOutcome outcome;
    if (settings.workspace.isEmpty()) {
        outcome = clv::runAnalysis(settings.request, &control);
    } else if (const int exitCode = runWithWorkspace(settings, control, showProgress, outcome); exitCode >= 0) {
        return exitCode;
    }
    if (showProgress)
        std::fputs("\r                 \r", stderr);

    for (const QString& problem : outcome.read.inputProblems)
        printErr(QStringLiteral("clv-etl: %1").arg(problem));
    if (settings.workspace.isEmpty()) // a workspace run said so as it added the files
        printSkipped(outcome.read.skippedInputs, settings.quiet);
    const clv::FileStats totals = outcome.read.totals();
    if (outcome.read.stoppedStrict) {
        const clv::Rejection& r = outcome.read.rejections.front();
        printErr(QStringLiteral("clv-etl: %1:%2: %3 (stopped: --strict)")
                     .arg(outcome.read.files[r.file].display)
                     .arg(r.line)
                     .arg(QString::fromStdString(r.reason)));
        return ExitInputUnusable;
    }
    if (outcome.read.files.empty() || !outcome.tables) {
        printErr(QStringLiteral("clv-etl: nothing readable in the inputs given"));
        return ExitInputUnusable;
    }

    QElapsedTimer clock;
    clock.start();
    clv::ExportRequest exportRequest{settings.outputDir, settings.topN, outcome.timings, nullptr, {}};
    exportRequest.csv.neutraliseFormulas = settings.csvSafe;
    const clv::ExportResult exported = clv::exportOutputs(exportRequest, outcome.read, *outcome.tables);
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
