#include "io/PurchaseEvents.h"

namespace clv {

void PurchaseEvents::append(EventStore& events, const PurchaseRow& row, std::string_view orderKey, SourceRef source)
{
    m_record.customerId.assign(row.customerId);
    m_record.key.assign(orderKey);
    m_record.time = row.time;
    m_record.verb = EventVerb::New;
    m_record.type = EventType::SiteVisit;
    m_record.amountCents = 0;
    events.append(m_record, source);
    m_record.type = EventType::Order;
    m_record.amountCents = row.amountCents;
    events.append(m_record, source);
}

} // namespace clv
