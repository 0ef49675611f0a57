#include "model/Event.h"

namespace clv {

std::string_view eventTypeName(EventType type)
{
    switch (type) {
    case EventType::Customer: return "CUSTOMER";
    case EventType::SiteVisit: return "SITE_VISIT";
    case EventType::Image: return "IMAGE";
    case EventType::Order: return "ORDER";
    }
    return "?";
}

std::string_view eventVerbName(EventVerb verb)
{
    switch (verb) {
    case EventVerb::New: return "NEW";
    case EventVerb::Update: return "UPDATE";
    case EventVerb::Upload: return "UPLOAD";
    }
    return "?";
}

EventView EventView::of(const EventRecord& record)
{
    EventView view;
    view.type = record.type;
    view.verb = record.verb;
    view.key = record.key;
    view.customerId = record.customerId;
    view.time = record.time;
    view.amountCents = record.amountCents;
    for (int d = 0; d < 3; ++d) {
        view.detail[d] = record.detail[d];
        view.hasDetail[d] = record.hasDetail[d];
    }
    return view;
}

EventRecord EventView::record() const
{
    EventRecord r;
    r.type = type;
    r.verb = verb;
    r.key = std::string(key);
    r.customerId = std::string(customerId);
    r.time = time;
    r.amountCents = amountCents;
    for (int d = 0; d < 3; ++d) {
        r.detail[d] = std::string(detail[d]);
        r.hasDetail[d] = hasDetail[d];
    }
    return r;
}

} // namespace clv
