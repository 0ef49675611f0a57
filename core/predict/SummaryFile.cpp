#include "predict/SummaryFile.h"

#include "util/LineText.h"

#include <QFile>

#include <charconv>
#include <cmath>
#include <optional>

namespace clv {

namespace {

std::vector<std::string_view> splitFields(std::string_view line)
{
    std::vector<std::string_view> fields;
    std::size_t start = 0;
    for (;;) {
        const std::size_t comma = line.find(',', start);
        std::string_view field = trimmed(
            line.substr(start, comma == std::string_view::npos ? line.npos : comma - start));
        if (field.size() >= 2 && field.front() == '"' && field.back() == '"')
            field = field.substr(1, field.size() - 2);
        fields.push_back(field);
        if (comma == std::string_view::npos)
            return fields;
        start = comma + 1;
    }
}

std::optional<double> number(std::string_view text)
{
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

struct Layout {
    int id = -1;
    int x = -1;
    int tx = -1;
    int T = -1;
    int monetary = -1;
    std::size_t fields = 0;
};

int find(const std::vector<std::string_view>& header, std::initializer_list<std::string_view> names)
{
    for (std::size_t i = 0; i < header.size(); ++i)
        for (std::string_view name : names)
            if (header[i] == name)
                return int(i);
    return -1;
}

std::optional<Layout> layoutOf(const std::vector<std::string_view>& header)
{
    Layout layout;
    layout.fields = header.size();
    layout.x = find(header, {"x", "frequency"});
    layout.tx = find(header, {"t_x", "recency"});
    layout.T = find(header, {"T"});
    layout.monetary = find(header, {"zbar", "monetary_value", "monetary"});
    layout.id = find(header, {"ID", "id", "customer_id", "CustomerID", "customer", "Id"});
    if (layout.id < 0 && !header.empty() && header.front().empty())
        layout.id = 0; // a data frame's unnamed index column
    if (layout.x < 0 || layout.tx < 0 || layout.T < 0)
        return std::nullopt;
    return layout;
}

Rejection rejection(std::uint32_t line, std::string reason, std::string_view raw)
{
    return {0, line, std::move(reason), std::string(raw.substr(0, Rejection::kMaxRawBytes))};
}

// Empty when the row is a customer, else why not.
std::string check(const CustomerRfm& c)
{
    if (c.x < 0 || c.x != std::floor(c.x))
        return "x (frequency) must be a whole number of at least 0";
    if (c.tx < 0)
        return "t_x (recency) must not be negative";
    if (c.tx > c.T)
        return "t_x (recency) must not be after T";
    if (c.x == 0 && c.tx != 0)
        return "t_x (recency) must be 0 when x (frequency) is 0";
    if (c.monetary < 0)
        return "the monetary value must not be negative";
    return {};
}

} // namespace

SummaryFileRead readSummaryText(std::string_view text, TimeUnit unit)
{
    constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
    if (text.substr(0, kByteOrderMark.size()) == kByteOrderMark)
        text.remove_prefix(kByteOrderMark.size());
    SummaryFileRead read;
    read.summary.unit = unit;
    std::optional<Layout> layout;
    std::uint32_t lineNumber = 0;
    while (!text.empty()) {
        const std::size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
        ++lineNumber;
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (trimmed(line).empty())
            continue;
        const std::vector<std::string_view> fields = splitFields(line);
        if (!layout) {
            layout = layoutOf(fields);
            if (!layout) {
                read.error = QStringLiteral("the first line names no summary columns: expected ID,x,t_x,T,zbar "
                                            "or frequency,recency,T,monetary_value");
                return read;
            }
            continue;
        }
        if (fields.size() != layout->fields) {
            read.rejections.push_back(rejection(lineNumber,
                                                "expected " + std::to_string(layout->fields) + " fields, found "
                                                    + std::to_string(fields.size()),
                                                line));
            continue;
        }
        CustomerRfm c;
        c.id = layout->id >= 0 ? std::string(fields[std::size_t(layout->id)]) : std::to_string(lineNumber);
        const auto x = number(fields[std::size_t(layout->x)]);
        const auto tx = number(fields[std::size_t(layout->tx)]);
        const auto T = number(fields[std::size_t(layout->T)]);
        const auto m = layout->monetary >= 0 ? number(fields[std::size_t(layout->monetary)]) : std::optional<double>(0);
        if (!x || !tx || !T || !m) {
            read.rejections.push_back(rejection(lineNumber, "a value is not a number", line));
            continue;
        }
        c.x = *x;
        c.tx = *tx;
        c.T = *T;
        c.monetary = c.x > 0 ? *m : 0;
        if (std::string why = check(c); !why.empty()) {
            read.rejections.push_back(rejection(lineNumber, std::move(why), line));
            continue;
        }
        read.summary.customers.push_back(std::move(c));
    }
    if (!layout)
        read.error = QStringLiteral("the summary file is empty");
    return read;
}

SummaryFileRead readSummaryFile(const QString& path, TimeUnit unit)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        SummaryFileRead read;
        read.error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return read;
    }
    const QByteArray bytes = file.readAll();
    return readSummaryText(std::string_view(bytes.constData(), std::size_t(bytes.size())), unit);
}

} // namespace clv
