#pragma once

#include "model/Event.h"

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

namespace clv {

// Events column by column with their strings as indexes into small dictionaries of their
// own, as a workspace's event block holds them (EventBlockCodec). EventStore::appendColumns
// interns each dictionary entry once instead of every row's strings; the views point into
// bytes the producer keeps alive.
struct EventColumns {
    std::vector<std::string_view> customerIds; // the dictionary of customer ids
    std::vector<std::string_view> details;     // the dictionary of details
    std::vector<std::uint32_t> customer;       // per event: index into customerIds
    std::vector<TimeMicros> time;
    std::vector<EventType> type;
    std::vector<EventVerb> verb;
    std::vector<Cents> amountCents;
    std::vector<std::string_view> key;
    std::array<std::vector<std::uint32_t>, 3> detail; // per event: index into details + 1, 0 absent
    std::vector<std::uint32_t> line;

    std::size_t size() const { return time.size(); }
};

} // namespace clv
