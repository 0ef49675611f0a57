// libFuzzer harness: one line of an event file through the line parser.
// Besides what ASan and UBSan catch, it checks that every record the parser counts reaches the
// sink exactly once, accepted or rejected with a reason, and that the plain scan comes to the
// same outcomes as Boost.JSON alone.
#include "io/EventLineParser.h"
#include "io/RecordSink.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

class CountingSink final : public clv::RecordSink {
public:
    void accept(const clv::EventView& event) override
    {
        ++outcomes;
        if (event.key.empty() || event.customerId.empty())
            fail("an accepted record without a key or customer id");
        said.append("accepted ").append(event.key).append(" ").append(event.customerId).append(" ");
        said.append(std::to_string(event.time)).append(" ").append(std::to_string(event.amountCents));
        for (int d = 0; d < 3; ++d)
            said.append(event.hasDetail[d] ? " +" : " -").append(event.detail[d]);
        said += '\n';
    }
    void reject(std::string reason) override
    {
        ++outcomes;
        if (reason.empty())
            fail("a rejection without a reason");
        said.append("rejected ").append(reason) += '\n';
    }
    static void fail(const char* what)
    {
        std::fprintf(stderr, "fuzz_event_line: %s\n", what);
        std::abort();
    }
    int outcomes = 0;
    std::string said;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    // Reused, as the reader's workers reuse theirs.
    static clv::EventLineParser parser;
    static clv::EventLineParser fullParser(clv::EventLineParser::Reading::FullParserOnly);
    const std::string_view line(reinterpret_cast<const char*>(data), size);
    CountingSink sink;
    const int records = parser.parseLine(line, sink);
    if (records != sink.outcomes)
        CountingSink::fail("the record count differs from the outcomes sent to the sink");
    CountingSink fullSink;
    if (fullParser.parseLine(line, fullSink) != records || fullSink.said != sink.said)
        CountingSink::fail("the plain scan and the full parser disagree");
    return 0;
}
