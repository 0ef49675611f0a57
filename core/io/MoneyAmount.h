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

// Parses the amount of a transaction table: a plain non-negative decimal with at most 2
// decimals, optionally followed by a space and the currency USD ("29.33", "0", "7.5 USD").
MoneyParse parsePlainAmount(std::string_view text);

// Reads cents / 100 from its decimal text: for counts of cents too large to be exact doubles.
double dollarsFromDecimalText(Cents cents);

// The double nearest to cents / 100: what Python's float() and Spark make of the amount's
// decimal text ("12.34" is 12.339999999999999857891452847979962825775146484375).
inline double dollarsAsDouble(Cents cents)
{
    // Below 2^53 both operands are exact, and IEEE division rounds the quotient once.
    constexpr Cents kExact = Cents(1) << 53;
    if (cents < kExact && cents > -kExact) [[likely]]
        return double(cents) / 100.0;
    return dollarsFromDecimalText(cents);
}

} // namespace clv
