// RFM quintile scores by rank, the segment grid (§12) and rfm_segments.csv, checked against
// small histories worked out by hand.
#include "io/EventTime.h"
#include "predict/RfmSegments.h"
#include "predict/SegmentOutputs.h"

#include <QBuffer>
#include <QTest>

using namespace clv;

namespace {

constexpr std::int64_t kAsOf = 20000; // 2024-10-04; any day serves

PurchaseDay daysAgo(std::int64_t ago, Cents cents)
{
    return {kAsOf - ago, cents};
}

QString csvOf(const PurchaseHistory& h, const RfmSegmentation& s, const CsvOptions& options)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    if (!writeRfmSegmentsCsv(h, s, buffer, options))
        return QStringLiteral("(write failed)");
    return QString::fromUtf8(buffer.data());
}

std::vector<int> scores(const RfmSegmentation& s, std::uint8_t RfmScore::*score)
{
    std::vector<int> out;
    for (const RfmScore& c : s.customers)
        out.push_back(c.*score);
    return out;
}

} // namespace

Q_DECLARE_METATYPE(RfmSegment)

class TestRfmSegments : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Five customers, with ties on recency (c2, c3) and frequency (c2 and c5; c1 and c4).
    // A score is 1 + ⌊5 × (customers strictly worse) / 5⌋, so ties take the lower place.
    void testQuintilesByRankWithTies()
    {
        PurchaseHistory h;
        h.customers = {
            {"c1", {daysAgo(20, 10000), daysAgo(10, 10000), daysAgo(0, 10000)}},  // r 0, f 3, $300
            {"c2", {daysAgo(10, 5000)}},                                          // r 10, f 1, $50
            {"c3", {daysAgo(30, 25000), daysAgo(10, 25000)}},                     // r 10, f 2, $500
            {"c4", {daysAgo(300, 3000), daysAgo(200, 3000), daysAgo(100, 4000)}}, // r 100, f 3, $100
            {"c5", {daysAgo(200, 2000)}},                                         // r 200, f 1, $20
        };
        const RfmSegmentation s = segmentCustomers(h, kAsOf);
        QCOMPARE(s.asOfDay, kAsOf);
        QCOMPARE(s.customers.size(), std::size_t(5));
        QCOMPARE(s.customers[3].recencyDays, std::int64_t(100));
        QCOMPARE(s.customers[3].frequency, std::int64_t(3));
        QCOMPARE(s.customers[3].monetary, Cents(10000));
        // Recency, worst first: c5 (1), c4 (2), c2 = c3 (both third place: 3), c1 (5).
        QCOMPARE(scores(s, &RfmScore::r), (std::vector<int>{5, 3, 3, 2, 1}));
        // Frequency: c2 = c5 (1), c3 (3), c1 = c4 (fourth place: 4).
        QCOMPARE(scores(s, &RfmScore::f), (std::vector<int>{4, 1, 3, 4, 1}));
        // Monetary, all different: $20, $50, $100, $300, $500.
        QCOMPARE(scores(s, &RfmScore::m), (std::vector<int>{4, 2, 5, 3, 1}));
        QCOMPARE(s.customers[0].segment, RfmSegment::Champions);          // R 5, FM 4
        QCOMPARE(s.customers[1].segment, RfmSegment::PotentialLoyalists); // R 3, FM 1.5
        QCOMPARE(s.customers[2].segment, RfmSegment::Loyal);              // R 3, FM 4
        QCOMPARE(s.customers[3].segment, RfmSegment::AtRisk);             // R 2, FM 3.5
        QCOMPARE(s.customers[4].segment, RfmSegment::Lost);               // R 1, FM 1

        QCOMPARE(s.revenue, Cents(97000));
        const auto& totals = s.segments;
        QCOMPARE(totals[std::size_t(RfmSegment::Champions)].customers, std::int64_t(1));
        QCOMPARE(totals[std::size_t(RfmSegment::Champions)].revenue, Cents(30000));
        QCOMPARE(totals[std::size_t(RfmSegment::Loyal)].revenue, Cents(50000));
        QCOMPARE(totals[std::size_t(RfmSegment::AtRisk)].recencyDaysSum, std::int64_t(100));
        QCOMPARE(totals[std::size_t(RfmSegment::AtRisk)].frequencySum, std::int64_t(3));
        QCOMPARE(totals[std::size_t(RfmSegment::New)].customers, std::int64_t(0));
        QCOMPARE(s.revenueShare(RfmSegment::Loyal), 500.0 / 970.0);
        QCOMPARE(s.revenueShare(RfmSegment::Hibernating), 0.0);
    }

    // Ten customers with 1 … 10 purchase days: two per quintile.
    void testTenDistinctValuesTwoPerQuintile()
    {
        PurchaseHistory h;
        for (int n = 1; n <= 10; ++n) {
            CustomerPurchases c;
            c.id = "k";
            c.id += std::to_string(n);
            for (int d = n; d >= 1; --d)
                c.days.push_back(daysAgo(d, 100));
            h.customers.push_back(c);
        }
        const RfmSegmentation s = segmentCustomers(h, kAsOf);
        QCOMPARE(scores(s, &RfmScore::f), (std::vector<int>{1, 1, 2, 2, 3, 3, 4, 4, 5, 5}));
        QCOMPARE(scores(s, &RfmScore::m), (std::vector<int>{1, 1, 2, 2, 3, 3, 4, 4, 5, 5}));
        // Everyone last bought yesterday: one tie, a recency that tells no one apart.
        QCOMPARE(scores(s, &RfmScore::r), std::vector<int>(10, 1));
    }

    void testSingleCustomerScoresOneAndIsLost()
    {
        PurchaseHistory h;
        h.customers = {{"solo", {daysAgo(3, 999)}}};
        const RfmSegmentation s = segmentCustomers(h, kAsOf);
        QCOMPARE(s.customers.size(), std::size_t(1));
        QCOMPARE(s.customers[0].recencyDays, std::int64_t(3));
        QCOMPARE(int(s.customers[0].r), 1);
        QCOMPARE(int(s.customers[0].f), 1);
        QCOMPARE(int(s.customers[0].m), 1);
        QCOMPARE(s.customers[0].segment, RfmSegment::Lost);
        QCOMPARE(s.revenueShare(RfmSegment::Lost), 1.0);
    }

    void testEmptyHistory()
    {
        const RfmSegmentation s = segmentCustomers(PurchaseHistory{}, kAsOf);
        QVERIFY(s.customers.empty());
        QCOMPARE(s.revenue, Cents(0));
        for (int g = 0; g < kRfmSegments; ++g) {
            QCOMPARE(s.segments[std::size_t(g)].customers, std::int64_t(0));
            QCOMPARE(s.revenueShare(RfmSegment(g)), 0.0);
        }
    }

    void testGrid_data()
    {
        QTest::addColumn<int>("r");
        QTest::addColumn<int>("f");
        QTest::addColumn<int>("m");
        QTest::addColumn<RfmSegment>("segment");
        QTest::newRow("R4 FM4 champions") << 4 << 4 << 4 << RfmSegment::Champions;
        QTest::newRow("R5 FM3.5 loyal") << 5 << 3 << 4 << RfmSegment::Loyal;
        QTest::newRow("R3 FM5 loyal") << 3 << 5 << 5 << RfmSegment::Loyal;
        QTest::newRow("R4 FM2.5 potential") << 4 << 2 << 3 << RfmSegment::PotentialLoyalists;
        QTest::newRow("R3 FM1 potential") << 3 << 1 << 1 << RfmSegment::PotentialLoyalists;
        QTest::newRow("R5 FM1.5 new") << 5 << 1 << 2 << RfmSegment::New;
        QTest::newRow("R4 FM1 new") << 4 << 1 << 1 << RfmSegment::New;
        QTest::newRow("R2 FM3 at risk") << 2 << 3 << 3 << RfmSegment::AtRisk;
        QTest::newRow("R2 FM5 at risk") << 2 << 5 << 5 << RfmSegment::AtRisk;
        QTest::newRow("R1 FM3.5 at risk") << 1 << 3 << 4 << RfmSegment::AtRisk;
        QTest::newRow("R1 FM4 can't lose") << 1 << 5 << 3 << RfmSegment::CantLose;
        QTest::newRow("R2 FM2.5 hibernating") << 2 << 2 << 3 << RfmSegment::Hibernating;
        QTest::newRow("R1 FM2 hibernating") << 1 << 2 << 2 << RfmSegment::Hibernating;
        QTest::newRow("R2 FM1.5 lost") << 2 << 1 << 2 << RfmSegment::Lost;
        QTest::newRow("R1 FM1 lost") << 1 << 1 << 1 << RfmSegment::Lost;
    }

    void testGrid()
    {
        QFETCH(int, r);
        QFETCH(int, f);
        QFETCH(int, m);
        QFETCH(RfmSegment, segment);
        QCOMPARE(rfmSegmentOf(r, f, m), segment);
    }

    void testSegmentNamesAndKeys()
    {
        QCOMPARE(rfmSegmentName(RfmSegment::CantLose), QStringLiteral("Can't lose"));
        QCOMPARE(rfmSegmentName(RfmSegment::PotentialLoyalists), QStringLiteral("Potential loyalists"));
        QCOMPARE(QByteArray(rfmSegmentKey(RfmSegment::CantLose)), QByteArray("cant_lose"));
        QCOMPARE(QByteArray(rfmSegmentKey(RfmSegment::AtRisk)), QByteArray("at_risk"));
    }

    // Ids that a spreadsheet would run as a formula or that hold a comma.
    void testCsvQuotesAndNeutralisesIds()
    {
        PurchaseHistory h;
        h.customers = {
            {"=1+1", {daysAgo(5, 150)}},              // r 5, f 1, $1.50
            {"x,y", {daysAgo(3, 5), daysAgo(0, 20)}}, // r 0, f 2, $0.25
            {"-2,\"q\"", {daysAgo(5, 150)}},          // ties with the first on every measure
        };
        const RfmSegmentation s = segmentCustomers(h, kAsOf);
        // n = 3. Recency: the two at 5 days share the first place (1), "x,y" beats two (4).
        // Frequency likewise. Monetary: "x,y" first (1), the two at $1.50 beat one (2).
        // "x,y": R 4 and FM 2.5, a potential loyalist; the others R 1 and FM 1.5, lost.
        const QString header = QStringLiteral("customer_id,recency_days,frequency,monetary,r,f,m,segment\n");
        QCOMPARE(csvOf(h, s, CsvOptions{}),
                 header
                     + QStringLiteral("=1+1,5,1,1.50,1,1,2,lost\n"
                                      "\"x,y\",0,2,0.25,4,4,1,potential_loyalists\n"
                                      "\"-2,\"\"q\"\"\",5,1,1.50,1,1,2,lost\n"));
        QCOMPARE(csvOf(h, s, CsvOptions{true}),
                 header
                     + QStringLiteral("'=1+1,5,1,1.50,1,1,2,lost\n"
                                      "\"x,y\",0,2,0.25,4,4,1,potential_loyalists\n"
                                      "\"'-2,\"\"q\"\"\",5,1,1.50,1,1,2,lost\n"));
    }
};

QTEST_GUILESS_MAIN(TestRfmSegments)
#include "tst_rfmsegments.moc"
