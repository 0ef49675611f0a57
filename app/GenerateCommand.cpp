#include "GenerateCommand.h"

#include "generate/FakeDataGenerator.h"
#include "generate/WordLists.h"
#include "util/JobControl.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QTextStream>

#include <optional>
#include <type_traits>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace {

constexpr int kExitDone = 0;
constexpr int kExitUsage = 1;
constexpr int kExitWordLists = 2;
constexpr int kExitOutput = 3;

void printError(const QString& message)
{
    QTextStream(stderr) << "clv-etl generate: " << message << '\n';
}

bool stderrIsTerminal()
{
#ifdef Q_OS_UNIX
    return isatty(STDERR_FILENO) != 0;
#else
    return false;
#endif
}

// Reads a whole-number option into `target` (left alone when the option is absent).
template <typename Number>
bool readNumber(const QCommandLineParser& parser, const QCommandLineOption& option, Number& target)
{
    if (!parser.isSet(option))
        return true;
    const QString text = parser.value(option);
    bool ok = false;
    if constexpr (std::is_same_v<Number, quint64>)
        target = text.toULongLong(&ok);
    else
        target = text.toInt(&ok);
    if (!ok) {
        printError(QStringLiteral("--%1 expects a whole number, got \"%2\"").arg(option.names().constLast(), text));
        return false;
    }
    return true;
}

// Reads a decimal option into `target` (left alone when the option is absent); its limits are
// FakeDataGenerator::validate's to judge.
bool readDecimal(const QCommandLineParser& parser, const QCommandLineOption& option, double& target)
{
    if (!parser.isSet(option))
        return true;
    const QString text = parser.value(option);
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok) {
        printError(QStringLiteral("--%1 expects a number, got \"%2\"").arg(option.names().constLast(), text));
        return false;
    }
    target = value;
    return true;
}

QString helpText(const QCommandLineParser& parser)
{
    // QCommandLineParser's usage line names only the program; the sub-command belongs in it too.
    QString text = parser.helpText();
    const qsizetype firstLineEnd = text.indexOf(QLatin1Char('\n'));
    return QStringLiteral("Usage: clv-etl generate [options]") + text.mid(firstLineEnd);
}

QString humanSize(qint64 bytes)
{
    if (bytes < 1'000'000)
        return QString::number(double(bytes) / 1e3, 'f', 1) + QStringLiteral(" kB");
    return QString::number(double(bytes) / 1e6, 'f', 1) + QStringLiteral(" MB");
}

} // namespace

int runGenerateCommand(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Writes fake web-site events as JSON lines: `seed` imitates the seed generator, "
                       "`realistic` makes clustered visits over many weeks at any scale. `btyd` writes a "
                       "transaction table (customer_id,date,amount) simulated from the BG/NBD and Gamma-Gamma "
                       "models, weeks as the time unit. Same seed, same bytes."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption modeOption(QStringLiteral("mode"),
                                        QStringLiteral("seed, realistic or btyd (default seed)."),
                                        QStringLiteral("MODE"));
    const QCommandLineOption customersOption(QStringLiteral("customers"),
                                             QStringLiteral("Number of customers (default 50)."), QStringLiteral("N"));
    const QCommandLineOption daysOption(QStringLiteral("days"),
                                        QStringLiteral("Seed mode: events fall within the last N days (default 14)."),
                                        QStringLiteral("N"));
    const QCommandLineOption maxEventsOption(QStringLiteral("max-events"),
                                             QStringLiteral("Seed mode: at most N rounds per customer (default 5)."),
                                             QStringLiteral("N"));
    const QCommandLineOption weeksOption(
        QStringLiteral("weeks"),
        QStringLiteral("Realistic and btyd modes: weeks of activity from 2024-01-07 (default 26)."),
        QStringLiteral("N"));
    const QCommandLineOption maxVisitsOption(
        QStringLiteral("max-visits"), QStringLiteral("Realistic mode: at most N visits per customer (default 12)."),
        QStringLiteral("N"));
    const clv::BtydParameters model;
    const QCommandLineOption cohortWeeksOption(
        QStringLiteral("cohort-weeks"),
        QStringLiteral("Btyd mode: first purchases fall within the first N weeks (default 12)."), QStringLiteral("N"));
    auto modelOption = [](const char* name, const QString& meaning, double fallback) {
        return QCommandLineOption(QLatin1String(name),
                                  QStringLiteral("Btyd mode: %1 (default %2).").arg(meaning).arg(fallback),
                                  QStringLiteral("X"));
    };
    const QCommandLineOption rOption = modelOption("r",
                                                   QStringLiteral("BG/NBD shape r of the purchase rate per week, "
                                                                  "λ ~ Gamma(r, alpha)"),
                                                   model.r);
    const QCommandLineOption alphaOption = modelOption("alpha", QStringLiteral("BG/NBD rate alpha of λ"), model.alpha);
    const QCommandLineOption aOption = modelOption(
        "a", QStringLiteral("BG/NBD dropout after each repeat purchase, p ~ Beta(a, b): a"), model.a);
    const QCommandLineOption bOption = modelOption("b", QStringLiteral("BG/NBD b of the dropout"), model.b);
    const QCommandLineOption pOption = modelOption(
        "p", QStringLiteral("Gamma-Gamma shape p of a purchase's amount, Gamma(p, ν)"), model.p);
    const QCommandLineOption qOption = modelOption(
        "q", QStringLiteral("Gamma-Gamma shape q of the customer's ν ~ Gamma(q, gamma)"), model.q);
    const QCommandLineOption gammaOption = modelOption("gamma", QStringLiteral("Gamma-Gamma rate gamma of ν"),
                                                       model.gamma);
    const QCommandLineOption seedOption(QStringLiteral("seed"), QStringLiteral("Random seed (default 1)."),
                                        QStringLiteral("N"));
    const QCommandLineOption badOption(QStringLiteral("bad"), QStringLiteral("Inject N malformed lines (default 0)."),
                                       QStringLiteral("N"));
    const QCommandLineOption outputOption({QStringLiteral("o"), QStringLiteral("output")},
                                          QStringLiteral("Output file, - for standard output (default "
                                                         "data/input/input.txt; data/input/transactions.csv in "
                                                         "btyd mode)."),
                                          QStringLiteral("FILE"));
    const QCommandLineOption wordsOption(QStringLiteral("words"),
                                         QStringLiteral("Folder with the word lists (default: %1).")
                                             .arg(QDir::toNativeSeparators(clv::WordLists::defaultDirectory())),
                                         QStringLiteral("DIR"));
    const QCommandLineOption quietOption(QStringLiteral("quiet"), QStringLiteral("Print nothing but errors."));
    parser.addOptions({modeOption, customersOption, daysOption, maxEventsOption, weeksOption, maxVisitsOption,
                       cohortWeeksOption, rOption, alphaOption, aOption, bOption, pOption, qOption, gammaOption,
                       seedOption, badOption, outputOption, wordsOption, quietOption});

    if (!parser.parse(arguments)) {
        printError(parser.errorText() + QStringLiteral(" (see --help)"));
        return kExitUsage;
    }
    if (parser.isSet(helpOption)) {
        QTextStream(stdout) << helpText(parser);
        return kExitDone;
    }
    if (!parser.positionalArguments().isEmpty()) {
        printError(
            QStringLiteral("unexpected argument \"%1\" (see --help)").arg(parser.positionalArguments().constFirst()));
        return kExitUsage;
    }

    clv::GeneratorOptions options;
    const QString mode = parser.value(modeOption);
    if (mode == QLatin1String("realistic"))
        options.mode = clv::GeneratorMode::Realistic;
    else if (mode == QLatin1String("btyd"))
        options.mode = clv::GeneratorMode::Btyd;
    else if (!mode.isEmpty() && mode != QLatin1String("seed")) {
        printError(QStringLiteral("--mode must be seed, realistic or btyd, got \"%1\"").arg(mode));
        return kExitUsage;
    }
    const bool btyd = options.mode == clv::GeneratorMode::Btyd;
    clv::BtydParameters& chosen = options.btyd;
    const bool numbersRead = readNumber(parser, customersOption, options.customers)
        && readNumber(parser, daysOption, options.days) && readNumber(parser, maxEventsOption, options.maxEvents)
        && readNumber(parser, weeksOption, options.weeks) && readNumber(parser, maxVisitsOption, options.maxVisits)
        && readNumber(parser, cohortWeeksOption, options.cohortWeeks) && readDecimal(parser, rOption, chosen.r)
        && readDecimal(parser, alphaOption, chosen.alpha) && readDecimal(parser, aOption, chosen.a)
        && readDecimal(parser, bOption, chosen.b) && readDecimal(parser, pOption, chosen.p)
        && readDecimal(parser, qOption, chosen.q) && readDecimal(parser, gammaOption, chosen.gamma)
        && readNumber(parser, seedOption, options.seed) && readNumber(parser, badOption, options.badLines);
    if (!numbersRead)
        return kExitUsage;
    if (const QString problem = clv::FakeDataGenerator::validate(options); !problem.isEmpty()) {
        printError(problem);
        return kExitUsage;
    }

    // A transaction table has no names, cities or cameras.
    clv::WordLists words;
    if (!btyd) {
        const QString wordsDirectory = parser.isSet(wordsOption) ? parser.value(wordsOption)
                                                                 : clv::WordLists::defaultDirectory();
        QString wordsError;
        std::optional<clv::WordLists> loaded = clv::WordLists::load(wordsDirectory, &wordsError);
        if (!loaded) {
            printError(wordsError);
            return kExitWordLists;
        }
        words = std::move(*loaded);
    }

    const bool quiet = parser.isSet(quietOption);
    const bool showProgress = !quiet && stderrIsTerminal();
    clv::JobControl control([showProgress](const QString& stage, double fraction) {
        if (showProgress)
            QTextStream(stderr) << '\r' << stage << ' ' << int(fraction * 100) << "%  " << Qt::flush;
    });
    const clv::FakeDataGenerator generator(options, std::move(words));

    QString outputPath = btyd ? QStringLiteral("data/input/transactions.csv") : QStringLiteral("data/input/input.txt");
    if (parser.isSet(outputOption))
        outputPath = parser.value(outputOption);
    const bool toStdout = outputPath == QLatin1String("-");
    clv::GeneratorReport report;
    if (toStdout) {
        QFile out;
        if (!out.open(1, QIODevice::WriteOnly)) {
            printError(QStringLiteral("cannot write to standard output: %1").arg(out.errorString()));
            return kExitOutput;
        }
        report = generator.write(out, &control);
        if (report.ok() && !out.flush())
            report.error = QStringLiteral("could not write the output: %1").arg(out.errorString());
    } else {
        report = generator.writeFile(outputPath, &control);
    }
    if (showProgress)
        QTextStream(stderr) << '\r' << QString(20, QLatin1Char(' ')) << '\r' << Qt::flush;
    if (!report.ok()) {
        printError(report.error);
        return kExitOutput;
    }

    if (!quiet) {
        const QString where = toStdout ? QStringLiteral("standard output") : QDir::toNativeSeparators(outputPath);
        const QString malformed = report.badLines > 0 ? QStringLiteral(" and %1 malformed lines").arg(report.badLines)
                                                      : QString();
        const char* what = btyd ? " purchases" : " events";
        QTextStream(stderr) << "Wrote " << report.events << what << malformed << " (" << humanSize(report.bytes)
                            << ") to " << where << '\n';
    }
    return kExitDone;
}
