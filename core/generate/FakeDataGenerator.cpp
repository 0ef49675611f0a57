#include "FakeDataGenerator.h"

#include "BtydModeScenario.h"
#include "EventLineWriter.h"
#include "GeneratorVocabulary.h"
#include "MalformedLineInjector.h"
#include "RealisticModeScenario.h"
#include "SeedModeScenario.h"
#include "TransactionTableWriter.h"
#include "util/JobControl.h"

#include <QDir>
#include <QFileInfo>
#include <QIODevice>
#include <QSaveFile>

#include <cmath>
#include <optional>
#include <utility>

namespace clv {

namespace {

// Upper bounds keep every count in range of the 48-bit key space and the block planner's
// 32-bit indices, and catch typos such as an extra zero or two.
constexpr int kMaxCustomers = 10'000'000;
constexpr int kMaxDays = 36'500;
constexpr int kMaxWeeks = 1'040;
constexpr int kMaxEventsPerCustomer = 1'000;
constexpr int kMaxBadLines = 10'000'000;
constexpr int kMaxMeanPurchases = 10'000;

QString checkRange(const char* name, int value, int low, int high)
{
    if (value < low)
        return low == 0 ? QStringLiteral("%1 must not be negative").arg(QLatin1String(name))
                        : QStringLiteral("%1 must be at least %2").arg(QLatin1String(name)).arg(low);
    if (value > high)
        return QStringLiteral("%1 must be at most %2").arg(QLatin1String(name)).arg(high);
    return {};
}

QString checkModelParameter(const char* name, double value)
{
    if (!std::isfinite(value))
        return QStringLiteral("%1 must be a finite number").arg(QLatin1String(name));
    if (value <= 0)
        return QStringLiteral("%1 must be greater than 0").arg(QLatin1String(name));
    return {};
}

QString checkStart(const QDate& start)
{
    if (!start.isValid())
        return QStringLiteral("start date is not valid");
    if (start.year() < 1970 || start.year() > 9970)
        return QStringLiteral("dates must fall between 1970 and 9998");
    return {};
}

QString validateBtyd(const GeneratorOptions& options)
{
    QString problem = checkRange("weeks", options.weeks, 1, kMaxWeeks);
    if (problem.isEmpty())
        problem = checkRange("cohort weeks", options.cohortWeeks, 1, kMaxWeeks);
    if (problem.isEmpty())
        problem = checkStart(options.start);
    const BtydParameters& model = options.btyd;
    const std::pair<const char*, double> parameters[] = {
        {"r", model.r}, {"alpha", model.alpha}, {"a", model.a},         {"b", model.b},
        {"p", model.p}, {"q", model.q},         {"gamma", model.gamma},
    };
    for (const auto& [name, value] : parameters) {
        if (problem.isEmpty())
            problem = checkModelParameter(name, value);
    }
    if (!problem.isEmpty())
        return problem;
    // A typo such as alpha 0.004414 for 4.414 would ask for millions of rows per customer.
    if (model.r / model.alpha * options.weeks > kMaxMeanPurchases)
        return QStringLiteral(
                   "r / alpha × weeks (the mean purchases of a customer who never drops out) must be at most %1")
            .arg(kMaxMeanPurchases);
    return {};
}

// The report of a run that wrote through `writer`: cancelled, failed to write, or done.
GeneratorReport finishRun(GeneratedLineBuffer& writer, bool completed, const JobControl* control)
{
    GeneratorReport report;
    if (!completed) {
        report.error = QStringLiteral("cancelled");
        return report;
    }
    const bool written = writer.finish();
    report.events = writer.goodLines();
    report.badLines = writer.malformedLines();
    report.bytes = writer.bytes();
    if (!written) {
        report.error = QStringLiteral("could not write the output: %1").arg(writer.errorString());
        return report;
    }
    if (control)
        control->report(QStringLiteral("Generating"), 1.0);
    return report;
}

} // namespace

FakeDataGenerator::FakeDataGenerator(GeneratorOptions options, WordLists words)
    : m_options(std::move(options)), m_words(std::move(words))
{
}

QString FakeDataGenerator::validate(const GeneratorOptions& options)
{
    QString problem = checkRange("customers", options.customers, 1, kMaxCustomers);
    if (problem.isEmpty())
        problem = checkRange("bad lines", options.badLines, 0, kMaxBadLines);
    if (!problem.isEmpty())
        return problem;

    if (options.mode == GeneratorMode::Btyd)
        return validateBtyd(options);
    if (options.mode == GeneratorMode::Seed) {
        problem = checkRange("days", options.days, 1, kMaxDays);
        if (problem.isEmpty())
            problem = checkRange("max events", options.maxEvents, 1, kMaxEventsPerCustomer);
        if (!problem.isEmpty())
            return problem;
        if (!options.end.isValid())
            return QStringLiteral("end time is not valid");
        // The generated dates are written as four-digit years.
        const QDate earliest = options.end.toUTC().date().addDays(-options.days);
        if (earliest.year() < 1970 || options.end.toUTC().date().year() > 9998)
            return QStringLiteral("dates must fall between 1970 and 9998");
        return {};
    }

    problem = checkRange("weeks", options.weeks, 1, kMaxWeeks);
    if (problem.isEmpty())
        problem = checkRange("max visits", options.maxVisits, 1, kMaxEventsPerCustomer);
    if (!problem.isEmpty())
        return problem;
    return checkStart(options.start);
}

GeneratorReport FakeDataGenerator::write(QIODevice& out, const JobControl* control) const
{
    GeneratorReport report;
    report.error = validate(m_options);
    if (!report.error.isEmpty())
        return report;
    if (m_options.mode == GeneratorMode::Btyd)
        return writeTransactions(out, control);
    const GeneratorVocabulary vocabulary = GeneratorVocabulary::fromWordLists(m_words);
    if (vocabulary.lastNames.empty() || vocabulary.cities.empty() || vocabulary.states.empty()
        || vocabulary.cameraMakes.empty()) {
        report.error = QStringLiteral("the word lists are empty");
        return report;
    }

    const bool seedMode = m_options.mode == GeneratorMode::Seed;
    const qint64 expectedEvents = seedMode ? SeedModeScenario::expectedEvents(m_options)
                                           : RealisticModeScenario::expectedEvents(m_options);
    EventLineWriter writer(out);
    MalformedLineInjector malformed(m_options.badLines, expectedEvents, m_options.seed);
    if (m_options.badLines > 0)
        writer.setMalformedLines(&malformed);

    const bool completed = seedMode ? SeedModeScenario(m_options, vocabulary).write(writer, control)
                                    : RealisticModeScenario(m_options, vocabulary).write(writer, control);
    return finishRun(writer, completed, control);
}

GeneratorReport FakeDataGenerator::writeTransactions(QIODevice& out, const JobControl* control) const
{
    const BtydModeScenario scenario(m_options);
    TransactionTableWriter writer(out);
    std::optional<MalformedLineInjector> malformed;
    if (m_options.badLines > 0) {
        // Counted exactly first, so that the bad rows fall among the good ones.
        const qint64 purchases = scenario.countPurchases(control);
        if (purchases < 0)
            return finishRun(writer, false, control);
        malformed.emplace(m_options.badLines, purchases, m_options.seed,
                          MalformedLineInjector::Format::TransactionRows);
        writer.setMalformedLines(&*malformed);
    }
    const bool completed = scenario.write(writer, control);
    return finishRun(writer, completed, control);
}

GeneratorReport FakeDataGenerator::writeFile(const QString& path, const JobControl* control) const
{
    GeneratorReport report;
    const QString folder = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(folder)) {
        report.error = QStringLiteral("Could not create the folder %1.").arg(QDir::toNativeSeparators(folder));
        return report;
    }
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly)) {
        report.error = QStringLiteral("Could not write %1: %2.").arg(QDir::toNativeSeparators(path), out.errorString());
        return report;
    }
    report = write(out, control);
    if (!report.ok())
        return report;
    if (control && control->isCancelled()) {
        report.error = QStringLiteral("cancelled");
        return report;
    }
    if (!out.commit())
        report.error = QStringLiteral("Could not write %1: %2.").arg(QDir::toNativeSeparators(path), out.errorString());
    return report;
}

} // namespace clv
