#include "BtydModeScenario.h"

#include "CustomerLoop.h"
#include "FakeDataGenerator.h"
#include "GeneratorRandom.h"
#include "RandomDraws.h"
#include "TransactionTableWriter.h"
#include "util/JobControl.h"

#include <boost/math/policies/policy.hpp>
#include <boost/math/special_functions/beta.hpp>

#include <algorithm>
#include <cmath>

namespace clv {

namespace {

constexpr int kCustomersBetweenChecks = 4096;

// Where the customers' streams start: each customer has two, purchase times and spend, so that
// a change in one never shifts the other.
constexpr quint64 kFirstStream = quint64(0xB7D) << 40;
constexpr quint64 kTimesStream = 0;
constexpr quint64 kSpendStream = 1;

// A customer who never drops out stops here: only parameters far beyond any data set reach it,
// and it keeps a run finite whatever the draws.
constexpr int kMostPurchasesPerCustomer = 100'000;

// Amounts are capped at a billion dollars, which also catches a spend rate that underflowed to 0.
constexpr double kMostCents = 1e11;

GeneratorRandom customerStream(quint64 seed, int customer, quint64 kind)
{
    return GeneratorRandom::forStream(seed, kFirstStream + 2 * quint64(customer) + kind);
}

qint64 amountCents(GeneratorRandom& spend, const BtydParameters& model, double spendRate)
{
    const double cents = 100.0 * gammaDraw(spend, model.p, 1.0) / spendRate;
    if (!(cents < kMostCents)) // also an infinite or NaN quotient
        return static_cast<qint64>(kMostCents);
    return std::max<qint64>(std::llround(cents), 1);
}

// E[X(τ)] of the BG/NBD given p, averaged over λ ~ Gamma(r, alpha): (1 − (α / (α + pτ))^r) / p.
double expectedRepeatsGivenDropout(const BtydParameters& model, double dropout, double weeks)
{
    if (dropout * weeks < 1e-12 * model.alpha)
        return model.r * weeks / model.alpha;
    return -std::expm1(-model.r * std::log1p(dropout * weeks / model.alpha)) / dropout;
}

} // namespace

BtydModeScenario::BtydModeScenario(const GeneratorOptions& options)
    : m_options(options), m_firstDay(QDate(1970, 1, 1).daysTo(options.start)),
      m_cohortDays(7.0 * std::min(options.cohortWeeks, options.weeks)), m_spanDays(7.0 * options.weeks)
{
}

qint64 BtydModeScenario::expectedPurchases(const GeneratorOptions& options)
{
    // Midpoints over the first-purchase time (uniform) and over quantiles of p ~ Beta(a, b).
    using namespace boost::math::policies;
    using Quiet = policy<domain_error<ignore_error>, pole_error<ignore_error>, overflow_error<ignore_error>,
                         evaluation_error<ignore_error>>;
    constexpr int kTimeSteps = 32;
    constexpr int kDropoutSteps = 256;
    const BtydParameters& model = options.btyd;
    const double cohortWeeks = std::min(options.cohortWeeks, options.weeks);
    double repeats = 0;
    for (int j = 0; j < kDropoutSteps; ++j) {
        const double dropout = boost::math::ibeta_inv(model.a, model.b, (j + 0.5) / kDropoutSteps, Quiet());
        if (!std::isfinite(dropout))
            continue;
        for (int i = 0; i < kTimeSteps; ++i) {
            const double weeks = options.weeks - cohortWeeks * (i + 0.5) / kTimeSteps;
            repeats += expectedRepeatsGivenDropout(model, dropout, weeks);
        }
    }
    const double perCustomer = 1.0 + repeats / (kTimeSteps * kDropoutSteps);
    return static_cast<qint64>(
        std::llround(options.customers * std::min(perCustomer, 1.0 * kMostPurchasesPerCustomer)));
}

template <typename PurchaseDay>
void BtydModeScenario::simulatePurchases(int customer, PurchaseDay&& purchaseDay) const
{
    const BtydParameters& model = m_options.btyd;
    GeneratorRandom random = customerStream(m_options.seed, customer, kTimesStream);
    // One draw a statement: the order of the draws is part of the output.
    const double firstPurchase = uniformDraw(random) * m_cohortDays;
    const double purchasesPerWeek = gammaDraw(random, model.r, model.alpha);
    const double dropout = betaDraw(random, model.a, model.b);

    double day = firstPurchase;
    purchaseDay(static_cast<qint64>(std::floor(day)));
    for (int purchase = 1; purchase < kMostPurchasesPerCustomer; ++purchase) {
        day += 7.0 * exponentialDraw(random, purchasesPerWeek);
        if (!(day < m_spanDays))
            return;
        purchaseDay(static_cast<qint64>(std::floor(day)));
        if (uniformDraw(random) < dropout)
            return;
    }
}

qint64 BtydModeScenario::countPurchases(const JobControl* control) const
{
    qint64 purchases = 0;
    for (int customer = 0; customer < m_options.customers; ++customer) {
        if (customer % kCustomersBetweenChecks == 0 && control && control->isCancelled())
            return -1;
        simulatePurchases(customer, [&purchases](qint64) { ++purchases; });
    }
    return purchases;
}

bool BtydModeScenario::write(TransactionTableWriter& writer, const JobControl* control) const
{
    const BtydParameters& model = m_options.btyd;
    return forEachCustomer(m_options.customers, kCustomersBetweenChecks, writer, control, [&](int customer) {
        GeneratorRandom spend = customerStream(m_options.seed, customer, kSpendStream);
        const double spendRate = gammaDraw(spend, model.q, model.gamma);
        const auto id = static_cast<quint64>(customer) + 1;
        simulatePurchases(customer, [&](qint64 day) {
            const qint64 cents = amountCents(spend, model, spendRate);
            writer.purchase(id, m_firstDay + day, cents);
        });
    });
}

} // namespace clv
