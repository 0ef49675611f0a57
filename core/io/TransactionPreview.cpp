#include "io/TransactionPreview.h"

#include "io/EventTime.h"
#include "io/InputStream.h"
#include "io/MoneyAmount.h"
#include "util/LineText.h"

#include <algorithm>

namespace clv {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
// A preview reads this much of a file at most: far more than twenty rows of any real table,
// and little enough to read on the window's thread.
constexpr qint64 kPreviewBytes = 1 << 20;

TransactionPreviewRead refuse(const QString& why)
{
    return {std::nullopt, why};
}

std::vector<std::string> fieldsOf(std::string_view line, FieldSeparator separator)
{
    std::vector<std::string> fields;
    FieldCursor cursor(line, separator);
    std::string_view field;
    while (cursor.next(field) && fields.size() < static_cast<std::size_t>(kMaxColumnNumber))
        fields.emplace_back(field);
    return fields;
}

bool holdsDateOrAmount(const std::vector<std::string>& fields)
{
    return std::any_of(fields.begin(), fields.end(), [](const std::string& field) {
        return parseDateOrEventTime(field).time.has_value() || parsePlainAmount(field).cents.has_value();
    });
}

bool holdsDate(const std::vector<std::string>& fields)
{
    return std::any_of(fields.begin(), fields.end(),
                       [](const std::string& field) { return parseDateOrEventTime(field).time.has_value(); });
}

// `text` holds whole lines, except its last one when `complete` is false (a file read only
// in part): that one is left out, as its fields may be cut.
TransactionPreviewRead preview(std::string_view text, bool complete, int maxRows)
{
    if (text.substr(0, kBom.size()) == kBom)
        text.remove_prefix(kBom.size());
    const std::size_t firstByte = text.find_first_not_of(" \t\r\n");
    if (firstByte == std::string_view::npos)
        return refuse(complete ? QStringLiteral("The file is empty: it holds no rows.")
                               : QStringLiteral("The file starts with more than 1 MiB of blank lines."));
    if (text[firstByte] == '{' || text[firstByte] == '[')
        return refuse(QStringLiteral("The file holds JSON events, not a table of transactions: "
                                     "open it as event files instead."));

    TransactionPreview result;
    std::uint32_t lineNumber = 0;
    bool haveFirstLine = false;
    for (std::size_t pos = 0; pos < text.size() && static_cast<int>(result.rows.size()) < maxRows;) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) {
            if (!complete)
                break;
            end = text.size();
        }
        ++lineNumber;
        std::string_view line = text.substr(pos, end - pos);
        pos = end + 1;
        if (trimmed(line).empty())
            continue;
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (!haveFirstLine) {
            haveFirstLine = true;
            result.firstLine = std::string(line);
            result.separator = guessFieldSeparator(line);
            const TransactionLayoutParse detected = detectTransactionLayout(line, TransactionOptions{});
            std::vector<std::string> fields = fieldsOf(line, result.separator);
            if (detected.layout) {
                result.detected = {detected.layout->idColumn, detected.layout->dateColumn,
                                   detected.layout->amountColumn};
                result.hasHeader = detected.layout->hasHeader();
            } else {
                result.detectionProblem = detected.problem;
                result.hasHeader = !holdsDateOrAmount(fields);
            }
            if (result.hasHeader) {
                result.columnCount = static_cast<int>(fields.size());
                result.header = std::move(fields);
                continue;
            }
        }
        TransactionPreview::Row row{lineNumber, fieldsOf(line, result.separator)};
        result.columnCount = std::max(result.columnCount, static_cast<int>(row.fields.size()));
        result.rows.push_back(std::move(row));
    }
    if (!haveFirstLine)
        return refuse(QStringLiteral("The table's first line is longer than 1 MiB: it cannot be a table's header "
                                     "or row."));
    return {std::move(result), {}};
}

} // namespace

bool TransactionPreview::looksLikeTable() const
{
    return columnsDetected() || (!hasHeader && holdsDate(fieldsOf(firstLine, separator)));
}

TransactionLayoutParse TransactionPreview::layoutWith(int idColumn, int dateColumn, int amountColumn) const
{
    return detectTransactionLayout(firstLine, transactionOptionsFor(idColumn, dateColumn, amountColumn));
}

TransactionOptions transactionOptionsFor(int idColumn, int dateColumn, int amountColumn)
{
    ColumnSelection columns;
    columns.id.number = idColumn + 1;
    columns.date.number = dateColumn + 1;
    columns.amount.number = amountColumn + 1;
    TransactionOptions options;
    options.columns = columns;
    return options;
}

TransactionPreviewRead previewTransactionText(std::string_view text, int maxRows)
{
    return preview(text, true, maxRows);
}

TransactionPreviewRead previewTransactionFile(const QString& path, int maxRows)
{
    // A compressed table is previewed by its text, as the reader reads it.
    InputStream file(path);
    if (!file.openFile())
        return refuse(QStringLiteral("The file cannot be read: %1.").arg(file.errorString()));
    std::string bytes(static_cast<std::size_t>(kPreviewBytes), '\0');
    const qint64 got = file.read(bytes.data(), static_cast<qint64>(bytes.size()));
    if (got < 0)
        return refuse(QStringLiteral("The file cannot be read: %1.").arg(file.errorString()));
    bytes.resize(static_cast<std::size_t>(got));
    return preview(bytes, file.atEnd(), maxRows);
}

} // namespace clv
