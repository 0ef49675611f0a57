#include "etl/DataStore.h"

#include "etl/Pipeline.h"
#include "io/EventLineParser.h"

namespace clv {

DataStore::DataStore() : m_events(std::make_shared<EventStore>())
{
}

void DataStore::ingest(const EventRecord& event, SourceRef source)
{
    m_cached.reset();
    // Results still held elsewhere share the events; they must not see this one appear.
    if (m_events.use_count() > 1) {
        auto copy = std::make_shared<EventStore>();
        copy->appendStore(*m_events);
        m_events = std::move(copy);
    }
    m_events->append(event, source);
}

std::shared_ptr<const ResultTables> DataStore::results(const Parameters& parameters)
{
    if (!m_cached || !(m_cached->parameters == parameters))
        m_cached = Pipeline(parameters).run(m_events);
    return m_cached;
}

void ingest(const EventRecord& event, DataStore& store)
{
    store.ingest(event);
}

namespace {
class IngestSink final : public RecordSink {
public:
    explicit IngestSink(DataStore& store) : m_store(store) {}
    void accept(const EventView& event) override { m_store.ingest(event.record()); }
    void reject(std::string reason) override
    {
        if (!m_reason.empty())
            m_reason += "; ";
        m_reason += reason;
    }
    std::string m_reason;

private:
    DataStore& m_store;
};
} // namespace

std::string ingest(std::string_view jsonEvent, DataStore& store)
{
    EventLineParser parser;
    IngestSink sink(store);
    parser.parseLine(jsonEvent, sink);
    return sink.m_reason;
}

std::vector<LtvRow> topXSimpleLtvCustomers(int x, DataStore& store)
{
    const auto tables = store.results(Parameters{});
    const auto n = static_cast<std::size_t>(std::max(0, x));
    return {tables->ltv.begin(), tables->ltv.begin() + static_cast<std::ptrdiff_t>(std::min(n, tables->ltv.size()))};
}

} // namespace clv
