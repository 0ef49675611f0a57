#pragma once

#include <string>
#include <string_view>

namespace clv {

// Appends `field` to `out` as one RFC 4180 field: quoted when it holds a comma, a quote,
// or a line break, with quotes doubled.
void appendCsvField(std::string& out, std::string_view field);

} // namespace clv
