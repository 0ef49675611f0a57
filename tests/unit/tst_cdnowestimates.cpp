// The published CDNOW estimates and predictions (§10 exactness), from the authors' summary
// file in tests/data/cdnow (see PROVENANCE.md there).
#include "predict/GammaGammaModel.h"
#include "predict/ModelFitter.h"
#include "predict/PurchaseModel.h"
#include "predict/SummaryFile.h"

#include <QTest>

#include <cmath>

using namespace clv;

namespace {

const QString kSummaryFile = QStringLiteral(CLV_TEST_DATA_DIR "/cdnow/cdnow_customers_summary_with_transactions.csv");

// `value` printed to `decimals` places is the published figure.
bool matchesPublished(double value, double published, int decimals)
{
    const double scale = std::pow(10.0, decimals);
    return std::llround(value * scale) == std::llround(published * scale);
}

ModelFit fitOnSummary(ModelKind kind, const RfmSummary& summary)
{
    if (kind == ModelKind::GammaGamma) {
        const SpendTerms terms = SpendTerms::collapse(summary.customers);
        return fitModel(kind, *GammaGammaModel::likelihood(terms));
    }
    const FrequencyTerms terms = FrequencyTerms::collapse(summary.customers);
    return fitModel(kind, *makePurchaseModel(kind)->likelihood(terms));
}

} // namespace

class TestCdnowEstimates : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        SummaryFileRead read = readSummaryFile(kSummaryFile, TimeUnit::Week);
        QVERIFY2(read.ok(), qPrintable(read.error));
        QVERIFY(read.rejections.empty());
        m_summary = std::move(read.summary);
        QCOMPARE(m_summary.customers.size(), std::size_t(2357));
    }

    void testPublishedEstimates_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QList<double>>("published");
        QTest::addColumn<QList<int>>("decimals");
        QTest::addColumn<double>("logLikelihood"); // NaN: not published
        // The summary's times and mean spends are rounded to 2 decimals, and along the flat
        // ridges of the likelihood that moves two estimates in their last published digit:
        // Pareto/NBD's beta to 11.668 and Gamma-Gamma's gamma to 15.448 (from the unrounded
        // purchases they are 11.669 and 15.44, see tst_modelrun). Those two are compared one
        // digit short here.
        QTest::newRow("BG/NBD") << "bgnbd" << QList<double>{0.243, 4.414, 0.793, 2.426} << QList<int>{3, 3, 3, 3}
                                << -9582.4;
        QTest::newRow("Pareto/NBD") << "pnbd" << QList<double>{0.553, 10.578, 0.606, 11.669} << QList<int>{3, 3, 3, 2}
                                    << -9595.0;
        QTest::newRow("MBG/NBD") << "mbgnbd" << QList<double>{0.525, 6.183, 0.891, 1.614} << QList<int>{3, 3, 3, 3}
                                 << qQNaN();
        QTest::newRow("Gamma-Gamma") << "gg" << QList<double>{6.25, 3.74, 15.44} << QList<int>{2, 2, 1} << qQNaN();
    }

    void testPublishedEstimates()
    {
        QFETCH(QString, model);
        QFETCH(QList<double>, published);
        QFETCH(QList<int>, decimals);
        QFETCH(double, logLikelihood);
        const ModelFit fit = fitOnSummary(*modelFromKey(model.toStdString()), m_summary);
        QVERIFY2(fit.converged, qPrintable(fit.problem));
        QCOMPARE(fit.params.size(), std::size_t(published.size()));
        for (qsizetype i = 0; i < published.size(); ++i)
            QVERIFY2(matchesPublished(fit.params[std::size_t(i)], published[i], decimals[i]),
                     qPrintable(QStringLiteral("parameter %1: %2, published %3")
                                    .arg(i)
                                    .arg(fit.params[std::size_t(i)], 0, 'f', 6)
                                    .arg(published[i])));
        if (!std::isnan(logLikelihood))
            QVERIFY2(matchesPublished(fit.logLikelihood, logLikelihood, 1),
                     qPrintable(QString::number(fit.logLikelihood, 'f', 3)));
        for (double se : fit.stdErrors)
            QVERIFY(se > 0 && std::isfinite(se));
        QCOMPARE(fit.aic, 2.0 * double(published.size()) - 2 * fit.logLikelihood);
    }

    void testGammaGammaUsesTheRepeatCustomers()
    {
        const SpendTerms terms = SpendTerms::collapse(m_summary.customers);
        QCOMPARE(terms.customers, 946.0);
    }

    void testPublishedPredictions()
    {
        const auto model = makePurchaseModel(ModelKind::BgNbd);
        const std::vector<double> p = {0.243, 4.414, 0.793, 2.426};
        QVERIFY(matchesPublished(model->conditionalExpected(p, 2, 30.43, 38.86, 39), 1.226, 3));
        QVERIFY(matchesPublished(model->expectedRepeat(p, 78), 1.8605, 4));
        QVERIFY(matchesPublished(model->expectedRepeat(p, 39), 1.1967, 4));
    }

private:
    RfmSummary m_summary;
};

QTEST_GUILESS_MAIN(TestCdnowEstimates)
#include "tst_cdnowestimates.moc"
