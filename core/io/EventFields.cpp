#include "io/EventFields.h"

#include <array>

namespace clv {

namespace {
constexpr std::array<std::string_view, static_cast<std::size_t>(EventField::Other)> kNames = {
    "type",      "verb",     "key",       "customer_id", "event_time",   "total_amount",
    "last_name", "adr_city", "adr_state", "camera_make", "camera_model", "tags",
};
} // namespace

EventField eventFieldFromName(std::string_view name)
{
    for (std::size_t i = 0; i < kNames.size(); ++i)
        if (kNames[i] == name)
            return static_cast<EventField>(i);
    return EventField::Other;
}

std::string_view eventFieldName(EventField field)
{
    const auto i = static_cast<std::size_t>(field);
    return i < kNames.size() ? kNames[i] : std::string_view("?");
}

} // namespace clv
