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
    // By length first: every member name of every line comes through here, and most lengths
    // leave one or two candidates.
    auto is = [name](EventField f) { return kNames[static_cast<std::size_t>(f)] == name; };
    switch (name.size()) {
    case 3: return is(EventField::Key) ? EventField::Key : EventField::Other;
    case 4:
        if (is(EventField::Type))
            return EventField::Type;
        if (is(EventField::Verb))
            return EventField::Verb;
        return is(EventField::Tags) ? EventField::Tags : EventField::Other;
    case 8: return is(EventField::AdrCity) ? EventField::AdrCity : EventField::Other;
    case 9:
        if (is(EventField::LastName))
            return EventField::LastName;
        return is(EventField::AdrState) ? EventField::AdrState : EventField::Other;
    case 10: return is(EventField::EventTime) ? EventField::EventTime : EventField::Other;
    case 11:
        if (is(EventField::CustomerId))
            return EventField::CustomerId;
        return is(EventField::CameraMake) ? EventField::CameraMake : EventField::Other;
    case 12:
        if (is(EventField::TotalAmount))
            return EventField::TotalAmount;
        return is(EventField::CameraModel) ? EventField::CameraModel : EventField::Other;
    default: return EventField::Other;
    }
}

std::string_view eventFieldName(EventField field)
{
    const auto i = static_cast<std::size_t>(field);
    return i < kNames.size() ? kNames[i] : std::string_view("?");
}

} // namespace clv
