#pragma once

#include "io/RecordSink.h"

#include <memory>
#include <string>
#include <string_view>

namespace clv {

// Reads the records of one line of an event file: a JSON object, or a JSON array of
// objects (a whole array on one line). A line written the plain way goes through
// scanPlainObject; any other through Boost.JSON's SAX parser. Both keep only the members an
// event needs, so nothing is allocated per line once warmed up. One parser per thread;
// reuse it for every line.
class EventLineParser {
public:
    enum class Reading {
        PlainFirst,     // the plain scan, and the full parser for lines it leaves
        FullParserOnly, // every line through Boost.JSON: for tests that hold the two to the same outcomes
    };
    explicit EventLineParser(Reading reading = Reading::PlainFirst);
    ~EventLineParser();
    EventLineParser(const EventLineParser&) = delete;
    EventLineParser& operator=(const EventLineParser&) = delete;

    // Sends each record of `line` to `sink`, accepted or rejected with its reason. A line
    // that is not valid JSON is one rejected record. Returns the number of records.
    int parseLine(std::string_view line, RecordSink& sink);

    // Nesting deeper than this is refused rather than followed.
    static constexpr std::size_t kMaxDepth = 64;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace clv
