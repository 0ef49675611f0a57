#pragma once

#include <string>
#include <string_view>

namespace clv {

struct CsvOptions {
    // Spreadsheet programs run a cell that begins with =, +, -, @, a tab or a carriage return
    // as a formula, so a customer id or a rejected line from a hostile event file could run
    // code when the CSV is opened. With this set, such a text cell is written with a leading
    // apostrophe, which spreadsheets show as text. Numbers are never changed. Off by default:
    // the published tables are reproduced byte for byte.
    bool neutraliseFormulas = false;
};

// Appends `field` to `out` as one RFC 4180 field: quoted when it holds a comma, a quote,
// or a line break, with quotes doubled; a would-be formula neutralised when asked.
void appendCsvField(std::string& out, std::string_view field, const CsvOptions& options = {});

// Whether a spreadsheet would read `field` as a formula.
bool looksLikeFormula(std::string_view field);

} // namespace clv
