#pragma once

#include <cstdint>
#include <string>

namespace clv {

// Writes `value` as Python's repr() of a float does, which is how the seed's tables were
// printed: the shortest text that reads back to the same double, `.0` on whole numbers,
// and an exponent (`1e-05`, `1.5e+16`) only for very small or very large magnitudes.
// Returns the number of characters written; `out` needs room for 32.
int formatShortestDouble(double value, char* out);
std::string formatShortestDouble(double value);

// Cents as the seed printed amounts (a float in dollars): 5238 -> "52.38", 0 -> "0.0".
int formatCentsAsDollars(std::int64_t cents, char* out);

} // namespace clv
