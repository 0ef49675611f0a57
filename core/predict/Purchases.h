#pragma once

#include "io/MoneyAmount.h"
#include "util/JobControl.h"

#include <cstdint>
#include <string>
#include <vector>

class QThreadPool;

namespace clv {

class EventStore;

// One day on which a customer bought: the models count purchase days, not orders (§10).
struct PurchaseDay {
    std::int64_t day = 0; // days since 1970-01-01, UTC
    Cents amount = 0;     // the day's orders summed
};

struct CustomerPurchases {
    std::string id;
    std::vector<PurchaseDay> days; // ascending, one entry per day
};

struct PurchaseHistory {
    std::vector<CustomerPurchases> customers; // in order of customer id
    std::int64_t purchases = 0;               // orders before same-day merging
    bool empty() const { return customers.empty(); }
};

// Every order key's revenue (§2.5) is one purchase of the customer of its earliest event, on
// that event's UTC day. Transaction tables arrive here too: the reader turns each row into
// an order of its own. Empty (and cancelled) when `control` is cancelled.
PurchaseHistory purchasesFromEvents(const EventStore& events, QThreadPool* pool, const JobControl* control = nullptr);

} // namespace clv
