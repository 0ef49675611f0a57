#pragma once

#include "model/EventStore.h"

#include <vector>

namespace clv {

// Event rows grouped by customer: customers in ascending order of their id text, and
// within a customer, rows in input order (the pipeline then orders each group by time).
struct CustomerGrouping {
    std::vector<std::uint32_t> rows;       // event rows, customer after customer
    std::vector<std::uint32_t> start;      // rows of the k-th customer: [start[k], start[k+1])
    std::vector<std::uint32_t> customerAt; // interned customer id of the k-th customer

    std::size_t customerCount() const { return customerAt.size(); }
};

CustomerGrouping groupByCustomer(const EventStore& events);

} // namespace clv
