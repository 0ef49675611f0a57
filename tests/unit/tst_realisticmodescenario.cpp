// Realistic mode's customers against the model they are drawn from: visits as a Poisson
// process with λ ~ Gamma(1, mean 1.8·maxVisits / weeks) per week; after each order but the
// first, a dropout with probability p ~ Beta(1.5, maxVisits / 2); half of the visits with an
// order. Checked on 20,000 customers within four standard errors of each statistic.
#include "generate/FakeDataGenerator.h"
#include "generate/WordLists.h"

#include <QBuffer>
#include <QDateTime>
#include <QTest>
#include <QTimeZone>

#include <boost/json.hpp>

#include <cmath>
#include <map>
#include <string>
#include <vector>

using namespace clv;

namespace {

constexpr double kStandardErrors = 4.0;
constexpr qint64 kMillisPerDay = 86'400'000;

// Each customer's site visits as days since the start, in time order.
using VisitDays = std::map<std::string, std::vector<qint64>>;

VisitDays visitDays(const QByteArray& bytes, const GeneratorOptions& options)
{
    const qint64 startMs = QDateTime(options.start, QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
    VisitDays days;
    for (const QByteArray& line : bytes.split('\n')) {
        if (!line.contains("\"SITE_VISIT\""))
            continue;
        const boost::json::object event = boost::json::parse(line.toStdString()).as_object();
        const boost::json::string& time = event.at("event_time").as_string();
        const qint64 ms = QDateTime::fromString(QString::fromUtf8(time.data(), qsizetype(time.size())),
                                                Qt::ISODateWithMs)
                              .toMSecsSinceEpoch();
        days[std::string(event.at("customer_id").as_string())].push_back((ms - startMs) / kMillisPerDay);
    }
    return days;
}

struct Model {
    double visitsPerWeek; // mean of λ
    double dropoutA;
    double dropoutB;
    int mostVisits;
};

Model modelOf(const GeneratorOptions& options)
{
    return {1.8 * options.maxVisits / options.weeks, 1.5, options.maxVisits / 2.0, 4 * options.maxVisits};
}

// Mean repeat visits within `weeks` of the first. With λ exponential (Gamma shape 1) of mean m,
// the number of visits the process offers is geometric: P(N ≥ k) = q^k, q = mτ / (1 + mτ). The
// k-th repeat visit happens if the customer is still there after visit k: a_k (no order yet)
// plus b_k (ordered), a_1 = b_1 = 1/2, a_(k+1) = a_k / 2, b_(k+1) = a_k / 2 + b_k (1 − p / 2).
// Over p ~ Beta(a, b) by the midpoint rule, the density normalised on the same grid.
double expectedRepeatVisits(const Model& model, double weeks)
{
    constexpr int kSteps = 4000;
    const double offered = model.visitsPerWeek * weeks / (1 + model.visitsPerWeek * weeks);
    double sum = 0;
    double weights = 0;
    for (int i = 0; i < kSteps; ++i) {
        const double p = (i + 0.5) / kSteps;
        const double density = std::pow(p, model.dropoutA - 1) * std::pow(1 - p, model.dropoutB - 1);
        double a = 0.5;
        double b = 0.5;
        double qk = 1;
        double repeats = 0;
        for (int k = 1; k < model.mostVisits; ++k) {
            qk *= offered;
            repeats += qk * (a + b);
            b = a / 2 + b * (1 - p / 2);
            a = a / 2;
        }
        sum += density * repeats;
        weights += density;
    }
    return sum / weights;
}

// The first visit falls at a uniform time u within its day: a window of D days from that day
// covers D − u days of the process.
template <typename ModelValue>
double averagedOverTimeOfDay(int days, ModelValue value)
{
    constexpr int kSteps = 200;
    double sum = 0;
    for (int i = 0; i < kSteps; ++i)
        sum += value((days - (i + 0.5) / kSteps) / 7.0);
    return sum / kSteps;
}

QString describe(double seen, double expected, double tolerance)
{
    return QStringLiteral("%1, expected %2 ± %3")
        .arg(seen, 0, 'g', 6)
        .arg(expected, 0, 'g', 6)
        .arg(tolerance, 0, 'g', 3);
}

} // namespace

class TestRealisticModeScenario : public QObject {
    Q_OBJECT

private:
    GeneratorOptions m_options;
    VisitDays m_visits;

    // Repeat visits within `days` of the first, per customer whose window ends inside the span;
    // which customers those are depends only on their uniform first day, not on their rates.
    std::vector<double> repeatVisitsWithin(int days) const
    {
        std::vector<double> counts;
        for (const auto& [customer, visits] : m_visits) {
            if (visits.front() + days > m_options.weeks * 7)
                continue;
            double count = 0;
            for (size_t i = 1; i < visits.size(); ++i)
                count += visits[i] < visits.front() + days ? 1 : 0;
            counts.push_back(count);
        }
        return counts;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        const auto words = WordLists::load(QStringLiteral(CLV_SOURCE_DATA_DIR "/words"), &error);
        QVERIFY2(words, qPrintable(error));
        m_options.mode = GeneratorMode::Realistic;
        m_options.customers = 20'000;
        m_options.weeks = 26;
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QVERIFY(FakeDataGenerator(m_options, *words).write(buffer).ok());
        m_visits = visitDays(buffer.data(), m_options);
        QCOMPARE(int(m_visits.size()), m_options.customers);
    }

    // The visit rates: P(no repeat visit within τ) = E[e^(−λτ)] = 1 / (1 + mτ) for λ ~ Gamma(1).
    void testShareWithoutRepeatVisitMatchesTheRates_data()
    {
        QTest::addColumn<int>("days");
        QTest::newRow("1 week") << 7;
        QTest::newRow("4 weeks") << 28;
        QTest::newRow("13 weeks") << 91;
    }
    void testShareWithoutRepeatVisitMatchesTheRates()
    {
        QFETCH(int, days);
        const std::vector<double> counts = repeatVisitsWithin(days);
        const double n = double(counts.size());
        double without = 0;
        for (double count : counts)
            without += count == 0 ? 1 : 0;
        const Model model = modelOf(m_options);
        const double expected = averagedOverTimeOfDay(days, [&](double weeks) {
            return 1 / (1 + model.visitsPerWeek * weeks);
        });
        const double tolerance = kStandardErrors * std::sqrt(expected * (1 - expected) / n);
        QVERIFY2(std::abs(without / n - expected) <= tolerance, qPrintable(describe(without / n, expected, tolerance)));
    }

    // The dropout after orders shows in the mean number of repeat visits; the standard error
    // from the sample's own spread.
    void testRepeatVisitsMatchRatesAndDropout_data()
    {
        QTest::addColumn<int>("days");
        QTest::newRow("4 weeks") << 28;
        QTest::newRow("13 weeks") << 91;
        QTest::newRow("20 weeks") << 140;
    }
    void testRepeatVisitsMatchRatesAndDropout()
    {
        QFETCH(int, days);
        const std::vector<double> counts = repeatVisitsWithin(days);
        const double n = double(counts.size());
        double sum = 0;
        for (double count : counts)
            sum += count;
        const double mean = sum / n;
        double squares = 0;
        for (double count : counts)
            squares += (count - mean) * (count - mean);
        const Model model = modelOf(m_options);
        const double expected = averagedOverTimeOfDay(days,
                                                      [&](double weeks) { return expectedRepeatVisits(model, weeks); });
        const double tolerance = kStandardErrors * std::sqrt(squares / (n - 1) / n);
        QVERIFY2(std::abs(mean - expected) <= tolerance, qPrintable(describe(mean, expected, tolerance)));
    }

    // Customers make about (maxVisits + 1) / 2 visits, as when each made 1..maxVisits of them:
    // the event volume of a given command line stays what it was.
    void testVisitsPerCustomerStayNearHalfOfMaxVisits()
    {
        double visits = 0;
        double most = 0;
        for (const auto& [customer, days] : m_visits) {
            visits += double(days.size());
            most = std::max(most, double(days.size()));
        }
        const double mean = visits / double(m_visits.size());
        QVERIFY2(mean > 6.0 && mean < 7.5, qPrintable(QString::number(mean)));
        QVERIFY(most <= 4 * m_options.maxVisits);
    }
};

QTEST_GUILESS_MAIN(TestRealisticModeScenario)
#include "tst_realisticmodescenario.moc"
