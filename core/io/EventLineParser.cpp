#include "io/EventLineParser.h"

#include "io/EventValidator.h"
#include "io/PlainObjectScanner.h"
#include "io/RawRecord.h"

#include <boost/json/basic_parser_impl.hpp>

#include <cstdint>
#include <deque>

namespace clv {

namespace {

namespace json = boost::json;

// Whether `part` lies within `whole` (compared as addresses: they may be unrelated).
bool holds(std::string_view whole, std::string_view part)
{
    const auto begin = reinterpret_cast<std::uintptr_t>(whole.data());
    const auto at = reinterpret_cast<std::uintptr_t>(part.data());
    return at >= begin && at + part.size() <= begin + whole.size();
}

// SAX handler: records the members of each record object. A record is the top-level
// object, or each element of a top-level array.
struct RecordCollector {
    static constexpr std::size_t max_array_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_object_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_string_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_key_size = static_cast<std::size_t>(-1);

    std::deque<RawRecord> records; // grows to the largest line seen, then reused; never moves a record
    std::string_view line;         // strings within it are viewed, not copied
    std::size_t recordCount = 0;
    std::size_t depth = 0;
    bool topIsArray = false;
    EventField field = EventField::Other;
    std::string partial;

    void reset()
    {
        recordCount = 0;
        depth = 0;
        topIsArray = false;
        field = EventField::Other;
    }

    std::size_t recordDepth() const { return topIsArray ? 2 : 1; }

    RawRecord& openRecord()
    {
        if (records.size() <= recordCount)
            records.emplace_back();
        RawRecord& r = records[recordCount++];
        r.clear();
        return r;
    }

    // A value that is not an object: where a record is expected, it is a non-object record;
    // as a member of a record, its kind is noted.
    void onValue(JsonKind kind, std::string_view text = {})
    {
        if (depth == 0 || (depth == 1 && topIsArray)) {
            openRecord().isObject = false;
        } else if (depth == recordDepth() && field != EventField::Other) {
            RawRecord& r = records[recordCount - 1];
            if (kind != JsonKind::String)
                r.kind[static_cast<std::size_t>(field)] = kind;
            else if (holds(line, text))
                r.setString(field, text);
            else // unescaped into the parser's own buffer, or pieced together in `partial`
                r.setCopiedString(field, text);
        }
    }

    bool on_document_begin(json::error_code&) { return true; }
    bool on_document_end(json::error_code&) { return true; }

    bool on_object_begin(json::error_code&)
    {
        if (depth == 0 || (depth == 1 && topIsArray))
            openRecord();
        else if (depth == recordDepth() && field != EventField::Other)
            records[recordCount - 1].kind[static_cast<std::size_t>(field)] = JsonKind::Object;
        ++depth;
        return true;
    }
    bool on_object_end(std::size_t, json::error_code&)
    {
        --depth;
        return true;
    }
    bool on_array_begin(json::error_code&)
    {
        if (depth == 0)
            topIsArray = true;
        else if (depth == 1 && topIsArray)
            openRecord().isObject = false;
        else if (depth == recordDepth() && field != EventField::Other)
            records[recordCount - 1].kind[static_cast<std::size_t>(field)] = JsonKind::Array;
        ++depth;
        return true;
    }
    bool on_array_end(std::size_t, json::error_code&)
    {
        --depth;
        return true;
    }

    bool on_key_part(json::string_view s, std::size_t, json::error_code&)
    {
        partial.append(s.data(), s.size());
        return true;
    }
    bool on_key(json::string_view s, std::size_t, json::error_code&)
    {
        if (depth == recordDepth()) {
            if (partial.empty()) {
                field = eventFieldFromName({s.data(), s.size()});
            } else {
                partial.append(s.data(), s.size());
                field = eventFieldFromName(partial);
            }
        }
        partial.clear();
        return true;
    }
    bool on_string_part(json::string_view s, std::size_t, json::error_code&)
    {
        partial.append(s.data(), s.size());
        return true;
    }
    bool on_string(json::string_view s, std::size_t, json::error_code&)
    {
        if (partial.empty()) {
            onValue(JsonKind::String, {s.data(), s.size()});
        } else {
            partial.append(s.data(), s.size());
            onValue(JsonKind::String, partial);
            partial.clear();
        }
        return true;
    }
    bool on_number_part(json::string_view, json::error_code&) { return true; }
    bool on_int64(std::int64_t, json::string_view, json::error_code&) { return onValue(JsonKind::Number), true; }
    bool on_uint64(std::uint64_t, json::string_view, json::error_code&) { return onValue(JsonKind::Number), true; }
    bool on_double(double, json::string_view, json::error_code&) { return onValue(JsonKind::Number), true; }
    bool on_bool(bool, json::error_code&) { return onValue(JsonKind::Bool), true; }
    bool on_null(json::error_code&) { return onValue(JsonKind::Null), true; }
    bool on_comment_part(json::string_view, json::error_code&) { return true; }
    bool on_comment(json::string_view, json::error_code&) { return true; }
};

json::parse_options parseOptions()
{
    json::parse_options options;
    options.max_depth = EventLineParser::kMaxDepth;
    return options;
}

bool isJsonWhitespace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Validates each record and sends it on, accepted or rejected; returns how many there were.
int sendRecords(const std::deque<RawRecord>& records, std::size_t count, bool numbered, EventView& event,
                RecordSink& sink)
{
    for (std::size_t i = 0; i < count; ++i) {
        std::string why = validateEvent(records[i], event);
        if (why.empty())
            sink.accept(event);
        else if (numbered)
            sink.reject("element " + std::to_string(i + 1) + ": " + why);
        else
            sink.reject(std::move(why));
    }
    return static_cast<int>(count);
}

} // namespace

struct EventLineParser::Impl {
    json::basic_parser<RecordCollector> parser{parseOptions()};
    EventView event;
    bool plainFirst = true;
};

EventLineParser::EventLineParser(Reading reading) : m_impl(std::make_unique<Impl>())
{
    m_impl->plainFirst = reading == Reading::PlainFirst;
}
EventLineParser::~EventLineParser() = default;

int EventLineParser::parseLine(std::string_view line, RecordSink& sink)
{
    auto& parser = m_impl->parser;
    RecordCollector& collector = parser.handler();
    if (m_impl->plainFirst) {
        if (collector.records.empty())
            collector.records.emplace_back();
        if (scanPlainObject(line, collector.records.front())) {
            collector.recordCount = 1;
            collector.topIsArray = false;
            return sendRecords(collector.records, 1, false, m_impl->event, sink);
        }
    }
    parser.reset();
    collector.reset();
    collector.partial.clear();
    collector.line = line;

    json::error_code ec;
    std::size_t consumed = parser.write_some(false, line.data(), line.size(), ec);
    if (!ec) {
        while (consumed < line.size() && isJsonWhitespace(line[consumed]))
            ++consumed;
        if (consumed < line.size()) {
            sink.reject("invalid JSON (offset " + std::to_string(consumed) + "): unexpected text after the value");
            return 1;
        }
    } else {
        sink.reject("invalid JSON (offset " + std::to_string(consumed) + "): " + ec.message());
        return 1;
    }

    if (collector.recordCount == 0) {
        sink.reject(collector.topIsArray ? "empty JSON array holds no event" : "line is not a JSON object");
        return 1;
    }
    const bool numbered = collector.topIsArray && collector.recordCount > 1;
    return sendRecords(collector.records, collector.recordCount, numbered, m_impl->event, sink);
}

} // namespace clv
