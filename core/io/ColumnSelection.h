#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace clv {

// One column of a transaction table as a user names it: by its header name
// (case-insensitive), or by its 1-based number.
struct ColumnRef {
    std::string name; // empty when given by number
    int number = 0;   // 1-based; 0 when given by name

    bool byName() const { return number == 0; }
    // "3" or "customer", for messages.
    std::string text() const { return byName() ? name : std::to_string(number); }
};

// The three columns a transaction table must provide, in the order `--columns` takes them.
struct ColumnSelection {
    ColumnRef id;
    ColumnRef date;
    ColumnRef amount;
};

struct ColumnSelectionParse {
    std::optional<ColumnSelection> selection;
    std::string error; // in plain words, when selection is empty
};

// Numbers beyond this are refused: no real table is that wide, and a field counter must
// stay far from overflow.
constexpr int kMaxColumnNumber = 10000;

// Reads `ID,DATE,AMOUNT` as the command line's --columns (and the window's column fields)
// give it: three items separated by commas, each a header name or a 1-based number, e.g.
// "customer_id,date,dollar_value" or "1,3,5". The command line and the window both call this.
ColumnSelectionParse parseColumnSelection(std::string_view text);

// Whether two column names are the same name: ASCII letters match in either case
// ("Customer_ID" is "customer_id").
bool columnNamesEqual(std::string_view a, std::string_view b);

} // namespace clv
