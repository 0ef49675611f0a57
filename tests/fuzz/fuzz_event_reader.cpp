// libFuzzer harness: a whole multi-line input through the streaming reader.
// The input is read twice — once in tiny steps, so that lines straddle every step and piece
// boundary and a line longer than the limit is skipped across steps, and once in large
// steps — and the two reads must agree on every count, event, payload hash (one per event)
// and rejection. The limit on line length is lowered so that the over-long-line path is
// reached by small inputs.
#include "io/EventReader.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

void fail(const char* what)
{
    std::fprintf(stderr, "fuzz_event_reader: %s\n", what);
    std::abort();
}

clv::ReadResult readWith(std::string_view text, std::size_t pieceBytes)
{
    clv::ReaderOptions options;
    options.pieceBytes = pieceBytes;
    options.maxLineBytes = 200;
    options.payloadHashes = true;
    return clv::EventReader(options).readText(text, QStringLiteral("fuzz.jsonl"));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const clv::ReadResult small = readWith(text, 3);
    const clv::ReadResult large = readWith(text, 1 << 16);

    const clv::FileStats a = small.totals();
    const clv::FileStats b = large.totals();
    if (a.accepted + a.rejected != a.records)
        fail("accepted + rejected differs from the records");
    if (a.lines != b.lines || a.records != b.records || a.accepted != b.accepted || a.rejected != b.rejected)
        fail("the counts depend on the step size");
    if (small.events->size() != static_cast<std::size_t>(a.accepted) || large.events->size() != small.events->size())
        fail("the stored events differ from the accepted count");
    if (small.payloadHashes.size() != small.events->size() || large.payloadHashes != small.payloadHashes)
        fail("the payload hashes are not one per event, or depend on the step size");
    for (std::size_t i = 0; i < small.events->size(); ++i) {
        if (small.events->key(i) != large.events->key(i) || small.events->time(i) != large.events->time(i)
            || small.events->source(i).line != large.events->source(i).line)
            fail("an event depends on the step size");
    }
    if (small.rejections.size() != large.rejections.size())
        fail("the rejections depend on the step size");
    for (std::size_t i = 0; i < small.rejections.size(); ++i) {
        const clv::Rejection& x = small.rejections[i];
        const clv::Rejection& y = large.rejections[i];
        // An over-long line keeps a prefix of itself as its raw text: how much was in hand
        // when it was found too long depends on the steps, the prefix itself must not.
        const std::size_t common = std::min(x.raw.size(), y.raw.size());
        if (x.line != y.line || x.reason != y.reason || x.raw.compare(0, common, y.raw, 0, common) != 0)
            fail("a rejection depends on the step size");
        if (x.line == 0 || x.reason.empty())
            fail("a rejection without a line or a reason");
    }
    return 0;
}
