#include "io/EventValidator.h"

#include "io/ReasonText.h"

#include <optional>

namespace clv {

std::string_view jsonKindName(JsonKind kind)
{
    switch (kind) {
    case JsonKind::Absent: return "absent";
    case JsonKind::String: return "a string";
    case JsonKind::Number: return "a number";
    case JsonKind::Bool: return "a boolean";
    case JsonKind::Null: return "null";
    case JsonKind::Object: return "an object";
    case JsonKind::Array: return "an array";
    }
    return "?";
}

namespace {

std::string plain(std::string_view value)
{
    std::string q = quotedInReason(value);
    return q.substr(1, q.size() - 2);
}

std::optional<EventType> typeFromName(std::string_view name)
{
    if (name.size() < 5) // IMAGE and ORDER are the shortest
        return std::nullopt;
    if (name == "CUSTOMER")
        return EventType::Customer;
    if (name == "SITE_VISIT")
        return EventType::SiteVisit;
    if (name == "IMAGE")
        return EventType::Image;
    if (name == "ORDER")
        return EventType::Order;
    return std::nullopt;
}

std::optional<EventVerb> verbFor(EventType type, std::string_view verb)
{
    switch (type) {
    case EventType::Customer:
    case EventType::Order:
        if (verb == "NEW")
            return EventVerb::New;
        if (verb == "UPDATE")
            return EventVerb::Update;
        return std::nullopt;
    case EventType::SiteVisit:
        if (verb == "NEW")
            return EventVerb::New;
        return std::nullopt;
    case EventType::Image:
        if (verb == "UPLOAD")
            return EventVerb::Upload;
        return std::nullopt;
    }
    return std::nullopt;
}

std::string_view allowedVerbs(EventType type)
{
    switch (type) {
    case EventType::Customer:
    case EventType::Order: return "NEW or UPDATE";
    case EventType::SiteVisit: return "NEW";
    case EventType::Image: return "UPLOAD";
    }
    return "";
}

// A required member must be a non-empty string. (Checked inline: every accepted record
// passes here four or five times, and only a rejected one needs its reason built.)
bool hasText(const RawRecord& raw, EventField field)
{
    return raw.kindOf(field) == JsonKind::String && !raw.textOf(field).empty();
}

std::string requireString(const RawRecord& raw, std::string_view typeName, EventField field)
{
    if (hasText(raw, field))
        return {};
    const JsonKind kind = raw.kindOf(field);
    const std::string prefix = std::string(typeName) + " event";
    if (kind == JsonKind::Absent)
        return prefix + " lacks " + std::string(eventFieldName(field));
    if (kind != JsonKind::String)
        return prefix + " member " + std::string(eventFieldName(field)) + " must be a string, not "
            + std::string(jsonKindName(kind));
    return prefix + " has an empty " + std::string(eventFieldName(field));
}

// An optional member may be absent or null; present, it must be a string.
std::string optionalString(const RawRecord& raw, std::string_view typeName, EventField field, bool& present)
{
    const JsonKind kind = raw.kindOf(field);
    present = kind == JsonKind::String;
    if (kind == JsonKind::Absent || kind == JsonKind::Null || kind == JsonKind::String)
        return {};
    return std::string(typeName) + " event member " + std::string(eventFieldName(field)) + " must be a string, not "
        + std::string(jsonKindName(kind));
}

} // namespace

std::string validateEvent(const RawRecord& raw, EventView& event)
{
    if (!raw.isObject)
        return "not a JSON object";
    const JsonKind typeKind = raw.kindOf(EventField::Type);
    if (typeKind == JsonKind::Absent)
        return "event lacks type";
    if (typeKind != JsonKind::String)
        return "event type must be a string, not " + std::string(jsonKindName(typeKind));
    const std::string_view typeName = raw.textOf(EventField::Type);
    const auto type = typeFromName(typeName);
    if (!type)
        return "unknown event type " + plain(typeName);
    event.type = *type;

    if (!hasText(raw, EventField::Verb))
        return requireString(raw, typeName, EventField::Verb);
    const auto verb = verbFor(*type, raw.textOf(EventField::Verb));
    if (!verb)
        return std::string(typeName) + " event has unsupported verb " + plain(raw.textOf(EventField::Verb))
            + " (expected " + std::string(allowedVerbs(*type)) + ")";
    event.verb = *verb;

    for (EventField required : {EventField::Key, EventField::EventTime})
        if (!hasText(raw, required))
            return requireString(raw, typeName, required);
    if (*type != EventType::Customer && !hasText(raw, EventField::CustomerId))
        return requireString(raw, typeName, EventField::CustomerId);
    if (*type == EventType::Order && !hasText(raw, EventField::TotalAmount))
        return requireString(raw, typeName, EventField::TotalAmount);

    const std::string_view timeText = raw.textOf(EventField::EventTime);
    const EventTimeParse time = parseEventTime(timeText);
    if (!time.time)
        return "invalid event_time " + quotedInReason(timeText) + ": " + time.error;
    event.time = *time.time;

    event.amountCents = 0;
    if (*type == EventType::Order) {
        const std::string_view amountText = raw.textOf(EventField::TotalAmount);
        const MoneyParse amount = parseMoneyAmount(amountText);
        if (!amount.cents)
            return "invalid total_amount " + quotedInReason(amountText) + ": " + amount.error;
        event.amountCents = *amount.cents;
    }

    const JsonKind tagsKind = raw.kindOf(EventField::Tags);
    if (*type == EventType::SiteVisit && tagsKind != JsonKind::Absent && tagsKind != JsonKind::Null
        && tagsKind != JsonKind::Object && tagsKind != JsonKind::Array)
        return "SITE_VISIT event member tags must be an object or an array, not " + std::string(jsonKindName(tagsKind));

    event.key = raw.textOf(EventField::Key);
    event.customerId = *type == EventType::Customer ? event.key : raw.textOf(EventField::CustomerId);

    static constexpr EventField kCustomerDetails[] = {EventField::LastName, EventField::AdrCity, EventField::AdrState};
    static constexpr EventField kImageDetails[] = {EventField::CameraMake, EventField::CameraModel};
    for (int d = 0; d < 3; ++d) {
        event.hasDetail[d] = false;
        event.detail[d] = {};
    }
    auto readDetails = [&](const EventField* fields, int count) -> std::string {
        for (int d = 0; d < count; ++d) {
            const JsonKind kind = raw.kindOf(fields[d]);
            if (kind == JsonKind::String) {
                event.hasDetail[d] = true;
                event.detail[d] = raw.textOf(fields[d]);
            } else if (kind != JsonKind::Absent && kind != JsonKind::Null) {
                bool present = false;
                return optionalString(raw, typeName, fields[d], present);
            }
        }
        return {};
    };
    if (*type == EventType::Customer)
        return readDetails(kCustomerDetails, 3);
    if (*type == EventType::Image)
        return readDetails(kImageDetails, 2);
    return {};
}

} // namespace clv
