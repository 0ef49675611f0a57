#include "predict/SegmentOutputs.h"

#include "export/NumberFormat.h"
#include "export/WriteFully.h"

#include <string>

namespace clv {

namespace {

// Text is handed to the device in pieces of about this size: a table of millions of
// customers never sits whole in memory twice.
constexpr std::size_t kFlushBytes = 1 << 20;

// Exact dollars from cents, always with two decimals ("-0.05", "12.30"): money in these
// files is read by people and spreadsheets, not compared with the seed's float text.
void appendCents(std::string& out, Cents cents)
{
    if (cents < 0) {
        out += '-';
        // Two steps, so that the most negative count of cents does not overflow.
        out += std::to_string(-(cents / 100));
        const Cents rest = -(cents % 100);
        out += '.';
        out += char('0' + rest / 10);
        out += char('0' + rest % 10);
        return;
    }
    out += std::to_string(cents / 100);
    out += '.';
    out += char('0' + (cents % 100) / 10);
    out += char('0' + cents % 10);
}

bool flushIfFull(QIODevice& out, std::string& text, bool last = false)
{
    if (text.size() < kFlushBytes && !last)
        return true;
    const bool ok = writeFully(out, text.data(), qint64(text.size()));
    text.clear();
    return ok;
}

} // namespace

bool writeCohortsCsv(const CohortTable& cohorts, QIODevice& out)
{
    std::string text = "cohort,period,offset,customers,active_customers,retention,revenue\n";
    const char* period = cohorts.period == CohortPeriod::Week ? "week" : "month";
    for (const Cohort& cohort : cohorts.cohorts) {
        const std::string start = cohort.start.toString(QStringLiteral("yyyy-MM-dd")).toStdString();
        for (std::size_t offset = 0; offset < cohort.activeCustomers.size(); ++offset) {
            text += start;
            text += ',';
            text += period;
            text += ',' + std::to_string(offset) + ',' + std::to_string(cohort.customers) + ','
                + std::to_string(cohort.activeCustomers[offset]) + ',';
            text += formatShortestDouble(cohort.retention(offset));
            text += ',';
            appendCents(text, cohort.revenueByPeriod[offset]);
            text += '\n';
            if (!flushIfFull(out, text))
                return false;
        }
    }
    return flushIfFull(out, text, true);
}

bool writeRfmSegmentsCsv(const PurchaseHistory& history, const RfmSegmentation& segments, QIODevice& out,
                         const CsvOptions& csv)
{
    std::string text = "customer_id,recency_days,frequency,monetary,r,f,m,segment\n";
    const std::size_t rows = std::min(history.customers.size(), segments.customers.size());
    for (std::size_t i = 0; i < rows; ++i) {
        const RfmScore& s = segments.customers[i];
        appendCsvField(text, history.customers[i].id, csv);
        text += ',' + std::to_string(s.recencyDays) + ',' + std::to_string(s.frequency) + ',';
        appendCents(text, s.monetary);
        text += ',' + std::to_string(int(s.r)) + ',' + std::to_string(int(s.f)) + ',' + std::to_string(int(s.m)) + ',';
        text += rfmSegmentKey(s.segment);
        text += '\n';
        if (!flushIfFull(out, text))
            return false;
    }
    return flushIfFull(out, text, true);
}

std::vector<NamedOutput> segmentOutputs(const PurchaseOverview& overview, CohortPeriod period, const CsvOptions& csv)
{
    return {
        {kCohortsFile, [&overview, period](QIODevice& d) { return writeCohortsCsv(overview.cohorts(period), d); }},
        {kRfmSegmentsFile,
         [&overview, csv](QIODevice& d) { return writeRfmSegmentsCsv(overview.history, overview.segments, d, csv); }},
    };
}

} // namespace clv
