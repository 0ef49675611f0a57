#pragma once

#include "predict/RfmSummary.h"

#include <span>
#include <vector>

namespace clv {

// Customers with the same (x, t_x, T) contribute the same likelihood term: each distinct
// triple is kept once with the number of customers behind it. Sorted by x, then t_x, then
// T, so that a likelihood can work out what depends on x alone once per run of equal x.
struct FrequencyTerm {
    double x = 0;
    double tx = 0;
    double T = 0;
    double weight = 0;
};

struct FrequencyTerms {
    std::vector<FrequencyTerm> terms;
    double customers = 0; // the sum of the weights: the observations for BIC
    // The distinct values of t_x and T, ascending, and where each term's are among them: a
    // likelihood works out what depends on a time alone (ln(α + t)) once per time, and there
    // are far fewer times (whole days) than terms.
    std::vector<double> times;
    std::vector<std::uint32_t> txAt;
    std::vector<std::uint32_t> TAt;
    // For each customer given to collapse(), in their order: the index of their term.
    std::vector<std::uint32_t> termOfCustomer;

    static FrequencyTerms collapse(std::span<const CustomerRfm> customers);
};

// The same for the spend model: repeat customers (x > 0) with a positive mean spend, by
// (x, mean spend).
struct SpendTerm {
    double x = 0;
    double monetary = 0;
    double weight = 0;
};

struct SpendTerms {
    std::vector<SpendTerm> terms;
    double customers = 0;
    std::int64_t leftOut = 0; // repeat customers whose mean spend is 0: no spend to model

    static SpendTerms collapse(std::span<const CustomerRfm> customers);
};

} // namespace clv
