#pragma once

#include "tables/ReadView.h"
#include "tables/TableSpec.h"

#include <array>

namespace clv {

// One parsed event, with where it came from.
struct EventsRecord {
    std::string_view customer;
    EventType type = EventType::Customer;
    EventVerb verb = EventVerb::New;
    std::string_view key;
    TimeMicros time = 0;
    Cents amountCents = 0;
    std::string_view detail1; // CUSTOMER: last_name, city, state; IMAGE: camera make, model
    std::string_view detail2;
    std::string_view detail3;
    std::string_view file;
    qint64 line = 0;
    qint64 order = 0; // input order (file, then line)

    std::array<std::string_view, 3> details() const { return {detail1, detail2, detail3}; }
};

// The events in input order. Shown from memory only: a workspace keeps its events in
// compressed blocks (EventBlockCodec), not in rows SQL could page.
struct EventsColumns {
    using Record = EventsRecord;
    using Source = ReadView;

    static const Columns<Record>& columns();
    static std::size_t rowCount(const Source& view) { return view.read->events->size(); }
    static Record record(const Source& view, std::uint32_t row);
    static std::string_view customer(const Record& r) { return r.customer; }
};

} // namespace clv
