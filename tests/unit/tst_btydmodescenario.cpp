// `clv-etl generate --mode btyd`: the transaction table's layout, and its purchases and amounts
// against the BG/NBD and Gamma-Gamma models they are simulated from. Each statistical check
// compares a sample statistic of 20,000 customers with the model's value, within four
// standard errors of that statistic.
#include "generate/BtydModeScenario.h"
#include "generate/FakeDataGenerator.h"
#include "util/JobControl.h"

#include <QBuffer>
#include <QRegularExpression>
#include <QTest>

#include <boost/math/special_functions/beta.hpp>

#include <cmath>
#include <vector>

using namespace clv;

namespace {

constexpr double kStandardErrors = 4.0;

struct Purchase {
    int day; // since the generator's start date
    qint64 cents;
};

// One customer's rows, in file order.
struct Customer {
    int id = 0;
    std::vector<Purchase> purchases;
};

struct Table {
    QString problem; // the first line that is not as it should be
    std::vector<Customer> customers;
    qint64 rows = 0;
};

// Reads a generated table strictly: the header, then `id,YYYY-MM-DD,D.CC` rows, customers
// numbered 1..N in order, each customer's rows together and in date order.
Table readTable(const QByteArray& bytes, const QDate& start)
{
    static const QRegularExpression rowPattern(QStringLiteral("^(\\d+),(\\d{4}-\\d\\d-\\d\\d),(\\d+)\\.(\\d\\d)$"));
    Table table;
    const QList<QByteArray> lines = bytes.split('\n');
    if (lines.isEmpty() || lines.first() != "customer_id,date,amount" || !bytes.endsWith('\n')) {
        table.problem = QStringLiteral("no header, or no newline at the end");
        return table;
    }
    for (qsizetype i = 1; i + 1 < lines.size(); ++i) {
        const QString line = QString::fromLatin1(lines[i]);
        const QRegularExpressionMatch match = rowPattern.match(line);
        const QDate date = QDate::fromString(match.captured(2), Qt::ISODate);
        if (!match.hasMatch() || !date.isValid()) {
            table.problem = QStringLiteral("line %1: %2").arg(i + 1).arg(line);
            return table;
        }
        const int id = match.captured(1).toInt();
        if (table.customers.empty() || table.customers.back().id != id) {
            if (id != int(table.customers.size()) + 1) {
                table.problem = QStringLiteral("line %1: customer %2 out of order").arg(i + 1).arg(id);
                return table;
            }
            table.customers.push_back({id, {}});
        }
        std::vector<Purchase>& purchases = table.customers.back().purchases;
        const Purchase purchase{int(start.daysTo(date)),
                                match.captured(3).toLongLong() * 100 + match.captured(4).toInt()};
        if (!purchases.empty() && purchase.day < purchases.back().day) {
            table.problem = QStringLiteral("line %1: earlier than the row before").arg(i + 1);
            return table;
        }
        purchases.push_back(purchase);
        ++table.rows;
    }
    return table;
}

QByteArray generate(const GeneratorOptions& options, GeneratorReport* report = nullptr)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    const GeneratorReport result = FakeDataGenerator(options, {}).write(buffer);
    if (report)
        *report = result;
    return buffer.data();
}

GeneratorOptions btydOptions(int customers, int weeks)
{
    GeneratorOptions options;
    options.mode = GeneratorMode::Btyd;
    options.customers = customers;
    options.weeks = weeks;
    return options;
}

// The model's side, computed directly (weeks as the unit).

// P(no repeat purchase within `weeks` of the first) = E[e^(−λ·weeks)] = (α / (α + weeks))^r:
// a BG/NBD customer can only drop out after a repeat purchase.
double noRepeatProbability(const BtydParameters& model, double weeks)
{
    return std::pow(model.alpha / (model.alpha + weeks), model.r);
}

// E[X(t)], repeat purchases within t weeks of the first: given λ and p, (1 − e^(−λpt)) / p;
// over λ ~ Gamma(r, α), (1 − (α / (α + pt))^r) / p; over p ~ Beta(a, b) by the midpoint rule
// in v = p^a, which takes the density's p^(a−1) into dv.
double expectedRepeats(const BtydParameters& model, double weeks)
{
    constexpr int kSteps = 20'000;
    double sum = 0;
    for (int i = 0; i < kSteps; ++i) {
        const double v = (i + 0.5) / kSteps;
        const double p = std::pow(v, 1.0 / model.a);
        const double givenP = -std::expm1(-model.r * std::log1p(p * weeks / model.alpha)) / p;
        sum += givenP * std::pow(1.0 - p, model.b - 1.0);
    }
    return sum / kSteps / (model.a * boost::math::beta(model.a, model.b));
}

// A first purchase falls at a uniform time u within its day, so "no other row dated before
// the first day + D" covers D − u days: the model's values averaged over u.
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

class TestBtydModeScenario : public QObject {
    Q_OBJECT

private:
    // 20,000 customers over CDNOW's 78 weeks: every first purchase lies 462 days or more
    // before the end, so windows up to 462 days after it are never cut short.
    const Table& large()
    {
        if (m_large.customers.empty()) {
            const GeneratorOptions options = btydOptions(20'000, 78);
            m_large = readTable(generate(options), options.start);
        }
        return m_large;
    }
    Table m_large;

private Q_SLOTS:
    // The test's own model values against those published for CDNOW's BG/NBD estimates
    // (shared/cdnow/README.md): E[X(39)] = 1.1967, E[X(78)] = 1.8605.
    void testModelExpectationsMatchThePublishedCdnowValues()
    {
        const BtydParameters cdnow;
        QCOMPARE(std::round(expectedRepeats(cdnow, 39) * 1e4) / 1e4, 1.1967);
        QCOMPARE(std::round(expectedRepeats(cdnow, 78) * 1e4) / 1e4, 1.8605);
    }

    void testTableHasHeaderAndOneRowPerPurchase()
    {
        const GeneratorOptions options = btydOptions(500, 26);
        GeneratorReport report;
        const QByteArray bytes = generate(options, &report);
        QVERIFY2(report.ok(), qPrintable(report.error));
        QCOMPARE(report.bytes, bytes.size());
        const Table table = readTable(bytes, options.start);
        QVERIFY2(table.problem.isEmpty(), qPrintable(table.problem));
        QCOMPARE(int(table.customers.size()), options.customers); // every customer buys at least once
        QCOMPARE(table.rows, report.events);
        for (const Customer& customer : table.customers) {
            QVERIFY(customer.purchases.front().day < options.cohortWeeks * 7);
            QVERIFY(customer.purchases.back().day < options.weeks * 7);
            for (const Purchase& purchase : customer.purchases)
                QVERIFY(purchase.cents >= 1);
        }
    }

    // The bytes every machine must reproduce; a deliberate change of the simulation changes them
    // here too.
    void testPinnedOutputOfASmallRun()
    {
        GeneratorOptions options = btydOptions(4, 26);
        options.seed = 7;
        QCOMPARE(generate(options),
                 QByteArray("customer_id,date,amount\n"
                            "1,2024-02-01,23.83\n"
                            "1,2024-03-14,61.55\n"
                            "1,2024-05-01,20.62\n"
                            "2,2024-03-19,18.69\n"
                            "3,2024-02-12,40.59\n"
                            "4,2024-01-27,13.46\n"
                            "4,2024-02-01,13.86\n"
                            "4,2024-04-16,64.24\n"
                            "4,2024-05-18,17.13\n"
                            "4,2024-06-09,15.02\n"
                            "4,2024-06-11,32.87\n"
                            "4,2024-06-27,34.74\n"));
    }

    void testSameSeedSameBytesOtherSeedOtherBytes()
    {
        GeneratorOptions options = btydOptions(300, 39);
        options.badLines = 9;
        const QByteArray first = generate(options);
        QCOMPARE(generate(options), first);
        options.seed = 2;
        QVERIFY(generate(options) != first);
    }

    // Each customer draws from streams of its own.
    void testFirstCustomersDoNotDependOnTheCustomerCount()
    {
        const QByteArray few = generate(btydOptions(40, 39));
        const QByteArray many = generate(btydOptions(400, 39));
        QVERIFY(many.startsWith(few));
        QVERIFY(many.size() > few.size());
    }

    void testFirstPurchasesSpreadEvenlyOverTheCohortWeeks()
    {
        const Table& table = large();
        QVERIFY2(table.problem.isEmpty(), qPrintable(table.problem));
        const double n = double(table.customers.size());
        std::vector<double> perWeek(12);
        for (const Customer& customer : table.customers) {
            const int day = customer.purchases.front().day;
            QVERIFY(day >= 0 && day < 84);
            perWeek[size_t(day / 7)] += 1;
        }
        const double tolerance = kStandardErrors * std::sqrt(n * (1.0 / 12) * (11.0 / 12));
        for (double count : perWeek)
            QVERIFY2(std::abs(count - n / 12) <= tolerance, qPrintable(describe(count, n / 12, tolerance)));
    }

    void testCohortIsClippedToTheSpan()
    {
        GeneratorOptions options = btydOptions(300, 3);
        options.cohortWeeks = 12;
        const Table table = readTable(generate(options), options.start);
        QVERIFY2(table.problem.isEmpty(), qPrintable(table.problem));
        QCOMPARE(int(table.customers.size()), 300);
        for (const Customer& customer : table.customers)
            QVERIFY(customer.purchases.back().day < 21);
    }

    // Gamma-Gamma: E[z] = p·E[1/ν] = p·gamma / (q − 1). Purchases of one customer share ν, so the
    // standard error is that of a ratio estimator over customers.
    void testMeanSpendPerPurchaseMatchesGammaGamma()
    {
        const Table& table = large();
        const BtydParameters model;
        double spend = 0;
        for (const Customer& customer : table.customers) {
            for (const Purchase& purchase : customer.purchases)
                spend += double(purchase.cents) / 100;
        }
        const double mean = spend / double(table.rows);
        double deviations = 0;
        for (const Customer& customer : table.customers) {
            double customerSpend = 0;
            for (const Purchase& purchase : customer.purchases)
                customerSpend += double(purchase.cents) / 100;
            const double deviation = customerSpend - mean * double(customer.purchases.size());
            deviations += deviation * deviation;
        }
        const double expected = model.p * model.gamma / (model.q - 1);
        const double tolerance = kStandardErrors * std::sqrt(deviations) / double(table.rows);
        QVERIFY2(std::abs(mean - expected) <= tolerance, qPrintable(describe(mean, expected, tolerance)));
    }

    // First purchases, one a customer, are independent: their variance from the model,
    // p·gamma²·(p + q − 1) / ((q − 1)²·(q − 2)).
    void testFirstPurchaseSpendMatchesGammaGamma()
    {
        const Table& table = large();
        const BtydParameters m;
        double spend = 0;
        for (const Customer& customer : table.customers)
            spend += double(customer.purchases.front().cents) / 100;
        const double n = double(table.customers.size());
        const double mean = spend / n;
        const double expected = m.p * m.gamma / (m.q - 1);
        const double variance = m.p * m.gamma * m.gamma * (m.p + m.q - 1) / ((m.q - 1) * (m.q - 1) * (m.q - 2));
        const double tolerance = kStandardErrors * std::sqrt(variance / n);
        QVERIFY2(std::abs(mean - expected) <= tolerance, qPrintable(describe(mean, expected, tolerance)));
    }

    void testShareWithoutRepeatPurchaseMatchesTheModel_data()
    {
        QTest::addColumn<int>("days");
        QTest::newRow("1 week") << 7;
        QTest::newRow("4 weeks") << 28;
        QTest::newRow("26 weeks") << 182;
        QTest::newRow("66 weeks") << 462;
    }
    void testShareWithoutRepeatPurchaseMatchesTheModel()
    {
        QFETCH(int, days);
        const Table& table = large();
        const BtydParameters model;
        double without = 0;
        for (const Customer& customer : table.customers) {
            const bool repeat = customer.purchases.size() > 1
                && customer.purchases[1].day < customer.purchases[0].day + days;
            without += repeat ? 0 : 1;
        }
        const double n = double(table.customers.size());
        const double expected = averagedOverTimeOfDay(days,
                                                      [&](double weeks) { return noRepeatProbability(model, weeks); });
        const double tolerance = kStandardErrors * std::sqrt(expected * (1 - expected) / n);
        QVERIFY2(std::abs(without / n - expected) <= tolerance, qPrintable(describe(without / n, expected, tolerance)));
    }

    // The dropout after each repeat purchase shows in the mean number of repeat purchases; its
    // standard error from the sample's own spread.
    void testRepeatPurchasesMatchTheModel_data()
    {
        QTest::addColumn<int>("days");
        QTest::newRow("13 weeks") << 91;
        QTest::newRow("39 weeks") << 273;
        QTest::newRow("66 weeks") << 462;
    }
    void testRepeatPurchasesMatchTheModel()
    {
        QFETCH(int, days);
        const Table& table = large();
        const BtydParameters model;
        std::vector<double> repeats;
        for (const Customer& customer : table.customers) {
            double count = 0;
            for (size_t i = 1; i < customer.purchases.size(); ++i)
                count += customer.purchases[i].day < customer.purchases[0].day + days ? 1 : 0;
            repeats.push_back(count);
        }
        const double n = double(repeats.size());
        double sum = 0;
        for (double count : repeats)
            sum += count;
        const double mean = sum / n;
        double squares = 0;
        for (double count : repeats)
            squares += (count - mean) * (count - mean);
        const double expected = averagedOverTimeOfDay(days,
                                                      [&](double weeks) { return expectedRepeats(model, weeks); });
        const double tolerance = kStandardErrors * std::sqrt(squares / (n - 1) / n);
        QVERIFY2(std::abs(mean - expected) <= tolerance, qPrintable(describe(mean, expected, tolerance)));
    }

    void testEstimateMatchesTheCount()
    {
        const Table& table = large();
        const double n = double(table.customers.size());
        double squares = 0;
        const double mean = double(table.rows) / n;
        for (const Customer& customer : table.customers)
            squares += (double(customer.purchases.size()) - mean) * (double(customer.purchases.size()) - mean);
        const double estimate = double(BtydModeScenario::expectedPurchases(btydOptions(20'000, 78))) / n;
        const double tolerance = kStandardErrors * std::sqrt(squares / (n - 1) / n);
        QVERIFY2(std::abs(mean - estimate) <= tolerance, qPrintable(describe(mean, estimate, tolerance)));
    }

    void testBadRowsAreCountedAndLeaveTheGoodRowsUnchanged()
    {
        GeneratorOptions options = btydOptions(200, 26);
        const QByteArray clean = generate(options);
        options.badLines = 21;
        GeneratorReport report;
        const QByteArray bytes = generate(options, &report);
        QVERIFY2(report.ok(), qPrintable(report.error));
        QCOMPARE(report.badLines, 21);
        static const QRegularExpression goodRow(QStringLiteral("^\\d+,\\d{4}-\\d\\d-\\d\\d,\\d+\\.\\d\\d$"));
        QByteArray goodOnly;
        int bad = 0;
        const QList<QByteArray> lines = bytes.split('\n');
        for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
            const QByteArray& line = lines[i];
            const bool good = i == 0
                || (goodRow.match(QString::fromLatin1(line)).hasMatch()
                    && QDate::fromString(QString::fromLatin1(line.split(',')[1]), Qt::ISODate).isValid());
            if (good)
                goodOnly += line + '\n';
            else
                ++bad;
        }
        QCOMPARE(bad, 21);
        QCOMPARE(goodOnly, clean);
        for (const char* kind : {"-02-30,", "-32,", ",n/a\n", " EUR\n"})
            QVERIFY2(bytes.contains(kind), kind);
    }

    void testCancelStopsWithCancelledError()
    {
        for (const int badLines : {0, 5}) {
            GeneratorOptions options = btydOptions(100, 26);
            options.badLines = badLines;
            JobControl control;
            control.cancel();
            QBuffer buffer;
            buffer.open(QIODevice::WriteOnly);
            QCOMPARE(FakeDataGenerator(options, {}).write(buffer, &control).error, QStringLiteral("cancelled"));
        }
    }

    void testProgressEndsAtOne()
    {
        QList<double> fractions;
        JobControl control([&](const QString& stage, double fraction) {
            QCOMPARE(stage, QStringLiteral("Generating"));
            fractions.append(fraction);
        });
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QVERIFY(FakeDataGenerator(btydOptions(10'000, 26), {}).write(buffer, &control).ok());
        QVERIFY(fractions.size() >= 3);
        QCOMPARE(fractions.constLast(), 1.0);
    }
};

QTEST_GUILESS_MAIN(TestBtydModeScenario)
#include "tst_btydmodescenario.moc"
