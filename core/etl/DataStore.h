#pragma once

#include "etl/Parameters.h"
#include "model/ResultTables.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace clv {

// A long-lived data store D that is fed one event at a time and can be asked for
// results at any moment; they equal a batch run over the same events in the same order.
class DataStore {
public:
    DataStore();

    void ingest(const EventRecord& event, SourceRef source = {});
    std::size_t eventCount() const { return m_events->size(); }

    // Cached until the next ingest or a change of parameters.
    std::shared_ptr<const ResultTables> results(const Parameters& parameters = {});

private:
    std::shared_ptr<EventStore> m_events;
    std::shared_ptr<const ResultTables> m_cached;
};

// The original challenge's interface.
void ingest(const EventRecord& event, DataStore& store);
// Parses one JSON event and ingests it; returns the reason when the event is refused.
std::string ingest(std::string_view jsonEvent, DataStore& store);
// The x customers with the highest simple LTV (seed formula, default parameters).
std::vector<LtvRow> topXSimpleLtvCustomers(int x, DataStore& store);

} // namespace clv
