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

} // namespace clv
