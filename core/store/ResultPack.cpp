#include "store/ResultPack.h"

#include "store/ByteCoding.h"

#include <algorithm>
#include <bit>
#include <future>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace clv {

namespace {

constexpr std::uint8_t kFormat = 1;

// The start of the visits or weekly frame, whose rows come customer after customer: the format,
// the row count, and the rows' customers as runs — a customer and how many rows in a row are
// theirs. `bytesPerRow` sizes the buffer for the rows to come.
ByteWriter startRunFrame(const std::vector<std::uint32_t>& customers, std::size_t bytesPerRow)
{
    ByteWriter out;
    out.reserve(customers.size() * bytesPerRow + 64);
    out.byte(kFormat);
    out.varint(customers.size());
    std::vector<std::pair<std::uint32_t, std::uint64_t>> runs;
    for (const std::uint32_t customer : customers) {
        if (runs.empty() || runs.back().first != customer)
            runs.emplace_back(customer, 0);
        ++runs.back().second;
    }
    out.varint(runs.size());
    for (const auto& [customer, rows] : runs) {
        out.varint(customer);
        out.varint(rows);
    }
    return out;
}

std::string packCustomers(const EventStore& events)
{
    ByteWriter out;
    out.byte(kFormat);
    const std::uint32_t count = events.customerIdCount() > 0 ? events.customerIdCount() - 1 : 0;
    out.varint(count);
    for (std::uint32_t id = 1; id <= count; ++id)
        out.text(events.customerId(id));
    return out.take();
}

// A small delta (0, 1, 2) in a row's header bits, or 3: its signed varint follows.
constexpr std::uint64_t kEscape = 3;
std::uint64_t deltaBits(std::int64_t delta)
{
    return delta >= 0 && delta < std::int64_t(kEscape) ? static_cast<std::uint64_t>(delta) : kEscape;
}

// A row: a header byte — the week's delta (bits 0-1) and the visit's (bits 2-3) from the row
// before within the customer, whether it is an order (bit 4), whether an amount follows
// (bit 5) — then what does not fit in it. Most rows take that one byte.
std::string packVisits(const VisitsTable& v)
{
    ByteWriter out = startRunFrame(v.customer, 2);
    std::int64_t week = 0;
    std::int64_t visit = 0;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i == 0 || v.customer[i] != v.customer[i - 1])
            week = visit = 0;
        const std::int64_t weekDelta = std::int64_t(v.weekId[i]) - week;
        const std::int64_t visitDelta = std::int64_t(v.visitId[i]) - visit;
        week = v.weekId[i];
        visit = v.visitId[i];
        const std::uint64_t weekBits = deltaBits(weekDelta);
        const std::uint64_t visitBits = deltaBits(visitDelta);
        out.byte(static_cast<std::uint8_t>(weekBits | visitBits << 2 | (v.isOrder[i] ? 1U : 0U) << 4
                                           | (v.amountCents[i] != 0 ? 1U : 0U) << 5));
        if (weekBits == kEscape)
            out.signedVarint(weekDelta);
        if (visitBits == kEscape)
            out.signedVarint(visitDelta);
        if (v.amountCents[i] != 0)
            out.signedVarint(v.amountCents[i]);
    }
    return out.take();
}

// The week's amount as the notebook sums it is most often the cents' own double: then only
// a bit says so, instead of its eight bytes.
bool amountIsTheCents(double amount, Cents cents)
{
    return std::bit_cast<std::uint64_t>(amount) == std::bit_cast<std::uint64_t>(double(cents) / 100.0);
}

// A row: a header byte — the week's delta from the row before within the customer (bits 0-1),
// whether the amount is the cents' (bit 2) — then the week's visits and cents, and the amount
// when it is not the cents'.
std::string packWeekly(const WeeklyTable& w)
{
    ByteWriter out = startRunFrame(w.customer, 6);
    std::int64_t week = 0;
    for (std::size_t i = 0; i < w.size(); ++i) {
        if (i == 0 || w.customer[i] != w.customer[i - 1])
            week = 0;
        const std::int64_t weekDelta = std::int64_t(w.weekId[i]) - week;
        week = w.weekId[i];
        const std::uint64_t weekBits = deltaBits(weekDelta);
        const bool cents = amountIsTheCents(w.amountPerWeek[i], w.amountCents[i]);
        out.byte(static_cast<std::uint8_t>(weekBits | (cents ? 1U : 0U) << 2));
        if (weekBits == kEscape)
            out.signedVarint(weekDelta);
        out.signedVarint(w.visits[i]);
        out.signedVarint(w.amountCents[i]);
        if (!cents)
            out.real(w.amountPerWeek[i]);
    }
    return out.take();
}

std::string packLtv(const ResultTables& tables)
{
    // The names and places of the rows, as a dictionary of their own: the store's detail
    // pool also holds every camera of every IMAGE event.
    const EventStore& events = *tables.events;
    std::unordered_map<std::uint32_t, std::uint64_t> indexOf; // detail id -> dictionary index + 1
    std::vector<std::uint32_t> dictionary;
    auto indexFor = [&](std::uint32_t id) -> std::uint64_t {
        if (id == StringPool::kAbsent)
            return 0;
        const auto [it, added] = indexOf.emplace(id, dictionary.size() + 1);
        if (added)
            dictionary.push_back(id);
        return it->second;
    };
    std::vector<std::uint64_t> detailIndexes;
    detailIndexes.reserve(tables.ltv.size() * 3);
    for (const LtvRow& row : tables.ltv)
        for (const std::uint32_t id : {row.lastName, row.city, row.state})
            detailIndexes.push_back(indexFor(id));

    ByteWriter out;
    out.reserve(tables.ltv.size() * 40 + 64);
    out.byte(kFormat);
    out.varint(dictionary.size());
    for (const std::uint32_t id : dictionary)
        out.text(events.detailText(id));
    out.varint(tables.ltv.size());
    for (std::size_t i = 0; i < tables.ltv.size(); ++i) {
        const LtvRow& row = tables.ltv[i];
        out.varint(row.customer);
        out.real(row.ltv);
        out.signedVarint(row.visits);
        out.signedVarint(row.orders);
        out.signedVarint(row.totalCents);
        out.signedVarint(row.visitWeekSum);
        out.signedVarint(row.weeksObserved);
        out.signedVarint(row.firstEvent);
        out.signedVarint(row.lastEvent - row.firstEvent);
        for (int d = 0; d < 3; ++d)
            out.varint(detailIndexes[i * 3 + std::size_t(d)]);
    }
    return out.take();
}

// One frame's unpacking: what went wrong, and the largest customer id its rows name (checked
// against the customers frame once every frame is read).
struct Unpacked {
    QString error;
    std::uint64_t largestCustomer = 0;
    bool ok() const { return error.isEmpty(); }
};

bool fail(Unpacked& part, const char* frame)
{
    part.error = QStringLiteral("the packed %1 are damaged").arg(QLatin1String(frame));
    return false;
}

// Opens a frame: reads its format byte and row count.
bool openFrame(const QByteArray& frame, Unpacked& part, const char* name, ByteReader& in, std::uint64_t& rows)
{
    in = ByteReader(std::string_view(frame.constData(), static_cast<std::size_t>(frame.size())));
    std::uint8_t format = 0;
    // No row takes less than a byte: a larger count is damage, not a reason to allocate.
    if (!in.byte(format) || format != kFormat || !in.varint(rows) || rows > static_cast<std::uint64_t>(frame.size()))
        return fail(part, name);
    return true;
}

// A delta from a row's header bits, or the signed varint that follows them.
bool readDelta(ByteReader& in, std::uint64_t bits, std::int64_t& delta)
{
    if (bits != kEscape) {
        delta = static_cast<std::int64_t>(bits);
        return true;
    }
    return in.signedVarint(delta);
}

// The runs of customers (see startRunFrame) of a table of `rows` rows into `customers`.
bool readRuns(ByteReader& in, std::uint64_t rows, std::vector<std::uint32_t>& customers, Unpacked& part)
{
    std::uint64_t runs = 0;
    if (!in.index(rows + 1, runs))
        return false;
    customers.reserve(rows);
    for (std::uint64_t r = 0; r < runs; ++r) {
        std::uint64_t customer = 0;
        std::uint64_t count = 0;
        if (!in.varint(customer) || customer == 0 || customer > UINT32_MAX
            || !in.index(rows - customers.size() + 1, count))
            return false;
        part.largestCustomer = std::max(part.largestCustomer, customer);
        customers.insert(customers.end(), count, static_cast<std::uint32_t>(customer));
    }
    return customers.size() == rows;
}

// Opens the visits or weekly frame (see startRunFrame): its rows' customers into `customers`,
// each row taking `smallestRow` bytes or more.
bool openRunFrame(const QByteArray& frame, Unpacked& part, const char* name, ByteReader& in,
                  std::vector<std::uint32_t>& customers, std::uint64_t smallestRow)
{
    std::uint64_t rows = 0;
    if (!openFrame(frame, part, name, in, rows))
        return false;
    return (rows <= in.remaining() / smallestRow && readRuns(in, rows, customers, part)) || fail(part, name);
}

bool fitsInt32(std::int64_t value)
{
    return value >= INT32_MIN && value <= INT32_MAX;
}

// `number` (an int32 of the table) moved by a decoded delta; false when the sum leaves the
// int32 range, which only a damaged frame makes.
bool step(std::int64_t& number, std::int64_t delta)
{
    if (delta < -(std::int64_t(1) << 32) || delta > (std::int64_t(1) << 32))
        return false;
    number += delta;
    return fitsInt32(number);
}

bool unpackVisits(const QByteArray& frame, VisitsTable& v, Unpacked& part)
{
    ByteReader in("");
    if (!openRunFrame(frame, part, "visits", in, v.customer, 1))
        return false;
    const std::size_t rows = v.customer.size();
    v.weekId.resize(rows);
    v.visitId.resize(rows);
    v.isOrder.resize(rows);
    v.amountCents.resize(rows);
    std::int64_t week = 0;
    std::int64_t visit = 0;
    for (std::size_t i = 0; i < rows; ++i) {
        if (i == 0 || v.customer[i] != v.customer[i - 1])
            week = visit = 0;
        std::uint8_t header = 0;
        std::int64_t weekDelta = 0;
        std::int64_t visitDelta = 0;
        std::int64_t amount = 0;
        if (!in.byte(header) || header >> 6 != 0 || !readDelta(in, header & 3U, weekDelta)
            || !readDelta(in, header >> 2 & 3U, visitDelta) || ((header >> 5 & 1U) && !in.signedVarint(amount)))
            return fail(part, "visits");
        if (!step(week, weekDelta) || !step(visit, visitDelta))
            return fail(part, "visits");
        v.weekId[i] = static_cast<std::int32_t>(week);
        v.visitId[i] = static_cast<std::int32_t>(visit);
        v.isOrder[i] = static_cast<std::uint8_t>(header >> 4 & 1U);
        v.amountCents[i] = amount;
    }
    return in.atEnd() || fail(part, "visits");
}

bool unpackWeekly(const QByteArray& frame, WeeklyTable& w, Unpacked& part)
{
    ByteReader in("");
    if (!openRunFrame(frame, part, "weekly rows", in, w.customer, 3)) // a header and two numbers a row
        return false;
    const std::size_t rows = w.customer.size();
    w.weekId.resize(rows);
    w.visits.resize(rows);
    w.amountCents.resize(rows);
    w.amountPerWeek.resize(rows);
    std::int64_t week = 0;
    for (std::size_t i = 0; i < rows; ++i) {
        if (i == 0 || w.customer[i] != w.customer[i - 1])
            week = 0;
        std::uint8_t header = 0;
        std::int64_t weekDelta = 0;
        std::int64_t visits = 0;
        if (!in.byte(header) || header >> 3 != 0 || !readDelta(in, header & 3U, weekDelta) || !in.signedVarint(visits)
            || !in.signedVarint(w.amountCents[i]))
            return fail(part, "weekly rows");
        if (header >> 2 & 1U)
            w.amountPerWeek[i] = double(w.amountCents[i]) / 100.0;
        else if (!in.real(w.amountPerWeek[i]))
            return fail(part, "weekly rows");
        if (!step(week, weekDelta) || !fitsInt32(visits))
            return fail(part, "weekly rows");
        w.weekId[i] = static_cast<std::int32_t>(week);
        w.visits[i] = static_cast<std::int32_t>(visits);
    }
    return in.atEnd() || fail(part, "weekly rows");
}

// The ltv rows, their details still as indexes into `details` (+ 1; 0: absent), whose views
// point into `frame`.
bool unpackLtv(const QByteArray& frame, std::vector<LtvRow>& ltv, std::vector<std::string_view>& details,
               Unpacked& part)
{
    ByteReader in("");
    std::uint64_t entries = 0;
    if (!openFrame(frame, part, "ltv rows", in, entries))
        return false;
    if (entries > in.remaining()) // a byte an entry or more
        return fail(part, "ltv rows");
    details.resize(entries);
    for (std::string_view& text : details)
        if (!in.text(text))
            return fail(part, "ltv rows");
    std::uint64_t rows = 0;
    constexpr std::uint64_t kSmallestRow = 19; // customer 1, ltv 8, seven numbers, three details
    if (!in.varint(rows) || rows > in.remaining() / kSmallestRow)
        return fail(part, "ltv rows");
    ltv.resize(rows);
    for (LtvRow& row : ltv) {
        std::uint64_t customer = 0;
        std::int64_t values[7] = {};
        if (!in.varint(customer) || customer == 0 || customer > UINT32_MAX || !in.real(row.ltv))
            return fail(part, "ltv rows");
        for (std::int64_t& value : values)
            if (!in.signedVarint(value))
                return fail(part, "ltv rows");
        std::uint64_t detail[3] = {};
        for (std::uint64_t& index : detail)
            if (!in.index(entries + 1, index))
                return fail(part, "ltv rows");
        if (!fitsInt32(values[0]) || !fitsInt32(values[1]) || !fitsInt32(values[4]))
            return fail(part, "ltv rows");
        part.largestCustomer = std::max(part.largestCustomer, customer);
        row.customer = static_cast<std::uint32_t>(customer);
        row.visits = static_cast<std::int32_t>(values[0]);
        row.orders = static_cast<std::int32_t>(values[1]);
        row.totalCents = values[2];
        row.visitWeekSum = values[3];
        row.weeksObserved = static_cast<std::int32_t>(values[4]);
        row.firstEvent = values[5];
        if (__builtin_add_overflow(values[5], values[6], &row.lastEvent))
            return fail(part, "ltv rows");
        row.lastName = static_cast<std::uint32_t>(detail[0]);
        row.city = static_cast<std::uint32_t>(detail[1]);
        row.state = static_cast<std::uint32_t>(detail[2]);
    }
    return in.atEnd() || fail(part, "ltv rows");
}

// The customer ids into `events`, which must hand them the ids they were packed with.
bool unpackCustomers(const QByteArray& frame, EventStore& events, Unpacked& part)
{
    ByteReader in("");
    std::uint64_t count = 0;
    if (!openFrame(frame, part, "customers", in, count))
        return false;
    for (std::uint64_t id = 1; id <= count; ++id) {
        std::string_view text;
        if (!in.text(text) || text.empty() || events.internCustomerId(text) != id)
            return fail(part, "customers"); // a repeated id would leave the numbering
    }
    return in.atEnd() || fail(part, "customers");
}

std::shared_ptr<ResultTables> unpackAll(const PackedResults& packed, const Parameters& parameters, QString* error)
{
    auto events = std::make_shared<EventStore>();
    auto tables = std::make_shared<ResultTables>();
    tables->parameters = parameters;
    Unpacked parts[4];
    std::vector<std::string_view> details;
    // Threads of their own, not the pool's: a workspace may be used from a pool thread.
    std::future<void> visits = std::async(std::launch::async,
                                          [&] { unpackVisits(packed.visits, tables->visits, parts[1]); });
    std::future<void> weekly = std::async(std::launch::async,
                                          [&] { unpackWeekly(packed.weekly, tables->weekly, parts[2]); });
    unpackCustomers(packed.customers, *events, parts[0]);
    unpackLtv(packed.ltv, tables->ltv, details, parts[3]);
    visits.get();
    weekly.get();
    for (const Unpacked& part : parts) {
        if (part.ok() && part.largestCustomer < events->customerIdCount())
            continue;
        if (error)
            *error = part.ok() ? QStringLiteral("the packed results name customers that are not packed") : part.error;
        return nullptr;
    }
    // The details by text into the store; the rows' indexes become its ids.
    std::vector<std::uint32_t> detailIds(details.size() + 1, StringPool::kAbsent);
    for (std::size_t i = 0; i < details.size(); ++i)
        detailIds[i + 1] = events->internDetail(details[i]);
    for (LtvRow& row : tables->ltv) {
        row.lastName = detailIds[row.lastName];
        row.city = detailIds[row.city];
        row.state = detailIds[row.state];
    }
    tables->events = std::move(events);
    return tables;
}

} // namespace

namespace ResultPack {

PackedResults pack(const ResultTables& tables)
{
    auto bytes = [](const std::string& frame) { return QByteArray(frame.data(), qsizetype(frame.size())); };
    return {bytes(packCustomers(*tables.events)), bytes(packVisits(tables.visits)), bytes(packWeekly(tables.weekly)),
            bytes(packLtv(tables))};
}

std::shared_ptr<ResultTables> unpack(const PackedResults& packed, const Parameters& parameters, QString* error)
{
    try {
        return unpackAll(packed, parameters, error);
    } catch (const std::exception& e) { // no memory or no thread for it
        if (error)
            *error = QStringLiteral("the packed results could not be read: %1").arg(QString::fromLocal8Bit(e.what()));
        return nullptr;
    }
}

} // namespace ResultPack

} // namespace clv
