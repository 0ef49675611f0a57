#include "predict/RfmSegments.h"

#include <QCoreApplication>

#include <algorithm>
#include <numeric>

namespace clv {

namespace {

// Scores one measure: customers are ordered from worst to best by `worse`, and each gets
// 1 + ⌊5 × (share of customers strictly worse than it)⌋. Ties therefore share a score (the
// one of the first place they hold), a value that every customer shares says nothing and
// scores 1, and the best fifth scores 5 only when it beats four fifths of the customers.
template <class Worse>
void scoreByRank(std::vector<RfmScore>& scores, std::uint8_t RfmScore::*score, Worse worse)
{
    const std::size_t n = scores.size();
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return worse(scores[a], scores[b]); });
    std::size_t tieStart = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0 && worse(scores[order[i - 1]], scores[order[i]]))
            tieStart = i;
        scores[order[i]].*score = std::uint8_t(1 + (5 * tieStart) / n);
    }
}

} // namespace

// The grid, read top to bottom, first match wins (FM = (F + M) / 2, so it moves in halves):
//   Champions            R ≥ 4 and FM ≥ 4    bought lately, often and much
//   Can't lose           R ≤ 1 and FM ≥ 4    were among the best, gone longest
//   At risk              R ≤ 2 and FM ≥ 3    were good, not seen for a while
//   Loyal                R ≥ 3 and FM ≥ 3    good and still around
//   New                  R ≥ 4 and FM ≤ 1.5  first purchases lately, little yet
//   Potential loyalists  R ≥ 3               recent, middling (FM 2 … 2.5, or R = 3 and FM < 3)
//   Hibernating          R ≤ 2 and FM ≥ 2    not recent, middling
//   Lost                 everyone else       not recent, little
// Can't lose comes before at risk because it is the narrower of the two, and every pair
// (R, FM) ends in exactly one segment because the last row takes the rest.
RfmSegment rfmSegmentOf(int r, int f, int m)
{
    const int fm2 = f + m; // twice FM, to compare in whole numbers
    if (r >= 4 && fm2 >= 8)
        return RfmSegment::Champions;
    if (r <= 1 && fm2 >= 8)
        return RfmSegment::CantLose;
    if (r <= 2 && fm2 >= 6)
        return RfmSegment::AtRisk;
    if (r >= 3 && fm2 >= 6)
        return RfmSegment::Loyal;
    if (r >= 4 && fm2 <= 3)
        return RfmSegment::New;
    if (r >= 3)
        return RfmSegment::PotentialLoyalists;
    if (fm2 >= 4)
        return RfmSegment::Hibernating;
    return RfmSegment::Lost;
}

QString rfmSegmentName(RfmSegment segment)
{
    switch (segment) {
    case RfmSegment::Champions: return QCoreApplication::translate("RfmSegment", "Champions");
    case RfmSegment::Loyal: return QCoreApplication::translate("RfmSegment", "Loyal");
    case RfmSegment::PotentialLoyalists: return QCoreApplication::translate("RfmSegment", "Potential loyalists");
    case RfmSegment::New: return QCoreApplication::translate("RfmSegment", "New");
    case RfmSegment::AtRisk: return QCoreApplication::translate("RfmSegment", "At risk");
    case RfmSegment::CantLose: return QCoreApplication::translate("RfmSegment", "Can't lose");
    case RfmSegment::Hibernating: return QCoreApplication::translate("RfmSegment", "Hibernating");
    case RfmSegment::Lost: return QCoreApplication::translate("RfmSegment", "Lost");
    }
    return {};
}

const char* rfmSegmentKey(RfmSegment segment)
{
    switch (segment) {
    case RfmSegment::Champions: return "champions";
    case RfmSegment::Loyal: return "loyal";
    case RfmSegment::PotentialLoyalists: return "potential_loyalists";
    case RfmSegment::New: return "new";
    case RfmSegment::AtRisk: return "at_risk";
    case RfmSegment::CantLose: return "cant_lose";
    case RfmSegment::Hibernating: return "hibernating";
    case RfmSegment::Lost: return "lost";
    }
    return "";
}

double RfmSegmentation::revenueShare(RfmSegment segment) const
{
    if (revenue <= 0)
        return 0.0;
    return double(segments[std::size_t(segment)].revenue) / double(revenue);
}

RfmSegmentation segmentCustomers(const PurchaseHistory& history, std::int64_t asOfDay)
{
    RfmSegmentation result;
    result.asOfDay = asOfDay;
    result.customers.resize(history.customers.size());
    // A customer without purchase days (not made by purchasesFromEvents, but possible in a
    // history built by hand) ranks last on every measure.
    std::vector<bool> bought(history.customers.size());
    for (std::size_t i = 0; i < history.customers.size(); ++i) {
        const CustomerPurchases& c = history.customers[i];
        RfmScore& s = result.customers[i];
        bought[i] = !c.days.empty();
        s.frequency = std::int64_t(c.days.size());
        for (const PurchaseDay& d : c.days)
            s.monetary += d.amount;
        s.recencyDays = bought[i] ? asOfDay - c.days.back().day : 0;
        result.revenue += s.monetary;
    }
    const RfmScore* first = result.customers.data();
    scoreByRank(result.customers, &RfmScore::r, [&](const RfmScore& a, const RfmScore& b) {
        const bool aBought = bought[std::size_t(&a - first)], bBought = bought[std::size_t(&b - first)];
        if (aBought != bBought)
            return !aBought;
        return a.recencyDays > b.recencyDays; // longer ago is worse
    });
    scoreByRank(result.customers, &RfmScore::f,
                [](const RfmScore& a, const RfmScore& b) { return a.frequency < b.frequency; });
    scoreByRank(result.customers, &RfmScore::m,
                [](const RfmScore& a, const RfmScore& b) { return a.monetary < b.monetary; });
    for (RfmScore& s : result.customers) {
        s.segment = rfmSegmentOf(s.r, s.f, s.m);
        RfmSegmentTotals& totals = result.segments[std::size_t(s.segment)];
        ++totals.customers;
        totals.revenue += s.monetary;
        totals.recencyDaysSum += s.recencyDays;
        totals.frequencySum += s.frequency;
    }
    return result;
}

} // namespace clv
