#include "model/EventStore.h"

namespace clv {

void EventStore::reserve(std::size_t events)
{
    m_customer.reserve(events);
    m_time.reserve(events);
    m_type.reserve(events);
    m_verb.reserve(events);
    m_amount.reserve(events);
    m_keys.reserve(events, events * 12);
    for (auto& column : m_detail)
        column.reserve(events);
    m_sourceFile.reserve(events);
    m_sourceLine.reserve(events);
}

void EventStore::clear()
{
    m_customerIds.clear();
    m_details.clear();
    m_customer.clear();
    m_time.clear();
    m_type.clear();
    m_verb.clear();
    m_amount.clear();
    m_keys.clear();
    for (auto& column : m_detail)
        column.clear();
    m_sourceFile.clear();
    m_sourceLine.clear();
}

void EventStore::append(const EventView& event, SourceRef source)
{
    m_customer.push_back(m_customerIds.intern(event.customerId));
    m_time.push_back(event.time);
    m_type.push_back(event.type);
    m_verb.push_back(event.verb);
    m_amount.push_back(event.type == EventType::Order ? event.amountCents : 0);
    m_keys.append(event.key);
    for (int d = 0; d < kDetailCount; ++d)
        m_detail[static_cast<std::size_t>(d)].push_back(event.hasDetail[d] ? m_details.intern(event.detail[d])
                                                                           : StringPool::kAbsent);
    m_sourceFile.push_back(source.file);
    m_sourceLine.push_back(source.line);
}

void EventStore::appendStore(const EventStore& other)
{
    // Chunks intern few distinct strings compared with their row count, so mapping ids
    // through a small table is much cheaper than re-interning every row.
    std::vector<std::uint32_t> customerMap(other.m_customerIds.size(), StringPool::kAbsent);
    for (std::uint32_t id = 1; id < other.m_customerIds.size(); ++id)
        customerMap[id] = m_customerIds.internHashed(other.m_customerIds.view(id), other.m_customerIds.hashOf(id));
    appendColumns(other, customerMap);
}

void EventStore::appendChunk(const EventStore& chunk)
{
    if (m_provisional.empty())
        m_provisionalFrom = size();
    std::vector<std::uint32_t> customerMap(chunk.m_customerIds.size(), StringPool::kAbsent);
    for (std::uint32_t id = 1; id < chunk.m_customerIds.size(); ++id)
        customerMap[id] = m_provisional.add(chunk.m_customerIds.view(id), chunk.m_customerIds.hashOf(id));
    appendColumns(chunk, customerMap);
}

void EventStore::resolveCustomerIds(QThreadPool* threads)
{
    if (m_provisional.empty())
        return;
    const std::vector<std::uint32_t> finalId = m_provisional.resolveInto(m_customerIds, threads);
    for (std::size_t row = m_provisionalFrom; row < size(); ++row)
        m_customer[row] = finalId[m_customer[row]];
    m_provisional.clear();
}

void EventStore::appendColumns(const EventColumns& columns, std::uint32_t file)
{
    std::vector<std::uint32_t> customerMap(columns.customerIds.size());
    for (std::size_t i = 0; i < customerMap.size(); ++i)
        customerMap[i] = m_customerIds.intern(columns.customerIds[i]);
    std::vector<std::uint32_t> detailMap(columns.details.size() + 1, StringPool::kAbsent);
    for (std::size_t i = 0; i < columns.details.size(); ++i)
        detailMap[i + 1] = m_details.intern(columns.details[i]);

    const std::size_t n = columns.size();
    m_customer.reserve(m_customer.size() + n);
    for (std::uint32_t c : columns.customer)
        m_customer.push_back(customerMap[c]);
    m_time.insert(m_time.end(), columns.time.begin(), columns.time.end());
    m_type.insert(m_type.end(), columns.type.begin(), columns.type.end());
    m_verb.insert(m_verb.end(), columns.verb.begin(), columns.verb.end());
    m_amount.insert(m_amount.end(), columns.amountCents.begin(), columns.amountCents.end());
    m_keys.appendAll(columns.key);
    for (std::size_t d = 0; d < m_detail.size(); ++d) {
        m_detail[d].reserve(m_detail[d].size() + n);
        for (std::uint32_t index : columns.detail[d])
            m_detail[d].push_back(detailMap[index]);
    }
    m_sourceFile.insert(m_sourceFile.end(), n, file);
    m_sourceLine.insert(m_sourceLine.end(), columns.line.begin(), columns.line.end());
}

void EventStore::appendColumns(const EventStore& other, const std::vector<std::uint32_t>& customerMap)
{
    std::vector<std::uint32_t> detailMap(other.m_details.size(), StringPool::kAbsent);
    for (std::uint32_t id = 1; id < other.m_details.size(); ++id)
        detailMap[id] = m_details.intern(other.m_details.view(id));

    const std::size_t n = other.size();
    m_customer.reserve(m_customer.size() + n);
    for (std::uint32_t c : other.m_customer)
        m_customer.push_back(customerMap[c]);
    m_time.insert(m_time.end(), other.m_time.begin(), other.m_time.end());
    m_type.insert(m_type.end(), other.m_type.begin(), other.m_type.end());
    m_verb.insert(m_verb.end(), other.m_verb.begin(), other.m_verb.end());
    m_amount.insert(m_amount.end(), other.m_amount.begin(), other.m_amount.end());
    m_keys.appendColumn(other.m_keys);
    for (std::size_t d = 0; d < m_detail.size(); ++d) {
        m_detail[d].reserve(m_detail[d].size() + n);
        for (std::uint32_t id : other.m_detail[d])
            m_detail[d].push_back(detailMap[id]);
    }
    m_sourceFile.insert(m_sourceFile.end(), other.m_sourceFile.begin(), other.m_sourceFile.end());
    m_sourceLine.insert(m_sourceLine.end(), other.m_sourceLine.begin(), other.m_sourceLine.end());
}

void EventStore::shiftSource(std::size_t from, std::uint32_t file, std::uint32_t lineOffset)
{
    for (std::size_t i = from; i < size(); ++i) {
        m_sourceFile[i] = file;
        m_sourceLine[i] += lineOffset;
    }
}

EventRecord EventStore::record(std::size_t i) const
{
    EventRecord r;
    r.type = m_type[i];
    r.verb = m_verb[i];
    r.key = std::string(m_keys[i]);
    r.customerId = std::string(m_customerIds.view(m_customer[i]));
    r.time = m_time[i];
    r.amountCents = m_amount[i];
    for (int d = 0; d < kDetailCount; ++d) {
        const std::uint32_t id = m_detail[static_cast<std::size_t>(d)][i];
        r.hasDetail[d] = id != StringPool::kAbsent;
        r.detail[d] = std::string(m_details.view(id));
    }
    return r;
}

} // namespace clv
