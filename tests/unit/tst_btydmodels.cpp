// The buy-'til-you-die models checked against independent evaluations: the series against
// Boost.Math, the exact gradients against finite differences, the likelihoods against their
// direct (integral or product) forms, the count distributions against their means, and fits
// of data simulated from known parameters.
#include "predict/GammaGammaModel.h"
#include "predict/Hypergeometric.h"
#include "predict/ModelFitter.h"
#include "predict/PurchaseModel.h"

#include <QTest>

#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <boost/math/special_functions/hypergeometric_pFq.hpp>

#include <algorithm>
#include <cmath>
#include <random>

using namespace clv;

Q_DECLARE_METATYPE(clv::ModelKind)

namespace {

const std::vector<double>& paramsFor(ModelKind kind)
{
    static const std::vector<double> bg = {0.243, 4.414, 0.793, 2.426};
    static const std::vector<double> pnbd = {0.553, 10.578, 0.606, 11.669};
    static const std::vector<double> mbg = {0.525, 6.183, 0.891, 1.614};
    static const std::vector<double> gg = {6.25, 3.74, 15.44};
    switch (kind) {
    case ModelKind::BgNbd: return bg;
    case ModelKind::ParetoNbd: return pnbd;
    case ModelKind::MbgNbd: return mbg;
    case ModelKind::GammaGamma: break;
    }
    return gg;
}

// A few customers spanning the cases: no repeat, recent and long-ago last purchases, many.
std::vector<CustomerRfm> someCustomers()
{
    std::vector<CustomerRfm> customers;
    const double histories[][4] = {{0, 0, 38.86, 0},    {1, 1.71, 38.86, 11.77}, {2, 30.43, 38.86, 22.35},
                                   {5, 35.0, 36.0, 40}, {12, 20.0, 30.0, 15.5},  {0, 0, 5.0, 0},
                                   {3, 3.0, 3.0, 9.99}, {40, 37.5, 38.0, 60}};
    int id = 0;
    for (const auto& h : histories) {
        CustomerRfm c;
        c.id = std::to_string(++id);
        c.x = h[0];
        c.tx = h[1];
        c.T = h[2];
        c.monetary = h[3];
        customers.push_back(c);
    }
    return customers;
}

double directBgNbd(const std::vector<double>& p, double x, double tx, double T)
{
    // Fader, Hardie & Lee 2005 eq. 6 without logs (fine for small x).
    const double r = p[0], alpha = p[1], a = p[2], b = p[3];
    const double beta = std::beta(a, b);
    const double rate = std::tgamma(r + x) * std::pow(alpha, r) / std::tgamma(r);
    double l = std::beta(a, b + x) / beta * rate / std::pow(alpha + T, r + x);
    if (x > 0)
        l += std::beta(a + 1, b + x - 1) / beta * rate / std::pow(alpha + tx, r + x);
    return std::log(l);
}

double directParetoNbd(const std::vector<double>& p, double x, double tx, double T)
{
    // The integral form: alive throughout, or the lifetime ends in (t_x, T].
    const double r = p[0], alpha = p[1], s = p[2], beta = p[3];
    const double front = std::tgamma(r + x) * std::pow(alpha, r) * std::pow(beta, s) / std::tgamma(r);
    const auto integrand = [&](double tau) {
        return s * std::pow(alpha + tau, -(r + x)) * std::pow(beta + tau, -(s + 1));
    };
    double l = std::pow(alpha + T, -(r + x)) * std::pow(beta + T, -s);
    if (tx < T)
        l += boost::math::quadrature::gauss_kronrod<double, 61>::integrate(integrand, tx, T, 15, 1e-14);
    return std::log(front * l);
}

double directMbgNbd(const std::vector<double>& p, double x, double tx, double T)
{
    const double r = p[0], alpha = p[1], a = p[2], b = p[3];
    const double beta = std::beta(a, b);
    const double rate = std::tgamma(r + x) * std::pow(alpha, r) / std::tgamma(r);
    return std::log(std::beta(a, b + x + 1) / beta * rate / std::pow(alpha + T, r + x)
                    + std::beta(a + 1, b + x) / beta * rate / std::pow(alpha + tx, r + x));
}

// Customers simulated from BG/NBD in continuous time: rate λ ~ gamma(r, α), dropout
// probability p ~ beta(a, b) after each repeat purchase, first purchase at time 0 and T
// spread over [minT, maxT].
std::vector<CustomerRfm> simulateBgNbd(const std::vector<double>& params, int customers, double minT, double maxT,
                                       unsigned seed)
{
    std::mt19937_64 random(seed);
    std::gamma_distribution<double> rate(params[0], 1.0 / params[1]);
    std::gamma_distribution<double> betaA(params[2], 1.0);
    std::gamma_distribution<double> betaB(params[3], 1.0);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    std::vector<CustomerRfm> out;
    for (int i = 0; i < customers; ++i) {
        const double lambda = rate(random);
        const double ga = betaA(random), gb = betaB(random);
        const double dropout = ga / (ga + gb);
        CustomerRfm c;
        c.id = std::to_string(i);
        c.T = minT + (maxT - minT) * uniform(random);
        double t = 0;
        for (;;) {
            t += -std::log(1.0 - uniform(random)) / lambda;
            if (t > c.T)
                break;
            c.x += 1;
            c.tx = t;
            if (uniform(random) < dropout)
                break;
        }
        out.push_back(c);
    }
    return out;
}

} // namespace

class TestBtydModels : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testSeriesAgreesWithBoost_data()
    {
        QTest::addColumn<double>("a");
        QTest::addColumn<double>("b");
        QTest::addColumn<double>("z");
        for (double a : {1.2, 5.5, 40.0})
            for (double b : {0.3, 1.6, 12.0})
                for (double z : {0.0, 0.05, 0.4, 0.85})
                    QTest::addRow("a=%g b=%g z=%g", a, b, z) << a << b << z;
    }

    void testSeriesAgreesWithBoost()
    {
        QFETCH(double, a);
        QFETCH(double, b);
        QFETCH(double, z);
        const double boost = boost::math::hypergeometric_pFq({a, b}, {a + 1}, z);
        const double ours = std::exp(logHyp2f1APlusOne(a, b, z));
        QVERIFY2(std::abs(ours - boost) <= 1e-12 * boost,
                 qPrintable(QStringLiteral("%1 vs %2").arg(ours, 0, 'g', 17).arg(boost, 0, 'g', 17)));
        QCOMPARE(hyp2f1(a, b, a + 1, z), boost);
    }

    void testSeriesStaysFiniteForFrequentBuyers()
    {
        // b = r + x for a customer with thousands of purchases: 2F1 itself is around 10^600.
        const double logValue = logHyp2f1APlusOne(4000.5, 4000.0, 0.3);
        QVERIFY(std::isfinite(logValue));
        QVERIFY(logValue > 1000);
    }

    void testLikelihoodEqualsDirectEvaluation_data()
    {
        QTest::addColumn<ModelKind>("kind");
        QTest::newRow("BG/NBD") << ModelKind::BgNbd;
        QTest::newRow("Pareto/NBD alpha < beta") << ModelKind::ParetoNbd;
        QTest::newRow("Pareto/NBD alpha > beta") << ModelKind::ParetoNbd;
        QTest::newRow("MBG/NBD") << ModelKind::MbgNbd;
    }

    void testLikelihoodEqualsDirectEvaluation()
    {
        QFETCH(ModelKind, kind);
        std::vector<double> p = paramsFor(kind);
        if (QByteArray(QTest::currentDataTag()).contains("alpha > beta"))
            std::swap(p[1], p[3]); // the published estimates have alpha < beta
        std::vector<CustomerRfm> customers = someCustomers();
        customers.pop_back(); // the direct forms overflow at x = 40
        double direct = 0;
        for (const CustomerRfm& c : customers)
            direct += kind == ModelKind::BgNbd ? directBgNbd(p, c.x, c.tx, c.T)
                : kind == ModelKind::ParetoNbd ? directParetoNbd(p, c.x, c.tx, c.T)
                                               : directMbgNbd(p, c.x, c.tx, c.T);
        const FrequencyTerms terms = FrequencyTerms::collapse(customers);
        const double ours = makePurchaseModel(kind)->likelihood(terms)->evaluate(p, {});
        QVERIFY2(std::abs(ours - direct) < 1e-9 * std::abs(direct),
                 qPrintable(QStringLiteral("%1 vs %2").arg(ours, 0, 'g', 15).arg(direct, 0, 'g', 15)));
    }

    void testParetoLikelihoodIsRightOrNaN()
    {
        // Far out (β some hundred times α + t) the series is given up: the likelihood must then
        // be NaN, never a finite value that left A0 out.
        const auto model = makePurchaseModel(ModelKind::ParetoNbd);
        std::vector<CustomerRfm> customers = someCustomers();
        customers.pop_back();
        const FrequencyTerms terms = FrequencyTerms::collapse(customers);
        int nan = 0;
        for (double beta : {20.0, 200.0, 1114.0, 5000.0}) {
            const std::vector<double> p = {2.3, 6.8, 65.0, beta};
            const double ours = model->likelihood(terms)->evaluate(p, {});
            if (std::isnan(ours)) {
                ++nan;
                continue;
            }
            double direct = 0;
            for (const CustomerRfm& c : customers)
                direct += directParetoNbd(p, c.x, c.tx, c.T);
            QVERIFY2(std::abs(ours - direct) < 1e-8 * std::abs(direct),
                     qPrintable(
                         QStringLiteral("beta %1: %2 vs %3").arg(beta).arg(ours, 0, 'g', 15).arg(direct, 0, 'g', 15)));
        }
        QVERIFY(nan > 0 && nan < 4); // both cases were met
    }

    void testGradientMatchesFiniteDifferences_data()
    {
        QTest::addColumn<ModelKind>("kind");
        QTest::newRow("BG/NBD") << ModelKind::BgNbd;
        QTest::newRow("Pareto/NBD") << ModelKind::ParetoNbd;
        QTest::newRow("MBG/NBD") << ModelKind::MbgNbd;
        QTest::newRow("Gamma-Gamma") << ModelKind::GammaGamma;
    }

    void testGradientMatchesFiniteDifferences()
    {
        QFETCH(ModelKind, kind);
        const std::vector<CustomerRfm> customers = someCustomers();
        const FrequencyTerms frequency = FrequencyTerms::collapse(customers);
        const SpendTerms spend = SpendTerms::collapse(customers);
        const auto likelihood = kind == ModelKind::GammaGamma ? GammaGammaModel::likelihood(spend)
                                                              : makePurchaseModel(kind)->likelihood(frequency);
        std::vector<double> p = paramsFor(kind);
        std::vector<double> gradient(p.size());
        likelihood->evaluate(p, gradient);
        for (std::size_t i = 0; i < p.size(); ++i) {
            const double h = 1e-6 * p[i];
            std::vector<double> up = p, down = p;
            up[i] += h;
            down[i] -= h;
            const double numeric = (likelihood->evaluate(up, {}) - likelihood->evaluate(down, {})) / (2 * h);
            QVERIFY2(std::abs(numeric - gradient[i]) <= 1e-5 * std::max(1.0, std::abs(numeric)),
                     qPrintable(
                         QStringLiteral("parameter %1: exact %2, numeric %3").arg(i).arg(gradient[i]).arg(numeric)));
        }
    }

    void testCountDistributionMatchesExpectation_data()
    {
        QTest::addColumn<ModelKind>("kind");
        QTest::addColumn<double>("t");
        for (double t : {1.0, 39.0, 78.0}) {
            QTest::addRow("BG/NBD t=%g", t) << ModelKind::BgNbd << t;
            QTest::addRow("Pareto/NBD t=%g", t) << ModelKind::ParetoNbd << t;
            QTest::addRow("MBG/NBD t=%g", t) << ModelKind::MbgNbd << t;
        }
    }

    void testCountDistributionMatchesExpectation()
    {
        // Σ P(X(t) = k) = 1 and Σ k P(X(t) = k) = E[X(t)]: the distribution and the closed
        // form of the mean are independent derivations.
        QFETCH(ModelKind, kind);
        QFETCH(double, t);
        const auto model = makePurchaseModel(kind);
        const std::vector<double>& p = paramsFor(kind);
        double total = 0, mean = 0;
        for (int k = 0; k < 400; ++k) {
            const double probability = model->repeatProbability(p, t, k);
            QVERIFY(probability >= 0);
            total += probability;
            mean += k * probability;
        }
        QVERIFY2(std::abs(total - 1) < 1e-8, qPrintable(QString::number(total, 'g', 15)));
        const double expected = model->expectedRepeat(p, t);
        QVERIFY2(std::abs(mean - expected) < 1e-7 * std::max(1.0, expected),
                 qPrintable(QStringLiteral("%1 vs %2").arg(mean, 0, 'g', 12).arg(expected, 0, 'g', 12)));
    }

    void testPAliveIsAProbability()
    {
        for (ModelKind kind : {ModelKind::BgNbd, ModelKind::ParetoNbd, ModelKind::MbgNbd}) {
            const auto model = makePurchaseModel(kind);
            for (const CustomerRfm& c : someCustomers()) {
                const double alive = model->pAlive(paramsFor(kind), c.x, c.tx, c.T);
                QVERIFY(alive > 0 && alive <= 1);
                // A purchase on the last day makes the customer more likely alive.
                if (c.x > 0 && c.tx < c.T)
                    QVERIFY(model->pAlive(paramsFor(kind), c.x, c.T, c.T) > alive);
            }
        }
    }

    void testTermBatchesEqualOneByOne()
    {
        // The batch forms remember parts per x and time: they must give what one customer at a
        // time gives.
        std::vector<CustomerRfm> customers = someCustomers();
        for (int i = 0; i < 3000; ++i) {
            CustomerRfm c;
            c.x = double(i % 9);
            c.T = 20.0 + double(i % 13);
            c.tx = c.x > 0 ? c.T * double(i % 7) / 7.0 : 0.0;
            customers.push_back(c);
        }
        const FrequencyTerms terms = FrequencyTerms::collapse(customers);
        for (ModelKind kind : {ModelKind::BgNbd, ModelKind::ParetoNbd, ModelKind::MbgNbd}) {
            const auto model = makePurchaseModel(kind);
            std::vector<double> alive(terms.terms.size()), expected(terms.terms.size());
            model->pAliveForTerms(paramsFor(kind), terms, alive);
            model->conditionalExpectedForTerms(paramsFor(kind), terms, 26.0, expected);
            for (std::size_t i = 0; i < terms.terms.size(); ++i) {
                const FrequencyTerm& t = terms.terms[i];
                QCOMPARE(alive[i], model->pAlive(paramsFor(kind), t.x, t.tx, t.T));
                QVERIFY(std::abs(expected[i] - model->conditionalExpected(paramsFor(kind), t.x, t.tx, t.T, 26.0))
                        <= 1e-12 * expected[i]);
            }
        }
    }

    void testCollapsedTermsKeepTheLikelihood()
    {
        // Shuffled and duplicated customers: the same terms, and the same likelihood as the
        // customers one by one.
        std::vector<CustomerRfm> customers = someCustomers();
        const std::vector<CustomerRfm> once = customers;
        customers.insert(customers.end(), once.begin(), once.end());
        std::mt19937 random(7);
        std::shuffle(customers.begin(), customers.end(), random);
        const FrequencyTerms terms = FrequencyTerms::collapse(customers);
        QCOMPARE(terms.terms.size(), once.size());
        QCOMPARE(terms.customers, double(customers.size()));
        const auto model = makePurchaseModel(ModelKind::BgNbd);
        double oneByOne = 0;
        for (const CustomerRfm& c : customers)
            oneByOne += model->likelihood(FrequencyTerms::collapse(std::vector<CustomerRfm>{c}))
                            ->evaluate(paramsFor(ModelKind::BgNbd), {});
        QVERIFY(std::abs(model->likelihood(terms)->evaluate(paramsFor(ModelKind::BgNbd), {}) - oneByOne)
                < 1e-9 * std::abs(oneByOne));
    }

    void testRecoversSimulatedParameters_data()
    {
        QTest::addColumn<QList<double>>("truth");
        QTest::addColumn<int>("customers");
        QTest::newRow("CDNOW-like") << QList<double>{0.243, 4.414, 0.793, 2.426} << 50000;
        QTest::newRow("frequent, loyal") << QList<double>{2.0, 5.0, 1.5, 12.0} << 20000;
        QTest::newRow("large a and b") << QList<double>{0.8, 3.0, 40.0, 120.0} << 20000;
    }

    void testRecoversSimulatedParameters()
    {
        QFETCH(QList<double>, truth);
        QFETCH(int, customers);
        const std::vector<double> p(truth.begin(), truth.end());
        const std::vector<CustomerRfm> data = simulateBgNbd(p, customers, 27, 39, 11);
        const FrequencyTerms terms = FrequencyTerms::collapse(data);
        const auto likelihood = makePurchaseModel(ModelKind::BgNbd)->likelihood(terms);
        const ModelFit fit = fitModel(ModelKind::BgNbd, *likelihood);
        QVERIFY2(fit.converged, qPrintable(fit.problem));
        // The estimate is the maximum: no lower than at the true parameters.
        QVERIFY(fit.logLikelihood >= likelihood->evaluate(p, {}));
        for (std::size_t i = 0; i < p.size(); ++i)
            QVERIFY2(std::abs(fit.params[i] - p[i]) <= 4 * fit.stdErrors[i],
                     qPrintable(QStringLiteral("parameter %1: %2 ± %3, truth %4")
                                    .arg(i)
                                    .arg(fit.params[i])
                                    .arg(fit.stdErrors[i])
                                    .arg(p[i])));
    }

    void testSpendWithoutAFiniteMean()
    {
        // q <= 1: the population's mean spend is infinite; a customer's conditional mean is
        // finite only once p·x + q > 1. Never a negative spend.
        const std::vector<double> heavy = {2.0, 0.7, 10.0};
        QVERIFY(std::isnan(GammaGammaModel::expectedSpend(heavy, 0, 0)));
        QCOMPARE(GammaGammaModel::expectedSpend(heavy, 1, 20), 2.0 * (10.0 + 20.0) / (2.0 + 0.7 - 1.0));
        const std::vector<double> cdnow = {6.25, 3.74, 15.44};
        QCOMPARE(GammaGammaModel::expectedSpend(cdnow, 0, 0), 6.25 * 15.44 / 2.74);
    }

    void testTooLittleDataIsNoFit()
    {
        // Nobody buys twice: the dropout cannot be estimated and the search runs off.
        std::vector<CustomerRfm> customers(50);
        for (std::size_t i = 0; i < customers.size(); ++i)
            customers[i].T = 10.0 + double(i);
        const FrequencyTerms terms = FrequencyTerms::collapse(customers);
        const ModelFit fit = fitModel(ModelKind::BgNbd, *makePurchaseModel(ModelKind::BgNbd)->likelihood(terms));
        QVERIFY(!fit.converged);
        QVERIFY(!fit.problem.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestBtydModels)
#include "tst_btydmodels.moc"
