// The one set of limits on the analysis parameters: what validate() refuses (clv-etl's
// usage errors) and what sanitised() makes of restored settings (the window).
#include "etl/ParameterLimits.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace clv;

Q_DECLARE_METATYPE(clv::Parameters)
Q_DECLARE_METATYPE(clv::ParameterText)

namespace {

Parameters with(int gapSeconds, double lifespanYears, int topX)
{
    Parameters p;
    p.sessionGapSeconds = gapSeconds;
    p.lifespanYears = lifespanYears;
    p.topX = topX;
    return p;
}

ParameterText numbers(const QString& gapMinutes, const QString& lifespanYears, const QString& topX)
{
    ParameterText text;
    text.sessionGapMinutes = gapMinutes;
    text.lifespanYears = lifespanYears;
    text.topX = topX;
    return text;
}

} // namespace

class TestParameterLimits : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testDefaultsAreWithinTheLimits()
    {
        QCOMPARE(ParameterLimits::validate(Parameters{}), QString());
        QCOMPARE(ParameterLimits::sanitised(ParameterText{}), Parameters{});
    }

    void testEachLimitItselfIsAccepted_data()
    {
        QTest::addColumn<Parameters>("parameters");
        QTest::newRow("one-minute gap") << with(60, 10, 10);
        QTest::newRow("one-day gap") << with(24 * 60 * 60, 10, 10);
        QTest::newRow("a tenth of a year") << with(1800, 0.1, 10);
        QTest::newRow("a century") << with(1800, 100, 10);
        QTest::newRow("top 1") << with(1800, 10, 1);
        QTest::newRow("top million") << with(1800, 10, 1'000'000);
    }
    void testEachLimitItselfIsAccepted()
    {
        QFETCH(Parameters, parameters);
        QCOMPARE(ParameterLimits::validate(parameters), QString());
    }

    void testValueBeyondALimitIsRefusedInPlainWords_data()
    {
        QTest::addColumn<Parameters>("parameters");
        QTest::addColumn<QString>("message");
        const QString gap = QStringLiteral("the session gap must be from 1 to 1440 minutes");
        const QString lifespan = QStringLiteral("the lifespan must be from 0.1 to 100 years");
        const QString top = QStringLiteral("the top X must be from 1 to 1000000 customers");
        QTest::newRow("gap under a minute") << with(59, 10, 10) << gap;
        QTest::newRow("gap over a day") << with(24 * 60 * 60 + 1, 10, 10) << gap;
        QTest::newRow("the old command line's year-long gap") << with(525'600 * 60, 10, 10) << gap;
        QTest::newRow("negative gap") << with(-60, 10, 10) << gap;
        QTest::newRow("lifespan too short") << with(1800, 0.09, 10) << lifespan;
        QTest::newRow("lifespan too long") << with(1800, 100.01, 10) << lifespan;
        QTest::newRow("lifespan not a number") << with(1800, std::nan(""), 10) << lifespan;
        QTest::newRow("lifespan infinite") << with(1800, std::numeric_limits<double>::infinity(), 10) << lifespan;
        QTest::newRow("top 0") << with(1800, 10, 0) << top;
        QTest::newRow("top over a million") << with(1800, 10, 1'000'001) << top;
    }
    void testValueBeyondALimitIsRefusedInPlainWords()
    {
        QFETCH(Parameters, parameters);
        QFETCH(QString, message);
        QCOMPARE(ParameterLimits::validate(parameters), message);
    }

    void testThreadsFrom1To256()
    {
        QCOMPARE(ParameterLimits::validateThreads(1), QString());
        QCOMPARE(ParameterLimits::validateThreads(256), QString());
        const QString refused = QStringLiteral("the number of threads must be from 1 to 256");
        QCOMPARE(ParameterLimits::validateThreads(0), refused);
        QCOMPARE(ParameterLimits::validateThreads(257), refused);
    }

    void testSanitisedBringsNumbersIntoRange_data()
    {
        QTest::addColumn<ParameterText>("text");
        QTest::addColumn<Parameters>("expected");
        QTest::newRow("in range, kept") << numbers("45", "3.5", "7") << with(45 * 60, 3.5, 7);
        QTest::newRow("too high, to the upper limits")
            << numbers("999999", "1e9", "5000000") << with(1440 * 60, 100, 1'000'000);
        QTest::newRow("too low, to the lower limits") << numbers("0", "0", "-5") << with(60, 0.1, 1);
        // Multiplied by 60 as an int, 40,000,000 minutes overflowed into a negative gap.
        QTest::newRow("beyond an int, to the limits")
            << numbers("40000000", "1e300", "1e12") << with(1440 * 60, 100, 1'000'000);
        QTest::newRow("fractional minutes, to whole minutes") << numbers("2.6", "10", "10") << with(3 * 60, 10, 10);
    }
    void testSanitisedBringsNumbersIntoRange()
    {
        QFETCH(ParameterText, text);
        QFETCH(Parameters, expected);
        const Parameters p = ParameterLimits::sanitised(text);
        QCOMPARE(p, expected);
        QCOMPARE(ParameterLimits::validate(p), QString());
    }

    void testSanitisedGivesTheDefaultForWhatItCannotRead()
    {
        ParameterText text = numbers("thirty", "nan", "");
        text.formula = QStringLiteral("bogus");
        text.weekStart = QStringLiteral("friday");
        QCOMPARE(ParameterLimits::sanitised(text), Parameters{});
        QCOMPARE(ParameterLimits::sanitised(numbers("inf", "-inf", "1e")), Parameters{});
    }

    void testSanitisedReadsKnownNames()
    {
        ParameterText text;
        text.formula = QStringLiteral("weekly");
        text.weekStart = QStringLiteral("Monday");
        const Parameters p = ParameterLimits::sanitised(text);
        QCOMPARE(p.formula, LtvFormula::Weekly);
        QCOMPARE(p.weekStart, WeekStart::Monday);
    }
};

QTEST_GUILESS_MAIN(TestParameterLimits)
#include "tst_parameterlimits.moc"
