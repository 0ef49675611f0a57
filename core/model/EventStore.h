#pragma once

#include "model/Event.h"
#include "model/EventColumns.h"
#include "model/ProvisionalNames.h"
#include "model/StringPool.h"

#include <array>
#include <cstdint>
#include <vector>

class QThreadPool;

namespace clv {

// The accepted events of a run, column by column: customer ids interned to integers,
// times as int64 microseconds, money as int64 cents, type and verb as small enums.
// Row i is the i-th accepted event in input order (files in order, lines in order),
// which is the order that breaks ties between equal event times.
class EventStore {
public:
    static constexpr int kDetailCount = 3;

    std::size_t size() const { return m_time.size(); }
    bool empty() const { return m_time.empty(); }

    void append(const EventView& event, SourceRef source);
    void append(const EventRecord& event, SourceRef source) { append(EventView::of(event), source); }
    // Copies `other`'s rows to the end, re-mapping its interned ids into this store's pools.
    void appendStore(const EventStore& other);
    // The same, for the parallel reader: customer ids stay provisional until
    // resolveCustomerIds(), which must be called before the store is used.
    void appendChunk(const EventStore& chunk);
    void resolveCustomerIds(QThreadPool* threads);
    // Events of a stored block, all from file `file` (amounts of other than ORDER events
    // must be 0, as append() keeps them).
    void appendColumns(const EventColumns& columns, std::uint32_t file);
    void reserve(std::size_t events);
    // For result tables unpacked without their events (ResultPack): the customer ids and
    // details their rows name, interned by text (the ids follow the order of first interning).
    std::uint32_t internCustomerId(std::string_view id) { return m_customerIds.intern(id); }
    std::uint32_t internDetail(std::string_view text) { return m_details.intern(text); }
    // Empties the store but keeps its memory, for a worker that refills it step after step.
    void clear();

    std::uint32_t customer(std::size_t i) const { return m_customer[i]; }
    TimeMicros time(std::size_t i) const { return m_time[i]; }
    EventType type(std::size_t i) const { return m_type[i]; }
    EventVerb verb(std::size_t i) const { return m_verb[i]; }
    Cents amountCents(std::size_t i) const { return m_amount[i]; }
    std::string_view key(std::size_t i) const { return m_keys[i]; }
    // CUSTOMER: 0 last_name, 1 adr_city, 2 adr_state; IMAGE: 0 camera_make, 1 camera_model.
    std::uint32_t detail(std::size_t i, int which) const { return m_detail[static_cast<std::size_t>(which)][i]; }
    SourceRef source(std::size_t i) const { return {m_sourceFile[i], m_sourceLine[i]}; }

    std::string_view customerId(std::uint32_t customer) const { return m_customerIds.view(customer); }
    std::string_view detailText(std::uint32_t id) const { return m_details.view(id); }
    // Number of customer ids, plus one for the reserved id 0.
    std::uint32_t customerIdCount() const { return m_customerIds.size(); }

    const std::vector<std::uint32_t>& customerColumn() const { return m_customer; }
    const std::vector<TimeMicros>& timeColumn() const { return m_time; }
    const std::vector<EventType>& typeColumn() const { return m_type; }

    EventRecord record(std::size_t i) const;

    // Line numbers of a chunk are counted from its start; the reader shifts them once it
    // knows where the chunk begins in its file.
    void shiftSource(std::size_t from, std::uint32_t file, std::uint32_t lineOffset);

private:
    void appendColumns(const EventStore& other, const std::vector<std::uint32_t>& customerMap);

    ProvisionalNames m_provisional;
    std::size_t m_provisionalFrom = 0; // rows from here on hold provisional customer ids
    StringPool m_customerIds;
    StringPool m_details;
    std::vector<std::uint32_t> m_customer;
    std::vector<TimeMicros> m_time;
    std::vector<EventType> m_type;
    std::vector<EventVerb> m_verb;
    std::vector<Cents> m_amount;
    StringColumn m_keys;
    std::array<std::vector<std::uint32_t>, kDetailCount> m_detail;
    std::vector<std::uint32_t> m_sourceFile;
    std::vector<std::uint32_t> m_sourceLine;
};

} // namespace clv
