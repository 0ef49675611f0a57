// The figures behind the Predict charts: worked out here from the models' published
// formulas or by hand, on purchases written for the purpose and on a real fit.
#include "PredictTestData.h"
#include "predict/PurchaseModel.h"
#include "summary/PredictSummaries.h"

#include <QTest>

#include <algorithm>
#include <cmath>

using namespace clv;

namespace {

constexpr std::int64_t kDay0 = 10'000; // 1997-05-19
// Published CDNOW estimates (Fader, Hardie & Lee 2005; Fader & Hardie 2005): realistic
// parameters, given rather than fitted, so that the hand-made purchases need no fit.
const std::vector<double> kBgNbd = {0.243, 4.414, 0.793, 2.426};
const std::vector<double> kGammaGamma = {6.25, 3.74, 15.44};
// Pareto/NBD with α = β: its A0 term then has a closed form.
const std::vector<double> kParetoEqualRates = {0.55, 10.0, 0.6, 10.0};

CustomerPurchases customer(const char* id, std::initializer_list<std::int64_t> days)
{
    CustomerPurchases c;
    c.id = id;
    for (std::int64_t d : days)
        c.days.push_back({kDay0 + d, 1'000 + 100 * d});
    return c;
}

// Calibration to day 20, holdout to day 41, weeks. "e" first buys after the calibration end.
PurchaseHistory handHistory()
{
    PurchaseHistory h;
    h.customers = {customer("a", {0, 6, 13, 30}), customer("b", {0}),  customer("c", {7, 8, 20, 35, 40}),
                   customer("d", {14}),           customer("e", {25}), customer("f", {2, 3, 4, 5, 9, 10, 11, 12, 15})};
    return h;
}

SummaryOptions handOptions(TimeUnit unit = TimeUnit::Week)
{
    SummaryOptions options;
    options.unit = unit;
    options.calibrationEnd = kDay0 + 20;
    options.holdoutEnd = kDay0 + 41;
    return options;
}

ModelFit givenFit(ModelKind kind, std::vector<double> params)
{
    ModelFit fit;
    fit.kind = kind;
    fit.params = std::move(params);
    fit.converged = true;
    return fit;
}

// A run over the hand-made purchases with the parameters above, assembled here as the fit
// would leave it: predictions from the prediction model, and the tracking's periods (whole
// units from the earliest first purchase through the holdout end) without figures.
std::shared_ptr<PredictResult> handResult(ModelKind predictWith = ModelKind::BgNbd,
                                          const SummaryOptions& options = handOptions())
{
    auto overview = test::overviewOf(handHistory());
    auto summary = std::make_shared<RfmSummary>(summarise(overview->history, options));
    ModelRunResult run;
    run.summary = summary;
    run.request.models = {ModelKind::BgNbd, ModelKind::ParetoNbd, ModelKind::GammaGamma};
    run.request.predictWith = predictWith;
    run.fits = {givenFit(ModelKind::BgNbd, kBgNbd), givenFit(ModelKind::ParetoNbd, kParetoEqualRates),
                givenFit(ModelKind::GammaGamma, kGammaGamma)};
    run.predictedWith = predictWith;
    const auto model = makePurchaseModel(predictWith);
    const std::vector<double>& p = run.fit(predictWith)->params;
    for (const CustomerRfm& c : summary->customers)
        run.predictions.push_back({model->pAlive(p, c.x, c.tx, c.T),
                                   model->conditionalExpected(p, c.x, c.tx, c.T, run.request.horizon), std::nan(""),
                                   std::nan("")});
    const auto days = double(summary->timeline->newCustomers.size());
    for (int k = 1; k <= int(std::ceil(days / daysPerUnit(options.unit))); ++k)
        run.tracking.push_back({k, std::nan(""), {}});
    return test::resultOf(overview, std::move(run), options);
}

std::size_t rowOf(const PredictResult& result, const char* id)
{
    const auto& customers = result.run.summary->customers;
    for (std::size_t i = 0; i < customers.size(); ++i)
        if (customers[i].id == id)
            return i;
    return customers.size();
}

bool close(double a, double b, double relative = 1e-9)
{
    return std::abs(a - b) <= relative * std::max({1.0, std::abs(a), std::abs(b)});
}

// BG/NBD (Fader, Hardie & Lee 2005, eq. 13): P(alive | x > 0, t_x, T).
double bgNbdAlive(const std::vector<double>& p, double x, double tx, double T)
{
    const double r = p[0], alpha = p[1], a = p[2], b = p[3];
    return x == 0 ? 1.0 : 1.0 / (1.0 + a / (b + x - 1) * std::pow((alpha + T) / (alpha + tx), r + x));
}

} // namespace

class TestPredictSummaries : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_cdnow = test::cdnowSampleFit({ModelKind::BgNbd, ModelKind::ParetoNbd, ModelKind::GammaGamma});
        QVERIFY(m_cdnow->run.summary);
        QCOMPARE(m_cdnow->customerCount(), std::size_t(2357));
        QVERIFY2(m_cdnow->run.problems.isEmpty(), qPrintable(m_cdnow->run.problems.join('\n')));
    }

    void testTrackingCalibrationPeriodIsTheWeekHoldingTheCalibrationEnd()
    {
        const auto result = handResult();
        const TrackingSeries s = trackingSeries(result->run);
        // Days 0 … 41 from the first purchase: six weeks; day 20 is the last of the third.
        QCOMPARE(s.periods, (std::vector<int>{1, 2, 3, 4, 5, 6}));
        QCOMPARE(s.calibrationPeriod, 3);
        QCOMPARE(s.unit, TimeUnit::Week);
        QVERIFY(!s.hasActual());
    }

    void testTrackingCalibrationPeriodInDays()
    {
        const auto result = handResult(ModelKind::BgNbd, handOptions(TimeUnit::Day));
        const TrackingSeries s = trackingSeries(result->run);
        QCOMPARE(s.periods.size(), std::size_t(42));
        QCOMPARE(s.calibrationPeriod, 21); // day 20 counted from day 0 is the 21st day
    }

    void testTrackingCalibrationPeriodOfTheCdnowSample()
    {
        // 1997-01-01 (the cohort's first day) to 1997-09-30 is 272 days: day 272 ends week 39.
        const TrackingSeries s = trackingSeries(m_cdnow->run);
        QCOMPARE(s.calibrationPeriod, 39);
        QVERIFY(s.periods.size() > 70); // through 1998-06-30
        // By the calibration end, every repeat purchase the summary counts has been made.
        double repeats = 0;
        for (const CustomerRfm& c : m_cdnow->run.summary->customers)
            repeats += c.x;
        QCOMPARE(s.actual[38], repeats);
        QVERIFY(s.actual[37] < repeats);
        QCOMPARE(s.models, (std::vector<ModelKind>{ModelKind::BgNbd, ModelKind::ParetoNbd}));
        QCOMPARE(s.expected.size(), std::size_t(2));
        QCOMPARE(s.expected[1].size(), s.periods.size());
    }

    void testHoldoutOnlyWithAHoldout()
    {
        SummaryOptions noHoldout = handOptions();
        noHoldout.holdoutEnd.reset();
        QVERIFY(!holdoutByFrequency(handResult(ModelKind::BgNbd, noHoldout)->run).available);

        const HoldoutByFrequency h = holdoutByFrequency(m_cdnow->run);
        QVERIFY(h.available);
        QCOMPARE(h.holdoutLength, 39.0); // 1997-09-30 to 1998-06-30: 273 days
        QCOMPARE(h.models, (std::vector<ModelKind>{ModelKind::BgNbd, ModelKind::ParetoNbd}));
        std::vector<std::int64_t> customers(8, 0);
        std::vector<double> actual(8, 0.0);
        std::vector<std::vector<double>> predicted(2, std::vector<double>(8, 0.0));
        for (const CustomerRfm& c : m_cdnow->run.summary->customers) {
            const auto g = std::size_t(std::min(c.x, 7.0));
            ++customers[g];
            actual[g] += c.xHoldout;
            for (std::size_t m = 0; m < 2; ++m)
                predicted[m][g] += makePurchaseModel(h.models[m])
                                       ->conditionalExpected(m_cdnow->run.fit(h.models[m])->params, c.x, c.tx, c.T, 39);
        }
        QCOMPARE(h.customers, customers);
        for (std::size_t g = 0; g < 8; ++g) {
            QVERIFY(customers[g] > 0);
            QVERIFY(close(h.actual[g], actual[g] / double(customers[g]), 1e-12));
            for (std::size_t m = 0; m < 2; ++m)
                QVERIFY2(close(h.predicted[m][g], predicted[m][g] / double(customers[g]), 1e-9),
                         qPrintable(QStringLiteral("group %1").arg(g)));
        }
    }

    void testRepeatHistogramCountsAndBgNbdZeroBucket()
    {
        const auto result = handResult();
        const RepeatHistogram h = repeatHistogram(result->run, 3);
        QCOMPARE(h.customers, std::int64_t(5));
        QCOMPARE(h.actual, (std::vector<std::int64_t>{2, 0, 2, 1}));
        QCOMPARE(h.models.front(), ModelKind::BgNbd);
        // BG/NBD: P(X(t) = 0) = (α / (α + t))^r (Fader, Hardie & Lee 2005, eq. 8, x = 0).
        double zero = 0;
        for (const CustomerRfm& c : result->run.summary->customers)
            zero += std::pow(kBgNbd[1] / (kBgNbd[1] + c.T), kBgNbd[0]);
        QVERIFY2(close(h.expected[0][0], zero), qPrintable(QString::number(h.expected[0][0])));
    }

    void testRepeatHistogramEqualsTheSumOverCustomers()
    {
        // Grouping by T must not change the sum: the same, customer by customer.
        const RepeatHistogram h = repeatHistogram(m_cdnow->run, 7);
        QCOMPARE(h.actual.size(), std::size_t(8));
        std::int64_t actualTotal = 0;
        for (std::int64_t c : h.actual)
            actualTotal += c;
        QCOMPARE(actualTotal, std::int64_t(2357));
        for (std::size_t m = 0; m < h.models.size(); ++m) {
            const auto model = makePurchaseModel(h.models[m]);
            const std::vector<double>& p = m_cdnow->run.fit(h.models[m])->params;
            std::vector<double> byCustomer(8, 0.0);
            for (const CustomerRfm& c : m_cdnow->run.summary->customers) {
                double below = 0;
                for (int k = 0; k < 7; ++k) {
                    byCustomer[std::size_t(k)] += model->repeatProbability(p, c.T, k);
                    below += model->repeatProbability(p, c.T, k);
                }
                byCustomer[7] += 1 - below;
            }
            double total = 0;
            for (std::size_t k = 0; k < 8; ++k) {
                QVERIFY2(close(h.expected[m][k], byCustomer[k], 1e-9),
                         qPrintable(QStringLiteral("%1 k=%2").arg(modelTitle(h.models[m])).arg(k)));
                total += h.expected[m][k];
            }
            QVERIFY(close(total, 2357.0, 1e-9));
        }
    }

    void testHeatmapCornersAreTheModelsValues()
    {
        const auto result = handResult();
        const FrequencyRecencyGrid g = frequencyRecencyGrid(result->run);
        QVERIFY(g.available);
        QCOMPARE(g.model, ModelKind::BgNbd);
        QCOMPARE(g.T, 20.0 / 7.0); // a and b, first buying on day 0
        // x: 0, 0, 2, 2, 8: the 99th percentile is 8; T = 2.86 weeks: four columns.
        QCOMPARE(g.frequencies.size(), std::size_t(9));
        QCOMPARE(g.recencies, (std::vector<double>{0, g.T / 3, g.T * 2 / 3, g.T}));
        const auto model = makePurchaseModel(ModelKind::BgNbd);
        for (std::size_t f : {std::size_t(0), g.frequencies.size() - 1})
            for (std::size_t r : {std::size_t(0), g.recencies.size() - 1}) {
                const double x = double(f), tx = g.recencies[r];
                QCOMPARE(g.pAlive[g.cell(f, r)], model->pAlive(kBgNbd, x, tx, g.T));
                QCOMPARE(g.expected[g.cell(f, r)], model->conditionalExpected(kBgNbd, x, tx, g.T, 52));
                QVERIFY(close(g.pAlive[g.cell(f, r)], bgNbdAlive(kBgNbd, x, tx, g.T), 1e-12));
            }
        // Customers with no repeat purchase are alive for BG/NBD, whatever their recency.
        QCOMPARE(g.pAlive[g.cell(0, 2)], 1.0);
        // More recent purchases: more likely alive, for the same frequency.
        QVERIFY(g.pAlive[g.cell(8, 3)] > g.pAlive[g.cell(8, 0)]);
    }

    void testHeatmapOfTheCdnowFit()
    {
        const FrequencyRecencyGrid g = frequencyRecencyGrid(m_cdnow->run, 10, 20);
        QCOMPARE(g.frequencies.size(), std::size_t(11));
        QCOMPARE(g.recencies.size(), std::size_t(20));
        double longest = 0;
        for (const CustomerRfm& c : m_cdnow->run.summary->customers)
            longest = std::max(longest, c.T);
        QCOMPARE(g.T, longest);
        const auto model = makePurchaseModel(g.model);
        const std::vector<double>& p = m_cdnow->run.fit(g.model)->params;
        QCOMPARE(g.pAlive[g.cell(10, 19)], model->pAlive(p, 10, longest, longest));
        QCOMPARE(g.expected[g.cell(10, 0)], model->conditionalExpected(p, 10, 0, longest, 52));
    }

    void testAliveOfACustomerWithoutRepeatPurchase()
    {
        // Pareto/NBD with α = β: A0 = (α+t_x)^-(r+s) − (α+T)^-(r+s), so for x = 0
        // P(alive) = 1 / (1 + s/(r+s) · (((α+T)/α)^(r+s) − 1)).
        const auto result = handResult(ModelKind::ParetoNbd);
        const CustomerAliveCurve c = customerAliveCurve(*result, rowOf(*result, "b"));
        QVERIFY(c.found);
        QVERIFY(c.fromHistory);
        QCOMPARE(c.customerId, std::string("b"));
        QCOMPARE(c.times.size(), std::size_t(21)); // days 0 … 20
        QVERIFY(c.purchaseTimes.empty());
        const double r = kParetoEqualRates[0], alpha = kParetoEqualRates[1], s = kParetoEqualRates[2];
        for (std::size_t i = 0; i < c.times.size(); ++i) {
            QCOMPARE(c.times[i], double(i) / 7.0);
            const double expected = 1 / (1 + s / (r + s) * (std::pow((alpha + c.times[i]) / alpha, r + s) - 1));
            QVERIFY2(close(c.pAlive[i], expected, 1e-9), qPrintable(QStringLiteral("day %1").arg(i)));
        }
        QCOMPARE(c.pAlive.front(), 1.0);
    }

    void testAliveCurveFollowsThePurchases()
    {
        const auto result = handResult(ModelKind::BgNbd);
        const std::size_t row = rowOf(*result, "a");
        const CustomerAliveCurve c = customerAliveCurve(*result, row);
        // a bought on days 6 and 13 in the calibration period; day 30 is in the holdout.
        QCOMPARE(c.purchaseTimes, (std::vector<double>{6.0 / 7.0, 13.0 / 7.0}));
        QCOMPARE(c.times.back(), 20.0 / 7.0);
        QVERIFY(close(c.pAlive.back(), bgNbdAlive(kBgNbd, 2, 13.0 / 7.0, 20.0 / 7.0), 1e-12));
        QVERIFY(close(c.pAlive.back(), result->run.predictions[row].pAlive, 1e-12));
        // Day 12: one purchase, six days before.
        QVERIFY(close(c.pAlive[12], bgNbdAlive(kBgNbd, 1, 6.0 / 7.0, 12.0 / 7.0), 1e-12));
        // A purchase lifts P(alive) back up.
        QVERIFY(c.pAlive[13] > c.pAlive[12]);
    }

    void testAliveCurveThinsLongSpans()
    {
        const auto result = handResult(ModelKind::BgNbd);
        const CustomerAliveCurve c = customerAliveCurve(*result, rowOf(*result, "a"), 5);
        // 20 days in at most 5 points: every 5 days, the last on the calibration end.
        QCOMPARE(c.times, (std::vector<double>{0, 5.0 / 7, 10.0 / 7, 15.0 / 7, 20.0 / 7}));
        QCOMPARE(c.purchaseTimes.size(), std::size_t(2));
    }

    void testAliveCurveEndsAtTheRunsPAliveOnTheCdnowFit()
    {
        for (std::size_t row : {std::size_t(0), std::size_t(100), std::size_t(1500), std::size_t(2356)}) {
            const CustomerAliveCurve c = customerAliveCurve(*m_cdnow, row);
            QVERIFY(c.fromHistory);
            const CustomerRfm& rfm = m_cdnow->run.summary->customers[row];
            QCOMPARE(double(c.purchaseTimes.size()), rfm.x);
            QVERIFY(close(c.times.back(), rfm.T, 1e-12));
            QVERIFY2(close(c.pAlive.back(), m_cdnow->run.predictions[row].pAlive, 1e-9),
                     qPrintable(QStringLiteral("row %1").arg(row)));
        }
        QVERIFY(!customerAliveCurve(*m_cdnow, 2357).found);
    }

    void testAliveCurveFromASummaryStartsAtTheLastPurchase()
    {
        auto result = handResult(ModelKind::BgNbd);
        result->purchases.reset(); // as for a summary file: no purchase days
        const std::size_t row = rowOf(*result, "a");
        const CustomerAliveCurve c = customerAliveCurve(*result, row, 11);
        QVERIFY(!c.fromHistory);
        QCOMPARE(c.times.size(), std::size_t(11));
        QCOMPARE(c.times.front(), 13.0 / 7.0);
        QCOMPARE(c.pAlive.front(), bgNbdAlive(kBgNbd, 2, 13.0 / 7.0, 13.0 / 7.0));
        QVERIFY(close(c.pAlive.back(), result->run.predictions[row].pAlive, 1e-12));
        QCOMPARE(c.purchaseTimes, (std::vector<double>{13.0 / 7.0}));
    }

    void testClvDistributionStatistics()
    {
        const ClvDistribution d = clvDistribution(m_cdnow->run, 25);
        std::vector<double> values;
        for (const CustomerPrediction& p : m_cdnow->run.predictions)
            if (std::isfinite(p.clv))
                values.push_back(p.clv);
        QVERIFY(values.size() > 2000);
        QCOMPARE(d.histogram.count, std::int64_t(values.size()));
        QCOMPARE(d.withoutClv, std::int64_t(2357 - values.size()));
        std::int64_t binned = 0;
        for (std::int64_t c : d.histogram.counts)
            binned += c;
        QCOMPARE(binned, d.histogram.count);
        QCOMPARE(d.histogram.counts.size(), std::size_t(25));
        std::sort(values.begin(), values.end());
        double sum = 0;
        for (double v : values)
            sum += v;
        QVERIFY(close(d.histogram.mean, sum / double(values.size()), 1e-12));
        const std::size_t n = values.size();
        const double median = n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
        QCOMPARE(d.histogram.median, median);
        QCOMPARE(d.histogram.p90, values[std::size_t(std::ceil(0.9 * double(n))) - 1]);
        QCOMPARE(d.histogram.edges.front(), values.front());
        QCOMPARE(d.histogram.edges.back(), values.back());
    }

    void testLinearDistributionBinsByHand()
    {
        const LtvDistribution d = linearDistribution({0, 1, 2, 3, 4, 10}, 5);
        QCOMPARE(d.edges, (std::vector<double>{0, 2, 4, 6, 8, 10}));
        QCOMPARE(d.counts, (std::vector<std::int64_t>{2, 2, 1, 0, 1})); // 10 in the last bin
        QCOMPARE(d.median, 2.5);
        QCOMPARE(d.p90, 10.0); // rank ⌈5.4⌉ = 6
        QCOMPARE(d.zeroCount, std::int64_t(1));
    }

    void testScatterSampleIsEvenAndCountsWhatIsLeftOut()
    {
        // 10,007 customers: seed LTV 2i + 1 but none for i ≡ 3 (mod 10), CLV i but none for i ≡ 7.
        constexpr std::size_t kCustomers = 10'007;
        auto result = std::make_shared<PredictResult>();
        auto summary = std::make_shared<RfmSummary>();
        auto overview = std::make_shared<PurchaseOverview>();
        std::vector<std::uint32_t> eligible;
        for (std::size_t i = 0; i < kCustomers; ++i) {
            summary->customers.push_back({std::to_string(i)});
            overview->seedLtv.push_back(i % 10 == 3 ? std::nan("") : 2.0 * double(i) + 1);
            CustomerPrediction p;
            p.clv = i % 10 == 7 ? std::nan("") : double(i);
            result->run.predictions.push_back(p);
            // The history rows run backwards, so that a mix-up of the two orders shows.
            result->historyRow.push_back(std::uint32_t(kCustomers - 1 - i));
            if (i % 10 != 3 && i % 10 != 7)
                eligible.push_back(std::uint32_t(i));
        }
        std::reverse(overview->seedLtv.begin(), overview->seedLtv.end());
        result->run.summary = summary;
        result->purchases = overview;

        const ClvScatter s = clvScatter(*result, 1000);
        QCOMPARE(s.eligible, std::int64_t(eligible.size()));
        QCOMPARE(s.withoutSeedLtv, std::int64_t(1001)); // 3, 13, … 10,003
        QCOMPARE(s.withoutClv, std::int64_t(1000));     // 7, 17, … 9,997
        QCOMPARE(s.shown(), std::size_t(1000));
        QCOMPARE(s.rows.front(), eligible.front());
        const std::size_t n = eligible.size(), gapLow = n / 1000, gapHigh = (n + 999) / 1000;
        std::size_t previous = 0;
        for (std::size_t j = 0; j < s.rows.size(); ++j) {
            const std::size_t at = std::size_t(std::lower_bound(eligible.begin(), eligible.end(), s.rows[j])
                                               - eligible.begin());
            QCOMPARE(eligible[at], s.rows[j]);
            if (j > 0)
                QVERIFY2(at - previous == gapLow || at - previous == gapHigh, qPrintable(QString::number(j)));
            previous = at;
            QCOMPARE(s.seedLtv[j], 2.0 * s.rows[j] + 1);
            QCOMPARE(s.clv[j], double(s.rows[j]));
        }
        QVERIFY(n - 1 - previous < gapHigh); // the sample reaches the end
        QCOMPARE(s.minClv, 0.0);
        QCOMPARE(s.maxClv, double(eligible.back()));
        QCOMPARE(s.maxSeedLtv, 2.0 * eligible.back() + 1);
        QVERIFY(s.correlation && close(*s.correlation, 1.0, 1e-12));

        // Fewer customers than points: every one of them, in order.
        const ClvScatter all = clvScatter(*result, 100'000);
        QCOMPARE(all.rows, eligible);
    }

    void testScatterWithoutOverviewLeavesEveryoneOut()
    {
        auto result = handResult();
        result->purchases.reset();
        const ClvScatter s = clvScatter(*result);
        QCOMPARE(s.eligible, std::int64_t(0));
        QCOMPARE(s.withoutSeedLtv, std::int64_t(5));
        QVERIFY(s.rows.empty());
    }

    void testScatterOfTheCdnowFit()
    {
        const ClvScatter s = clvScatter(*m_cdnow, 500);
        // Every tenth history row has no seed LTV (the fixture's choice).
        std::int64_t noSeed = 0;
        for (std::uint32_t row : m_cdnow->historyRow)
            noSeed += std::isnan(m_cdnow->purchases->seedLtv[row]) ? 1 : 0;
        QCOMPARE(s.withoutSeedLtv, noSeed);
        QCOMPARE(s.eligible + s.withoutSeedLtv + s.withoutClv, std::int64_t(2357));
        QCOMPARE(s.shown(), std::size_t(500));
        QVERIFY(std::is_sorted(s.rows.begin(), s.rows.end()));
    }

    void testNothingFittedGivesEmptyFigures()
    {
        PredictResult empty;
        QVERIFY(trackingSeries(empty.run).periods.empty());
        QVERIFY(!holdoutByFrequency(empty.run).available);
        QCOMPARE(repeatHistogram(empty.run).customers, std::int64_t(0));
        QVERIFY(!frequencyRecencyGrid(empty.run).available);
        QVERIFY(!customerAliveCurve(empty, 0).found);
        QCOMPARE(clvDistribution(empty.run).histogram.count, std::int64_t(0));
        QCOMPARE(clvScatter(empty).eligible, std::int64_t(0));
    }

private:
    std::shared_ptr<PredictResult> m_cdnow;
};

QTEST_GUILESS_MAIN(TestPredictSummaries)
#include "tst_predictsummaries.moc"
