#include "EtlOptions.h"

#include "TransactionOptions.h"
#include "etl/ParameterLimits.h"
#include "partition/MemoryBudget.h"
#include "store/OpenWorkspace.h"
#include "util/ComputePool.h"

#include <QCommandLineParser>
#include <QThreadPool>

#include <algorithm>
#include <climits>
#include <cmath>

namespace {

// A number that may be huge, as an int the limits then refuse rather than one that overflowed.
int saturatedInt(double value)
{
    return static_cast<int>(std::clamp(std::round(value), double(INT_MIN), double(INT_MAX)));
}

} // namespace

QList<QCommandLineOption> etlOptions()
{
    using Limits = clv::ParameterLimits;
    QList<QCommandLineOption> options({
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
         "Write the outputs of the workspace FILE (or postgresql:// address) without reading any event file: its "
         "stored results when they are current for these options, else an analysis of its stored events; no inputs.",
         "FILE"},
        {"drop-duplicates", "Count exact duplicate events (same type, key, verb, event_time and JSON text) once."},
        {"csv-safe",
         "Write text cells that a spreadsheet would run as a formula (starting with = + - @) "
         "with a leading apostrophe."},
        {"max-memory",
         "Stay within SIZE of memory (e.g. 512M, 2G): when the run would need more, the inputs are split "
         "into customer partitions in a scratch folder inside the output folder, analysed one after another; "
         "the same output files.",
         "SIZE"},
        {"strict", "Stop at the first rejected line (exit code 2)."},
        {"recursive", "Read the sub-folders of named folders too."},
        {"quiet", "Print nothing but errors."},
    });
    return options;
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
    // Its outputs need no events: current stored results are written out as they are.
    settings.request.reusePackedResults = settings.fromWorkspace;
    settings.workspace = parser.value(settings.fromWorkspace ? "from-workspace" : "workspace");
    // A server address is checked before anything is read: one with a password in it is
    // refused outright, whatever else the command line says.
    if (QString why;
        !settings.workspace.isEmpty() && !clv::WorkspaceLocation::parse(settings.workspace, &why).isValid())
        return QStringLiteral("--%1: %2").arg(settings.fromWorkspace ? "from-workspace" : "workspace", why);
    if (settings.fromWorkspace && !settings.request.inputs.isEmpty())
        return QStringLiteral("--from-workspace works from what the workspace stores and takes no inputs; "
                              "use --workspace FILE INPUT... to add files");
    if (parser.isSet("max-memory")) {
        const auto limit = clv::MemoryBudget::parseSize(parser.value("max-memory"));
        if (!limit)
            return QStringLiteral("--max-memory must be a size such as 512M or 2G, not \"%1\"")
                .arg(parser.value("max-memory"));
        if (QString problem = clv::MemoryBudget::validate(*limit); !problem.isEmpty())
            return problem;
        if (!settings.workspace.isEmpty())
            return QStringLiteral("--max-memory cannot be combined with a workspace, which holds every event");
        settings.maxMemoryBytes = *limit;
    }
    if (settings.request.inputs.isEmpty() && !settings.fromWorkspace)
        return QStringLiteral("no input given: name one or more event files or folders");
    return {};
}
