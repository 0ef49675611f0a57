#include "ModelCommand.h"

#include "ConsoleReport.h"
#include "EtlCommand.h"
#include "TransactionOptions.h"
#include "export/OutputExporter.h"
#include "export/TableCsv.h"
#include "io/EventReader.h"
#include "io/EventTime.h"
#include "predict/ModelOutputs.h"
#include "predict/SummaryFile.h"
#include "util/ComputePool.h"

#include <QCommandLineParser>
#include <QDate>
#include <QDir>
#include <QElapsedTimer>

#include <cmath>
#include <cstdio>
#include <unistd.h>

namespace {

struct ModelSettings {
    clv::ModelRequest request;
    clv::SummaryOptions summary;
    QStringList inputs;
    QString summaryFile;
    clv::ReaderOptions reader;
    QString outputDir;
    bool quiet = false;
    bool csvSafe = false;
};

std::optional<std::int64_t> dayFromText(const QString& text)
{
    return clv::parseDay(text.toStdString());
}

QString readNumber(const QCommandLineParser& parser, const QString& name, double& value)
{
    if (!parser.isSet(name))
        return {};
    bool ok = false;
    value = parser.value(name).toDouble(&ok);
    if (!ok || !std::isfinite(value))
        return QStringLiteral("--%1 must be a number, not \"%2\"").arg(name, parser.value(name));
    return {};
}

QString readSettings(const QCommandLineParser& parser, ModelSettings& settings)
{
    if (parser.isSet("models")) {
        settings.request.models.clear();
        for (const QString& name : parser.value("models").split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const auto kind = clv::modelFromKey(name.trimmed().toStdString());
            if (!kind)
                return QStringLiteral("unknown model \"%1\": choose from bgnbd, pnbd, mbgnbd, gg").arg(name);
            settings.request.models.push_back(*kind);
        }
    }
    if (parser.isSet("predict-with")) {
        const auto kind = clv::modelFromKey(parser.value("predict-with").toStdString());
        if (!kind)
            return QStringLiteral("unknown model \"%1\" for --predict-with").arg(parser.value("predict-with"));
        settings.request.predictWith = kind;
    }
    if (QString e = readNumber(parser, "horizon", settings.request.horizon); !e.isEmpty())
        return e;
    if (QString e = readNumber(parser, "discount", settings.request.discount); !e.isEmpty())
        return e;
    if (QString problem = settings.request.validate(); !problem.isEmpty())
        return problem;
    if (parser.isSet("unit")) {
        const auto unit = clv::timeUnitFromName(parser.value("unit").toStdString());
        if (!unit)
            return QStringLiteral("--unit must be day, week or month, not \"%1\"").arg(parser.value("unit"));
        settings.summary.unit = *unit;
    }
    for (const char* name : {"calibration-end", "holdout-end"}) {
        if (!parser.isSet(name))
            continue;
        const auto day = dayFromText(parser.value(name));
        if (!day)
            return QStringLiteral("--%1 must be a date (YYYY-MM-DD), not \"%2\"").arg(name, parser.value(name));
        (QLatin1String(name) == QLatin1String("holdout-end") ? settings.summary.holdoutEnd
                                                             : settings.summary.calibrationEnd)
            = day;
    }
    if (QString problem = clv::validateSummaryOptions(settings.summary); !problem.isEmpty())
        return problem;
    if (QString problem = readTransactionOptions(parser, settings.reader.transactions); !problem.isEmpty())
        return problem;
    settings.summaryFile = parser.value("summary");
    if (!settings.summaryFile.isEmpty() && parser.isSet("transactions"))
        return QStringLiteral("--summary reads a summary, --transactions purchase tables: give one or the other");
    settings.inputs = parser.positionalArguments();
    if (!settings.summaryFile.isEmpty()) {
        if (!settings.inputs.isEmpty())
            return QStringLiteral("--summary reads a summary instead of inputs: give one or the other");
        if (settings.summary.calibrationEnd)
            return QStringLiteral("a summary file has its calibration period already: --calibration-end and "
                                  "--holdout-end need purchases");
    } else if (settings.inputs.isEmpty()) {
        return QStringLiteral("no input given: name event files or folders, or a summary with --summary FILE");
    }
    settings.outputDir = parser.value("output");
    settings.quiet = parser.isSet("quiet");
    settings.csvSafe = parser.isSet("csv-safe");
    return {};
}

// How the inputs were read, as clv-etl says it: counts, and the first rejected lines with their
// reasons (on stderr when nothing could be used, so that the reason is seen).
void reportRead(const clv::ReadResult& read, int shown, bool failed)
{
    const clv::FileStats totals = read.totals();
    if (!failed && shown == 0)
        return;
    const auto say = [failed](const QString& line) {
        if (failed)
            printErr(QStringLiteral("clv-etl model: %1").arg(line));
        else
            std::printf("%s\n", qPrintable(line));
    };
    say(QStringLiteral("read %1 records from %2 file(s): %3 accepted, %4 rejected")
            .arg(totals.records)
            .arg(read.files.size())
            .arg(totals.accepted)
            .arg(totals.rejected));
    const std::size_t listed = std::min<std::size_t>(read.rejections.size(), failed ? 5 : std::size_t(shown));
    for (std::size_t i = 0; i < listed; ++i) {
        const clv::Rejection& r = read.rejections[i];
        say(QStringLiteral("  rejected %1:%2: %3")
                .arg(read.files[r.file].display)
                .arg(r.line)
                .arg(QString::fromStdString(r.reason)));
    }
    if (read.rejections.size() > listed)
        say((failed ? QStringLiteral("  … and %1 more") : QStringLiteral("  … and %1 more, listed in rejected.csv"))
                .arg(read.rejections.size() - listed));
}

void printFits(const clv::ModelRunResult& run)
{
    const clv::RfmSummary& summary = *run.summary;
    std::printf("%zu customers, %lld with repeat purchases", summary.customers.size(),
                static_cast<long long>(summary.repeatCustomers()));
    if (summary.laterCustomers > 0)
        std::printf(" (%lld who first bought after the calibration end left out)",
                    static_cast<long long>(summary.laterCustomers));
    std::printf(".\n");
    for (const clv::ModelFit& fit : run.fits) {
        if (!fit.converged)
            continue;
        std::printf("%-12s", qPrintable(clv::modelTitle(fit.kind)));
        const auto names = clv::parameterNames(fit.kind);
        for (std::size_t i = 0; i < names.size(); ++i)
            std::printf(" %s = %.4f (%.4f)", std::string(names[i]).c_str(), fit.params[i], fit.stdErrors[i]);
        std::printf("  log L = %.2f\n", fit.logLikelihood);
    }
}

} // namespace

int runModelCommand(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Fits buy-'til-you-die models (BG/NBD, Pareto/NBD, MBG/NBD, Gamma-Gamma) to the purchases in\n"
        "event files or folders, transaction tables (--transactions) or a customer summary (--summary),\n"
        "and predicts per customer.\n"
        "Writes model_fit.json, customer_predictions.csv, model_tracking.csv and model_holdout.csv\n"
        "(and rejected.csv when reading inputs). A model that cannot be fitted is named with the\n"
        "reason and the others are written.\n"
        "Exit codes: 0 done, 1 usage error, 2 input unusable (no purchases, or no model could be fitted),\n"
        "3 output could not be written."));
    parser.addHelpOption();
    parser.addPositionalArgument("INPUT", "Event files or folders, or transaction tables with --transactions.",
                                 "[INPUT...]");
    parser.addOptions({
        {{"o", "output"}, "Folder for the output files (default ./output).", "DIR", "output"},
        {"summary", "Read a customer summary (ID,x,t_x,T,zbar or frequency,recency,T,monetary_value).", "FILE"},
        {"calibration-end", "Last day of the calibration period (default: the last purchase day).", "DATE"},
        {"holdout-end", "Last day of the holdout period used to validate the predictions.", "DATE"},
        {"unit", "Time unit of the models: day, week (default) or month.", "UNIT"},
        {"models", "Models to fit, comma-separated: bgnbd, pnbd, mbgnbd, gg (default bgnbd,gg).", "LIST"},
        {"predict-with", "Purchase model for the predictions (default: the first listed).", "MODEL"},
        {"horizon", "Prediction horizon in units (default 52).", "N"},
        {"discount", "Discount rate per unit for the CLV (default 0).", "RATE"},
        {"csv-safe", "Write text cells a spreadsheet would run as a formula with a leading apostrophe."},
        {"quiet", "Print nothing but errors."},
    });
    parser.addOptions(transactionOptions());
    if (!parser.parse(arguments)) {
        printErr(QStringLiteral("clv-etl model: %1\nTry clv-etl model --help.").arg(parser.errorText()));
        return ExitUsage;
    }
    if (parser.isSet("help")) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return ExitDone;
    }
    ModelSettings settings;
    if (const QString error = readSettings(parser, settings); !error.isEmpty()) {
        printErr(QStringLiteral("clv-etl model: %1\nTry clv-etl model --help.").arg(error));
        return ExitUsage;
    }

    const bool showProgress = !settings.quiet && isatty(fileno(stderr));
    clv::JobControl control([showProgress](const QString& stage, double fraction) {
        if (showProgress)
            std::fprintf(stderr, "\r%-10s %3d%%", qPrintable(stage), static_cast<int>(fraction * 100));
    });
    QElapsedTimer clock;
    clock.start();

    auto summary = std::make_shared<clv::RfmSummary>();
    clv::ReadResult read;
    if (!settings.summaryFile.isEmpty()) {
        clv::SummaryFileRead file = clv::readSummaryFile(settings.summaryFile, settings.summary.unit);
        if (!file.ok()) {
            printErr(QStringLiteral("clv-etl model: %1").arg(file.error));
            return ExitInputUnusable;
        }
        for (const clv::Rejection& r : file.rejections)
            printErr(QStringLiteral("clv-etl model: %1:%2: %3")
                         .arg(settings.summaryFile)
                         .arg(r.line)
                         .arg(QString::fromStdString(r.reason)));
        *summary = std::move(file.summary);
    } else {
        read = clv::EventReader(settings.reader).read(settings.inputs, &control);
        for (const QString& problem : read.inputProblems)
            printErr(QStringLiteral("clv-etl model: %1").arg(problem));
        const clv::PurchaseHistory history = clv::purchasesFromEvents(*read.events, clv::computePool(), &control);
        *summary = clv::summarise(history, settings.summary);
    }
    if (settings.summaryFile.isEmpty())
        reportRead(read, settings.quiet || summary->customers.empty() ? 0 : 5, summary->customers.empty());
    if (summary->customers.empty()) {
        if (showProgress)
            std::fputs("\r                 \r", stderr);
        printErr(settings.summaryFile.isEmpty()
                     ? QStringLiteral("clv-etl model: no customer with a purchase in the calibration period")
                     : QStringLiteral("clv-etl model: the summary holds no usable customer"));
        return ExitInputUnusable;
    }
    const clv::ModelRunResult run = clv::runModels(summary, settings.request, &control);
    if (showProgress)
        std::fputs("\r                 \r", stderr);
    for (const QString& problem : run.problems)
        printErr(QStringLiteral("clv-etl model: %1").arg(problem));

    clv::CsvOptions csv;
    csv.neutraliseFormulas = settings.csvSafe;
    std::vector<clv::NamedOutput> outputs = clv::modelOutputs(run, csv);
    if (settings.summaryFile.isEmpty())
        outputs.push_back({clv::kRejectedFile, [&](QIODevice& d) { return clv::writeRejectedCsv(read, d, csv); }});
    const clv::OutputSetResult written = clv::writeOutputSet(settings.outputDir, outputs, &control);
    if (!written.ok()) {
        printErr(QStringLiteral("clv-etl model: %1; the previous files in %2 were left as they were")
                     .arg(written.error, QDir::toNativeSeparators(settings.outputDir)));
        return ExitOutputFailed;
    }
    if (!settings.quiet) {
        printFits(run);
        std::printf("Wrote %lld file(s) to %s in %.2f s.\n", static_cast<long long>(written.written.size()),
                    qPrintable(QDir(settings.outputDir).absolutePath()), double(clock.elapsed()) / 1000.0);
    }
    const bool anyFitted = std::any_of(run.fits.begin(), run.fits.end(),
                                       [](const clv::ModelFit& f) { return f.converged; });
    return anyFitted ? ExitDone : ExitInputUnusable;
}
