#include "summary/OrderStatistics.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace clv {

double medianReordering(std::vector<double>& values)
{
    const std::size_t n = values.size();
    const std::size_t upperMiddle = n / 2;
    std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(upperMiddle), values.end());
    const double upper = values[upperMiddle];
    if (n % 2 != 0)
        return upper;
    // nth_element left the lower half below the upper middle: its largest is the lower middle.
    return (upper + *std::max_element(values.begin(), values.begin() + std::ptrdiff_t(upperMiddle))) / 2.0;
}

double nearestRank(std::vector<double> values, double q)
{
    if (values.empty())
        return 0;
    const auto rank = std::size_t(std::max(1.0, std::ceil(q * double(values.size()))));
    std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(rank - 1), values.end());
    return values[rank - 1];
}

} // namespace clv
