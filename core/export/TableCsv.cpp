#include "export/TableCsv.h"

#include "export/CsvField.h"
#include "export/NumberFormat.h"
#include "export/OrderedBlocks.h"
#include "export/WriteFully.h"
#include "util/ComputePool.h"

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

// Rows come customer after customer: a customer's CSV field is made once for all its rows.
class CustomerFields {
public:
    CustomerFields(const EventStore& events, const CsvOptions& csv) : m_events(events), m_csv(csv) {}
    const std::string& operator()(std::uint32_t customer)
    {
        if (customer != m_customer || m_field.empty()) {
            m_customer = customer;
            m_field.clear();
            appendCsvField(m_field, m_events.customerId(customer), m_csv);
            m_field += ',';
        }
        return m_field;
    }

private:
    const EventStore& m_events;
    const CsvOptions& m_csv;
    std::uint32_t m_customer = StringPool::kAbsent;
    std::string m_field;
};

void formatVisitRows(const ResultTables& tables, std::size_t begin, std::size_t end, const CsvOptions& csv,
                     std::string& text)
{
    const VisitsTable& v = tables.visits;
    text.reserve((end - begin) * 40);
    CustomerFields customerField(*tables.events, csv);
    for (std::size_t i = begin; i < end; ++i) {
        text += customerField(v.customer[i]);
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
}

void formatWeeklyRows(const ResultTables& tables, std::size_t begin, std::size_t end, const CsvOptions& csv,
                      std::string& text)
{
    const WeeklyTable& w = tables.weekly;
    text.reserve((end - begin) * 64);
    CustomerFields customerField(*tables.events, csv);
    for (std::size_t i = begin; i < end; ++i) {
        text += customerField(w.customer[i]);
        appendInt(text, w.weekId[i]);
        text += ',';
        appendInt(text, w.visits[i]);
        text += ',';
        appendDouble(text, w.amountPerWeek[i]);
        text += ',';
        appendDouble(text, w.amountPerVisit(i));
        text += '\n';
    }
}

void formatLtvRows(const ResultTables& tables, std::size_t begin, std::size_t end, const CsvOptions& csv,
                   std::string& text)
{
    const EventStore& events = *tables.events;
    text.reserve((end - begin) * 40);
    for (std::size_t i = begin; i < end; ++i) {
        appendCsvField(text, events.customerId(tables.ltv[i].customer), csv);
        text += ',';
        appendDouble(text, tables.ltv[i].ltv);
        text += '\n';
    }
}

// Formatting millions of rows is the slow part of an export: blocks of rows are formatted
// on the pool while the blocks before them are written.
bool writeTable(QIODevice& out, std::string_view header, std::size_t rows, const TableCsvOptions& options,
                const RowFormatter& format)
{
    constexpr std::size_t kBlockRows = std::size_t(1) << 16;
    return writeFully(out, header.data(), qint64(header.size()))
        && writeOrderedBlocks(out, rows, options.pool ? options.pool : computePool(), format, kBlockRows,
                              options.control);
}

} // namespace

bool writeVisitsCsv(const ResultTables& tables, QIODevice& out, const TableCsvOptions& options)
{
    return writeTable(out, kVisitsHeader, tables.visits.size(), options,
                      [&](std::size_t begin, std::size_t end, std::string& text) {
                          formatVisitRows(tables, begin, end, options.csv, text);
                      });
}

bool writeWeeklyCsv(const ResultTables& tables, QIODevice& out, const TableCsvOptions& options)
{
    return writeTable(out, kWeeklyHeader, tables.weekly.size(), options,
                      [&](std::size_t begin, std::size_t end, std::string& text) {
                          formatWeeklyRows(tables, begin, end, options.csv, text);
                      });
}

bool writeLtvCsv(const ResultTables& tables, QIODevice& out, long long limit, const TableCsvOptions& options)
{
    const std::size_t rows = limit < 0 ? tables.ltv.size()
                                       : std::min(tables.ltv.size(), static_cast<std::size_t>(limit));
    return writeTable(out, kLtvHeader, rows, options, [&](std::size_t begin, std::size_t end, std::string& text) {
        formatLtvRows(tables, begin, end, options.csv, text);
    });
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
