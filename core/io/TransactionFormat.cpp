#include "io/TransactionFormat.h"

#include "io/EventTime.h"
#include "io/MoneyAmount.h"
#include "io/ReasonText.h"

#include <algorithm>
#include <array>
#include <vector>

namespace clv {

namespace {

// The names each column is known by. A header may hold several of one column's names (an
// order "id" beside a "customer_id"): the more specific name wins, whatever its place.
constexpr std::array<std::string_view, 3> kIdNames = {"customer_id", "customer", "id"};
constexpr std::array<std::string_view, 3> kDateNames = {"event_time", "date", "time"};
constexpr std::array<std::string_view, 4> kAmountNames = {"total_amount", "amount", "dollar_value", "price"};
constexpr const char* kRoles[3] = {"id", "date", "amount"};
constexpr const char* kKnownNames[3] = {"customer_id, customer or id", "event_time, date or time",
                                        "total_amount, amount, dollar_value or price"};

TransactionLayoutParse refuse(std::string why)
{
    return {std::nullopt, std::move(why)};
}

struct FirstLine {
    std::vector<std::string> fields;
    const char* error = nullptr; // the line cannot be split
};

FirstLine splitFirstLine(std::string_view line, FieldSeparator separator)
{
    FirstLine first;
    FieldCursor cursor(line, separator);
    std::string_view field;
    while (cursor.next(field)) {
        if (first.fields.size() == static_cast<std::size_t>(kMaxColumnNumber)) {
            first.error = "it has more fields than a table may have columns";
            return first;
        }
        first.fields.emplace_back(field);
    }
    first.error = cursor.error();
    return first;
}

int findByName(const std::vector<std::string>& fields, std::string_view name)
{
    for (std::size_t i = 0; i < fields.size(); ++i)
        if (columnNamesEqual(fields[i], name))
            return static_cast<int>(i);
    return -1;
}

template <std::size_t N>
int findByNames(const std::vector<std::string>& fields, const std::array<std::string_view, N>& names)
{
    for (std::string_view name : names)
        if (const int column = findByName(fields, name); column >= 0)
            return column;
    return -1;
}

bool holdsDate(const std::vector<std::string>& fields, int column)
{
    return static_cast<std::size_t>(column) < fields.size()
        && parseDateOrEventTime(fields[static_cast<std::size_t>(column)]).time.has_value();
}

bool holdsAmount(const std::vector<std::string>& fields, int column)
{
    return static_cast<std::size_t>(column) < fields.size()
        && parsePlainAmount(fields[static_cast<std::size_t>(column)]).cents.has_value();
}

// The header's names, for a message that says what a table holds instead.
std::string listOfNames(const std::vector<std::string>& fields)
{
    constexpr std::size_t kShown = 8;
    std::string list;
    for (std::size_t i = 0; i < fields.size() && i < kShown; ++i)
        list += (i > 0 ? ", " : "") + quotedInReason(fields[i]);
    if (fields.size() > kShown)
        list += ", …";
    return list;
}

// The same column read for two purposes would make every row's id its date, or the like.
std::string sameColumnProblem(const std::array<int, 3>& columns)
{
    for (std::size_t a = 0; a < columns.size(); ++a)
        for (std::size_t b = a + 1; b < columns.size(); ++b)
            if (columns[a] == columns[b])
                return std::string("the ") + kRoles[a] + " and the " + kRoles[b] + " are the same column ("
                    + std::to_string(columns[a] + 1) + ")";
    return {};
}

TransactionLayoutParse layoutOf(FieldSeparator separator, const std::array<int, 3>& columns, std::size_t headerFields)
{
    if (std::string problem = sameColumnProblem(columns); !problem.empty())
        return refuse(std::move(problem));
    TransactionLayout layout;
    layout.separator = separator;
    layout.idColumn = columns[0];
    layout.dateColumn = columns[1];
    layout.amountColumn = columns[2];
    layout.headerFields = static_cast<int>(headerFields);
    return {layout, {}};
}

TransactionLayoutParse withSelection(const FirstLine& first, FieldSeparator separator, const ColumnSelection& selection)
{
    const std::array<const ColumnRef*, 3> refs = {&selection.id, &selection.date, &selection.amount};
    std::array<int, 3> columns{};
    bool byName = false;
    for (std::size_t role = 0; role < refs.size(); ++role) {
        columns[role] = refs[role]->number - 1;
        byName = byName || refs[role]->byName();
    }
    // Numbers alone: the first line is a header when its date and amount columns hold no
    // date and no amount (a first row with one bad value is a row, and rejected as one).
    const bool header = byName
        || (!first.error && static_cast<std::size_t>(std::max(columns[1], columns[2])) < first.fields.size()
            && !holdsDate(first.fields, columns[1]) && !holdsAmount(first.fields, columns[2]));
    if (!header)
        return layoutOf(separator, columns, 0);
    if (first.error)
        return refuse(std::string("the header cannot be split into fields: ") + first.error);
    for (std::size_t role = 0; role < refs.size(); ++role) {
        const ColumnRef& ref = *refs[role];
        if (ref.byName()) {
            columns[role] = findByName(first.fields, ref.name);
            if (columns[role] < 0)
                return refuse("the header has no column " + quotedInReason(ref.name) + " for the " + kRoles[role]
                              + " (its columns: " + listOfNames(first.fields) + ")");
        } else if (static_cast<std::size_t>(ref.number) > first.fields.size()) {
            return refuse(std::string("the ") + kRoles[role] + " column, " + std::to_string(ref.number)
                          + ", is beyond the header's " + std::to_string(first.fields.size()) + " columns");
        }
    }
    return layoutOf(separator, columns, first.fields.size());
}

TransactionLayoutParse byHeaderNames(const FirstLine& first, FieldSeparator separator)
{
    if (first.error)
        return refuse(std::string("the first line cannot be split into fields: ") + first.error);
    const std::array<int, 3> columns = {findByNames(first.fields, kIdNames), findByNames(first.fields, kDateNames),
                                        findByNames(first.fields, kAmountNames)};
    int found = 0;
    for (int column : columns)
        found += column >= 0 ? 1 : 0;
    if (found == 3)
        return layoutOf(separator, columns, first.fields.size());
    if (found > 0) {
        std::string missing;
        for (std::size_t role = 0; role < columns.size(); ++role)
            if (columns[role] < 0)
                missing += (missing.empty() ? "" : ", nor ") + std::string("the ") + kRoles[role] + " ("
                    + kKnownNames[role] + ")";
        return refuse("the header names no column for " + missing
                      + "; name the columns with --columns ID,DATE,AMOUNT (its columns: " + listOfNames(first.fields)
                      + ")");
    }
    // No header: the plainest table, id, date and amount in that order, needs no naming.
    if (first.fields.size() == 3 && holdsDate(first.fields, 1))
        return layoutOf(separator, {0, 1, 2}, 0);
    for (int column = 0; static_cast<std::size_t>(column) < first.fields.size(); ++column)
        if (holdsDate(first.fields, column))
            return refuse("the table has no header and " + std::to_string(first.fields.size())
                          + " columns: say which hold the id, the date and the amount with --columns ID,DATE,AMOUNT "
                            "(1-based numbers)");
    return refuse("the first line names no id, date and amount columns (its columns: " + listOfNames(first.fields)
                  + "); name them with --columns ID,DATE,AMOUNT");
}

} // namespace

TransactionLayoutParse detectTransactionLayout(std::string_view firstLine, const TransactionOptions& options)
{
    const FieldSeparator separator = guessFieldSeparator(firstLine);
    const FirstLine first = splitFirstLine(firstLine, separator);
    if (options.columns)
        return withSelection(first, separator, *options.columns);
    return byHeaderNames(first, separator);
}

} // namespace clv
