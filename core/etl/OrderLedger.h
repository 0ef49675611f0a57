#pragma once

#include "model/EventStore.h"
#include "util/JobControl.h"

#include <vector>

class QThreadPool;

namespace clv {

// The revenue rule for orders: an order key's revenue counts once, on its earliest event,
// with the amount of its latest event (an ORDER UPDATE replaces the amount; among events
// at the same time, the later in input order is the later one). Keys are matched across
// the whole data set, whichever customer an event names.
class OrderLedger {
public:
    static constexpr Cents kNoRevenue = -1;

    // For each event row: the revenue it carries (>= 0) when it is the earliest event of
    // its order key, else kNoRevenue. Empty when cancelled.
    static std::vector<Cents> revenueByRow(const EventStore& events, QThreadPool* pool, const JobControl* control);
};

} // namespace clv
