#pragma once

#include "io/EventTime.h"
#include "io/MoneyAmount.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace clv {

enum class EventType : std::uint8_t { Customer, SiteVisit, Image, Order };
enum class EventVerb : std::uint8_t { New, Update, Upload };

std::string_view eventTypeName(EventType type);
std::string_view eventVerbName(EventVerb verb);

// One accepted event, with its strings: what the reader produces for each good record and
// what `ingest()` takes. The event store keeps the same facts in columns.
struct EventRecord {
    EventType type = EventType::Customer;
    EventVerb verb = EventVerb::New;
    std::string key;        // customer id, page id, image id or order id, by type
    std::string customerId; // `key` for CUSTOMER, `customer_id` otherwise
    TimeMicros time = 0;
    Cents amountCents = 0; // ORDER only
    // CUSTOMER: last_name, adr_city, adr_state. IMAGE: camera_make, camera_model.
    std::string detail[3];
    bool hasDetail[3] = {false, false, false};
};

// The same facts as an EventRecord with its strings seen where the reader found them: what
// the line parser hands on, so that no string is copied before the store keeps it. Valid as
// long as the text it views.
struct EventView {
    EventType type = EventType::Customer;
    EventVerb verb = EventVerb::New;
    std::string_view key;
    std::string_view customerId;
    TimeMicros time = 0;
    Cents amountCents = 0;
    std::string_view detail[3];
    bool hasDetail[3] = {false, false, false};

    static EventView of(const EventRecord& record);
    EventRecord record() const;
};

// Where a record came from: index into the run's file list, and 1-based line number.
struct SourceRef {
    std::uint32_t file = 0;
    std::uint32_t line = 0;
};

} // namespace clv
