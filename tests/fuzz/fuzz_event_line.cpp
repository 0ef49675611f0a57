// libFuzzer harness: one line of an event file through the SAX line parser.
// Besides what ASan and UBSan catch, it checks that every record the parser counts reaches the
// sink exactly once, accepted or rejected with a reason.
#include "io/EventLineParser.h"
#include "io/RecordSink.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace {

class CountingSink final : public clv::RecordSink {
public:
    void accept(const clv::EventView& event) override
    {
        ++outcomes;
        if (event.key.empty() || event.customerId.empty())
            fail("an accepted record without a key or customer id");
    }
    void reject(std::string reason) override
    {
        ++outcomes;
        if (reason.empty())
            fail("a rejection without a reason");
    }
    static void fail(const char* what)
    {
        std::fprintf(stderr, "fuzz_event_line: %s\n", what);
        std::abort();
    }
    int outcomes = 0;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static clv::EventLineParser parser; // reused, as the reader's workers reuse theirs
    CountingSink sink;
    const int records = parser.parseLine(std::string_view(reinterpret_cast<const char*>(data), size), sink);
    if (records != sink.outcomes)
        CountingSink::fail("the record count differs from the outcomes sent to the sink");
    return 0;
}
