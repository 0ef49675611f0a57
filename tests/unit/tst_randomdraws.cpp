// The generator's own continuous draws against the distributions they stand for: sample mean,
// sample variance and deciles, each within four standard errors of its sampling distribution
// (from the distribution's own moments), on 200,000 draws of a fixed seed.
#include "generate/GeneratorRandom.h"
#include "generate/RandomDraws.h"

#include <QTest>

#include <boost/math/special_functions/beta.hpp>
#include <boost/math/special_functions/erf.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include <cmath>
#include <functional>
#include <vector>

using namespace clv;

namespace {

constexpr int kDraws = 200'000;
constexpr double kStandardErrors = 4.0;

struct Distribution {
    double mean;
    double variance;
    double centralFourth; // E[(X − mean)^4]
    std::function<double(double)> quantile;
};

Distribution gammaDistribution(double shape, double rate)
{
    return {shape / rate, shape / (rate * rate), 3 * shape * (shape + 2) / std::pow(rate, 4),
            [=](double probability) { return boost::math::gamma_p_inv(shape, probability) / rate; }};
}

Distribution betaDistribution(double a, double b)
{
    const double sum = a + b;
    const double variance = a * b / (sum * sum * (sum + 1));
    const double excessKurtosis = 6 * ((a - b) * (a - b) * (sum + 1) - a * b * (sum + 2))
        / (a * b * (sum + 2) * (sum + 3));
    return {a / sum, variance, (excessKurtosis + 3) * variance * variance,
            [=](double probability) { return boost::math::ibeta_inv(a, b, probability); }};
}

QString describe(const char* what, double seen, double expected, double tolerance)
{
    return QStringLiteral("%1 %2, expected %3 ± %4")
        .arg(QLatin1String(what))
        .arg(seen, 0, 'g', 8)
        .arg(expected, 0, 'g', 8)
        .arg(tolerance, 0, 'g', 3);
}

// Mean and variance within four standard errors: sqrt(σ²/n) for the mean, sqrt((μ4 − σ⁴)/n)
// for the sample variance. Deciles: the share of draws below each true decile within four
// binomial standard errors, sqrt(p(1 − p)/n).
void checkAgainst(const std::vector<double>& draws, const Distribution& expected)
{
    const double n = double(draws.size());
    double sum = 0;
    for (double x : draws)
        sum += x;
    const double mean = sum / n;
    double squares = 0;
    for (double x : draws)
        squares += (x - mean) * (x - mean);
    const double variance = squares / (n - 1);

    const double meanTolerance = kStandardErrors * std::sqrt(expected.variance / n);
    QVERIFY2(std::abs(mean - expected.mean) <= meanTolerance,
             qPrintable(describe("mean", mean, expected.mean, meanTolerance)));
    const double varianceTolerance = kStandardErrors
        * std::sqrt((expected.centralFourth - expected.variance * expected.variance) / n);
    QVERIFY2(std::abs(variance - expected.variance) <= varianceTolerance,
             qPrintable(describe("variance", variance, expected.variance, varianceTolerance)));

    for (int decile = 1; decile <= 9; ++decile) {
        const double probability = decile / 10.0;
        const double bound = expected.quantile(probability);
        double below = 0;
        for (double x : draws)
            below += x < bound ? 1 : 0;
        const double tolerance = kStandardErrors * std::sqrt(probability * (1 - probability) / n);
        QVERIFY2(std::abs(below / n - probability) <= tolerance,
                 qPrintable(describe("share below decile", below / n, probability, tolerance)));
    }
}

template <typename Draw>
std::vector<double> drawMany(quint64 seed, Draw draw)
{
    GeneratorRandom random(seed);
    std::vector<double> draws(kDraws);
    for (double& x : draws)
        x = draw(random);
    return draws;
}

} // namespace

class TestRandomDraws : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testUniformStaysInsideTheOpenInterval()
    {
        const std::vector<double> draws = drawMany(1, [](GeneratorRandom& random) { return uniformDraw(random); });
        for (double x : draws)
            QVERIFY(x > 0.0 && x < 1.0);
        checkAgainst(draws, {0.5, 1.0 / 12, 1.0 / 80, [](double probability) { return probability; }});
    }

    void testNormalMatchesTheStandardNormal()
    {
        checkAgainst(drawMany(2, [](GeneratorRandom& random) { return normalDraw(random); }),
                     {0.0, 1.0, 3.0,
                      [](double probability) { return std::sqrt(2.0) * boost::math::erf_inv(2 * probability - 1); }});
    }

    void testExponentialMatchesItsRate()
    {
        const double rate = 2.5;
        checkAgainst(drawMany(3, [&](GeneratorRandom& random) { return exponentialDraw(random, rate); }),
                     {1 / rate, 1 / (rate * rate), 9 / std::pow(rate, 4),
                      [&](double probability) { return -std::log1p(-probability) / rate; }});
        GeneratorRandom random(3);
        QVERIFY(std::isinf(exponentialDraw(random, 0.0)));
    }

    // Shapes below 1 take the boost U^(1/shape); the CDNOW values of the BG/NBD and Gamma-Gamma
    // models are among them.
    void testGammaMatchesShapeAndRate_data()
    {
        QTest::addColumn<double>("shape");
        QTest::addColumn<double>("rate");
        QTest::newRow("CDNOW r, alpha") << 0.243 << 4.414;
        QTest::newRow("shape 0.05") << 0.05 << 1.0;
        QTest::newRow("shape 0.5") << 0.5 << 2.0;
        QTest::newRow("shape 1 (exponential)") << 1.0 << 1.0;
        QTest::newRow("CDNOW q, gamma") << 3.74 << 15.44;
        QTest::newRow("CDNOW p, rate 1") << 6.25 << 1.0;
        QTest::newRow("shape 200") << 200.0 << 0.5;
    }
    void testGammaMatchesShapeAndRate()
    {
        QFETCH(double, shape);
        QFETCH(double, rate);
        checkAgainst(drawMany(4, [&](GeneratorRandom& random) { return gammaDraw(random, shape, rate); }),
                     gammaDistribution(shape, rate));
    }

    // Where the draw itself would underflow, its logarithm keeps the deciles apart.
    void testLogGammaKeepsTinyShapesApart()
    {
        const double shape = 0.01;
        const std::vector<double> logs = drawMany(5,
                                                  [&](GeneratorRandom& random) { return logGammaDraw(random, shape); });
        const double n = double(logs.size());
        for (int decile = 1; decile <= 9; ++decile) {
            const double probability = decile / 10.0;
            const double bound = std::log(boost::math::gamma_p_inv(shape, probability));
            double below = 0;
            for (double x : logs)
                below += x < bound ? 1 : 0;
            const double tolerance = kStandardErrors * std::sqrt(probability * (1 - probability) / n);
            QVERIFY2(std::abs(below / n - probability) <= tolerance,
                     qPrintable(describe("share below decile", below / n, probability, tolerance)));
        }
        std::vector<double> draws;
        for (double x : drawMany(6, [&](GeneratorRandom& random) { return logGammaDraw(random, 2.5); }))
            draws.push_back(std::exp(x));
        checkAgainst(draws, gammaDistribution(2.5, 1.0));
    }

    void testBetaMatchesItsShapes_data()
    {
        QTest::addColumn<double>("a");
        QTest::addColumn<double>("b");
        QTest::newRow("CDNOW a, b") << 0.793 << 2.426;
        QTest::newRow("arcsine") << 0.5 << 0.5;
        QTest::newRow("2, 5") << 2.0 << 5.0;
        QTest::newRow("small shapes") << 0.05 << 0.1;
        QTest::newRow("large shapes") << 40.0 << 120.0;
    }
    void testBetaMatchesItsShapes()
    {
        QFETCH(double, a);
        QFETCH(double, b);
        const std::vector<double> draws = drawMany(7, [&](GeneratorRandom& random) { return betaDraw(random, a, b); });
        for (double x : draws)
            QVERIFY(x >= 0.0 && x <= 1.0);
        checkAgainst(draws, betaDistribution(a, b));
    }

    void testSameSeedGivesTheSameDraws()
    {
        GeneratorRandom first(42);
        GeneratorRandom second(42);
        for (int i = 0; i < 1000; ++i) {
            QCOMPARE(gammaDraw(first, 0.243, 4.414), gammaDraw(second, 0.243, 4.414));
            QCOMPARE(betaDraw(first, 0.793, 2.426), betaDraw(second, 0.793, 2.426));
        }
        GeneratorRandom other(43);
        QVERIFY(gammaDraw(first, 3.0, 1.0) != gammaDraw(other, 3.0, 1.0));
    }
};

QTEST_GUILESS_MAIN(TestRandomDraws)
#include "tst_randomdraws.moc"
