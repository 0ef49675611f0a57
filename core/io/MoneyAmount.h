#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace clv {

// Money is held as integer cents so that sums are exact.
using Cents = std::int64_t;

struct MoneyParse {
    std::optional<Cents> cents;
    std::string error;
};

// Parses `"<non-negative decimal, at most 2 decimals> USD"`, e.g. "12.34 USD" or "7 USD".
MoneyParse parseMoneyAmount(std::string_view text);

} // namespace clv
