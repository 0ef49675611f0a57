#pragma once

#include <string_view>

namespace clv {

// The JSON members of an event that the reader looks at; everything else is kept out of
// the way (tags, unknown members) without being required.
enum class EventField : int {
    Type,
    Verb,
    Key,
    CustomerId,
    EventTime,
    TotalAmount,
    LastName,
    AdrCity,
    AdrState,
    CameraMake,
    CameraModel,
    Tags,
    Other,
};
constexpr int kStringFieldCount = static_cast<int>(EventField::Tags);

EventField eventFieldFromName(std::string_view name);
std::string_view eventFieldName(EventField field);

} // namespace clv
