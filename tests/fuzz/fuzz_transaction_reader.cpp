// libFuzzer harness: a whole transaction table through the streaming reader.
// The first byte chooses the columns (none, so that they are found by header name, or one of
// a few --columns selections); the rest is the table. As for event files, the table is read
// twice — in tiny steps and in large ones — and the two reads must agree on every count,
// event, rejection and input problem. Besides, every accepted row must be one record and two
// events (a SITE_VISIT and an ORDER of the same customer, time, key and line), and the
// counts must add up: accepted + rejected = records = non-blank lines other than the header.
#include "io/ColumnSelection.h"
#include "io/EventReader.h"
#include "util/Utf8.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

void fail(const char* what)
{
    std::fprintf(stderr, "fuzz_transaction_reader: %s\n", what);
    std::abort();
}

constexpr std::array<const char*, 6> kSelections = {nullptr,          "1,2,3", "1,3,5",
                                                    "id,date,amount", "3,1,2", "customer,2,Price"};

clv::ReadResult readWith(std::string_view text, const char* columns, std::size_t pieceBytes)
{
    clv::ReaderOptions options;
    options.pieceBytes = pieceBytes;
    options.maxLineBytes = 200;
    options.transactions = clv::TransactionOptions{};
    if (columns) {
        options.transactions->columns = clv::parseColumnSelection(columns).selection;
        if (!options.transactions->columns)
            fail("a selection of the harness is refused");
    }
    return clv::EventReader(options).readText(text, QStringLiteral("fuzz.csv"));
}

void checkPurchases(const clv::ReadResult& read)
{
    const clv::EventStore& events = *read.events;
    const clv::FileStats s = read.totals();
    if (s.accepted + s.rejected != s.records || s.records != s.lines)
        fail("accepted + rejected differs from the records or the lines");
    if (events.size() != static_cast<std::size_t>(2 * s.accepted))
        fail("an accepted row is not two events");
    for (std::size_t i = 0; i + 1 < events.size(); i += 2) {
        if (events.type(i) != clv::EventType::SiteVisit || events.type(i + 1) != clv::EventType::Order)
            fail("a row is not a SITE_VISIT and an ORDER");
        if (events.customer(i) != events.customer(i + 1) || events.time(i) != events.time(i + 1)
            || events.key(i) != events.key(i + 1) || events.source(i).line != events.source(i + 1).line)
            fail("a row's two events differ in customer, time, key or line");
        const std::string_view id = events.customerId(events.customer(i));
        if (id.empty() || !clv::isValidUtf8(id))
            fail("an accepted row with an empty or malformed customer id");
        if (events.amountCents(i + 1) < 0 || events.amountCents(i) != 0)
            fail("a negative amount, or an amount on the visit");
        if (events.key(i + 1) != "fuzz.csv:" + std::to_string(events.source(i).line))
            fail("an order not keyed by its file and line");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    const char* columns = kSelections[data[0] % kSelections.size()];
    const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
    const clv::ReadResult small = readWith(text, columns, 3);
    const clv::ReadResult large = readWith(text, columns, 1 << 16);
    checkPurchases(small);
    checkPurchases(large);

    const clv::FileStats a = small.totals();
    const clv::FileStats b = large.totals();
    if (a.lines != b.lines || a.records != b.records || a.accepted != b.accepted || a.rejected != b.rejected)
        fail("the counts depend on the step size");
    if (small.inputProblems != large.inputProblems)
        fail("the input problems depend on the step size");
    if (!small.inputProblems.isEmpty() && (a.lines != 0 || small.events->size() != 0))
        fail("a table named unreadable was read all the same");
    for (std::size_t i = 0; i < small.events->size(); ++i) {
        if (small.events->key(i) != large.events->key(i) || small.events->time(i) != large.events->time(i)
            || small.events->amountCents(i) != large.events->amountCents(i)
            || small.events->customerId(small.events->customer(i))
                != large.events->customerId(large.events->customer(i)))
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
