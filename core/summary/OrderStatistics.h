#pragma once

#include <vector>

namespace clv {

// The median of `values` (not empty): the middle value, or the mean of the two middle ones.
// Reorders `values` (partial sorts) instead of copying them.
double medianReordering(std::vector<double>& values);

// Nearest rank: the value at rank ⌈q · n⌉ of the ascending order (1-based); 0 for no values.
double nearestRank(std::vector<double> values, double q);

} // namespace clv
