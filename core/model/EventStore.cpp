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

namespace {

template <class T>
void appendAll(std::vector<T>& to, const std::vector<T>& from)
{
    to.insert(to.end(), from.begin(), from.end());
}

// Appends `from`'s indexes as `map` renames them (another store's or a block's ids to ours).
void appendMapped(std::vector<std::uint32_t>& to, const std::vector<std::uint32_t>& from,
                  const std::vector<std::uint32_t>& map)
{
    to.reserve(to.size() + from.size());
    for (std::uint32_t index : from)
        to.push_back(map[index]);
}

} // namespace

void EventStore::appendColumns(const EventColumns& columns, std::uint32_t file)
{
    std::vector<std::uint32_t> customerMap(columns.customerIds.size());
    for (std::size_t i = 0; i < customerMap.size(); ++i)
        customerMap[i] = m_customerIds.intern(columns.customerIds[i]);
    std::vector<std::uint32_t> detailMap(columns.details.size() + 1, StringPool::kAbsent);
    for (std::size_t i = 0; i < columns.details.size(); ++i)
        detailMap[i + 1] = m_details.intern(columns.details[i]);

    appendMapped(m_customer, columns.customer, customerMap);
    appendAll(m_time, columns.time);
    appendAll(m_type, columns.type);
    appendAll(m_verb, columns.verb);
    appendAll(m_amount, columns.amountCents);
    m_keys.appendAll(columns.key);
    for (std::size_t d = 0; d < m_detail.size(); ++d)
        appendMapped(m_detail[d], columns.detail[d], detailMap);
    m_sourceFile.insert(m_sourceFile.end(), columns.size(), file);
    appendAll(m_sourceLine, columns.line);
}

void EventStore::appendColumns(const EventStore& other, const std::vector<std::uint32_t>& customerMap)
{
    std::vector<std::uint32_t> detailMap(other.m_details.size(), StringPool::kAbsent);
    for (std::uint32_t id = 1; id < other.m_details.size(); ++id)
        detailMap[id] = m_details.intern(other.m_details.view(id));

    appendMapped(m_customer, other.m_customer, customerMap);
    appendAll(m_time, other.m_time);
    appendAll(m_type, other.m_type);
    appendAll(m_verb, other.m_verb);
    appendAll(m_amount, other.m_amount);
    m_keys.appendColumn(other.m_keys);
    for (std::size_t d = 0; d < m_detail.size(); ++d)
        appendMapped(m_detail[d], other.m_detail[d], detailMap);
    appendAll(m_sourceFile, other.m_sourceFile);
    appendAll(m_sourceLine, other.m_sourceLine);
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
