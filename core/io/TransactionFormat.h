#pragma once

#include "io/ColumnSelection.h"
#include "io/FieldCursor.h"

#include <optional>
#include <string>
#include <string_view>

namespace clv {

// How a run reads transaction tables (SPEC §11), as the user asked.
struct TransactionOptions {
    // The id, date and amount columns (--columns); unset: found by the header's names.
    std::optional<ColumnSelection> columns;
};

// How the rows of one table are read, decided from its first non-blank line.
struct TransactionLayout {
    FieldSeparator separator = FieldSeparator::Comma;
    int idColumn = 0; // 0-based
    int dateColumn = 1;
    int amountColumn = 2;
    // The header's number of fields, which every row must have; 0 when the table has no
    // header (a row then needs only the columns read).
    int headerFields = 0;

    bool hasHeader() const { return headerFields > 0; }
};

struct TransactionLayoutParse {
    std::optional<TransactionLayout> layout;
    std::string problem; // why the table cannot be read at all, when layout is empty
};

// Decides a table's layout from its first non-blank line (without its '\n'):
// - the separator: a tab, else a comma, else runs of blanks;
// - with columns given by name, that line is the header holding the names;
// - with columns given by number, it is a header when neither its date column holds a date
//   nor its amount column an amount, else the first row;
// - with no columns given, it is a header when it names an id, a date and an amount column
//   (customer_id/customer/id, event_time/date/time,
//   total_amount/amount/dollar_value/price, in any case), or the first row of a
//   three-column table (id, date, amount) when it holds a date in the second field.
// Anything else is a problem of the whole table, said in plain words.
TransactionLayoutParse detectTransactionLayout(std::string_view firstLine, const TransactionOptions& options);

} // namespace clv
