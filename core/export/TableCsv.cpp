#include "export/TableCsv.h"

#include "export/CsvField.h"
#include "export/NumberFormat.h"
#include "export/WriteFully.h"
#include "util/ComputePool.h"

#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <charconv>

namespace clv {

namespace {

constexpr std::size_t kFlushBytes = 1 << 20;

bool flush(QIODevice& out, std::string& buffer)
{
    const bool ok = writeFully(out, buffer.data(), static_cast<qint64>(buffer.size()));
    buffer.clear();
    return ok;
}

void appendInt(std::string& out, long long value)
{
    char buf[24];
    out.append(buf, static_cast<std::size_t>(std::to_chars(buf, buf + sizeof buf, value).ptr - buf));
}

void appendDouble(std::string& out, double value)
{
    char buf[40];
    out.append(buf, static_cast<std::size_t>(formatShortestDouble(value, buf)));
}

void appendDollars(std::string& out, Cents cents)
{
    char buf[40];
    out.append(buf, static_cast<std::size_t>(formatCentsAsDollars(cents, buf)));
}

struct RowBlock {
    std::size_t begin;
    std::size_t end;
};

std::string formatVisitRows(const ResultTables& tables, RowBlock block, const CsvOptions& csv)
{
    const EventStore& events = *tables.events;
    const VisitsTable& v = tables.visits;
    std::string text;
    text.reserve((block.end - block.begin) * 40);
    // Rows come customer after customer: the id's CSV text is made once per customer.
    std::uint32_t lastCustomer = StringPool::kAbsent;
    std::string customerField;
    for (std::size_t i = block.begin; i < block.end; ++i) {
        if (v.customer[i] != lastCustomer) {
            lastCustomer = v.customer[i];
            customerField.clear();
            appendCsvField(customerField, events.customerId(lastCustomer), csv);
            customerField += ',';
        }
        text += customerField;
        appendInt(text, v.weekId[i]);
        text += ',';
        appendInt(text, v.visitId[i]);
        text += v.isOrder[i] ? ",True," : ",False,";
        if (v.amountCents[i] == 0)
            text += "0.0";
        else
            appendDollars(text, v.amountCents[i]);
        text += '\n';
    }
    return text;
}

} // namespace

bool writeVisitsCsv(const ResultTables& tables, QIODevice& out, QThreadPool* pool, const CsvOptions& csv)
{
    // Formatting millions of rows is the slow part of an export, so blocks of rows are
    // formatted in parallel and written in order.
    if (!writeFully(out, kVisitsHeader, qint64(sizeof kVisitsHeader - 1)))
        return false;
    pool = pool ? pool : computePool();
    constexpr std::size_t kBlockRows = 1 << 17;
    const std::size_t batchBlocks = static_cast<std::size_t>(std::max(1, pool->maxThreadCount())) * 2;
    const std::size_t n = tables.visits.size();
    for (std::size_t first = 0; first < n; first += kBlockRows * batchBlocks) {
        std::vector<RowBlock> blocks;
        for (std::size_t b = first; b < n && b < first + kBlockRows * batchBlocks; b += kBlockRows)
            blocks.push_back({b, std::min(n, b + kBlockRows)});
        const std::vector<std::string> texts = QtConcurrent::blockingMapped<std::vector<std::string>>(
            pool, blocks, [&tables, &csv](const RowBlock& block) { return formatVisitRows(tables, block, csv); });
        for (const std::string& text : texts)
            if (!writeFully(out, text.data(), static_cast<qint64>(text.size())))
                return false;
    }
    return true;
}

bool writeWeeklyCsv(const ResultTables& tables, QIODevice& out, const CsvOptions& csv)
{
    const EventStore& events = *tables.events;
    const WeeklyTable& w = tables.weekly;
    std::string text = kWeeklyHeader;
    for (std::size_t i = 0; i < w.size(); ++i) {
        appendCsvField(text, events.customerId(w.customer[i]), csv);
        text += ',';
        appendInt(text, w.weekId[i]);
        text += ',';
        appendInt(text, w.visits[i]);
        text += ',';
        appendDouble(text, w.amountPerWeek[i]);
        text += ',';
        appendDouble(text, w.amountPerVisit(i));
        text += '\n';
        if (text.size() > kFlushBytes && !flush(out, text))
            return false;
    }
    return flush(out, text);
}

bool writeLtvCsv(const ResultTables& tables, QIODevice& out, long long limit, const CsvOptions& csv)
{
    const EventStore& events = *tables.events;
    const std::size_t rows = limit < 0 ? tables.ltv.size()
                                       : std::min(tables.ltv.size(), static_cast<std::size_t>(limit));
    std::string text = kLtvHeader;
    for (std::size_t i = 0; i < rows; ++i) {
        appendCsvField(text, events.customerId(tables.ltv[i].customer), csv);
        text += ',';
        appendDouble(text, tables.ltv[i].ltv);
        text += '\n';
        if (text.size() > kFlushBytes && !flush(out, text))
            return false;
    }
    return flush(out, text);
}

bool writeRejectedCsv(const ReadResult& read, QIODevice& out, const CsvOptions& csv)
{
    std::string text = kRejectedHeader;
    for (const Rejection& r : read.rejections) {
        appendCsvField(text, read.files[r.file].display.toStdString(), csv);
        text += ',';
        appendInt(text, r.line);
        text += ',';
        appendCsvField(text, r.reason, csv);
        text += ',';
        appendCsvField(text, r.raw, csv);
        text += '\n';
        if (text.size() > kFlushBytes && !flush(out, text))
            return false;
    }
    return flush(out, text);
}

} // namespace clv
