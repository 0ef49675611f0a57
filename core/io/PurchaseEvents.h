#pragma once

#include "io/TransactionLineParser.h"
#include "model/EventStore.h"

#include <string_view>

namespace clv {

// What a row of a transaction table becomes in the event store. SPEC §11: "every purchase
// is one visit with one order" — so a row is a SITE_VISIT and an ORDER NEW of its customer
// at its time, both keyed by `orderKey`, which must be unique to the row (the file and line
// it came from): the order ledger matches order keys across the whole data set, and two
// rows that shared a key would be counted as one order.
//
// No CUSTOMER event is made: the pipeline lists every customer who has any event, and a
// table has no name or address to give (the ltv table leaves them empty). The SITE_VISIT
// changes no number — an ORDER alone opens a visit too — but keeps the visits table shaped
// as for web events: a visit row beside its order row. Purchases at the same instant (two
// rows of one day, both at midnight) fall in one visit, as events at one instant do.
class PurchaseEvents {
public:
    void append(EventStore& events, const PurchaseRow& row, std::string_view orderKey, SourceRef source);

private:
    EventRecord m_record; // reused: no allocation per row once warmed up
};

} // namespace clv
