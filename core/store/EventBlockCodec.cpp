#include "store/EventBlockCodec.h"

#include "store/BlockCompression.h"
#include "store/ByteCoding.h"

#include <unordered_map>

namespace clv::EventBlockCodec {

namespace {

constexpr std::uint8_t kFormat = 1;
// A damaged length must not make the loader allocate without bound: a block of 65,536
// events unpacks to a few MB; its raw lines to some tens (long JSON lines are allowed).
constexpr std::size_t kMaxEventsBytes = std::size_t(256) << 20;
constexpr std::size_t kMaxLinesBytes = std::size_t(1) << 30;

// Maps a store's interned ids to dense indexes of the block's own dictionary, in order of
// first use, and writes that dictionary.
class LocalDictionary {
public:
    std::uint32_t indexOf(std::uint32_t id)
    {
        const auto [it, added] = m_index.try_emplace(id, static_cast<std::uint32_t>(m_ids.size()));
        if (added)
            m_ids.push_back(id);
        return it->second;
    }
    template <typename TextOf>
    void write(ByteWriter& out, TextOf textOf) const
    {
        out.varint(m_ids.size());
        for (std::uint32_t id : m_ids)
            out.text(textOf(id));
    }

private:
    std::unordered_map<std::uint32_t, std::uint32_t> m_index;
    std::vector<std::uint32_t> m_ids;
};

bool readDictionary(ByteReader& in, std::vector<std::string_view>& texts)
{
    std::uint64_t size = 0;
    if (!in.index(kEventsPerBlock * (1 + EventStore::kDetailCount) + 1, size))
        return false;
    texts.resize(static_cast<std::size_t>(size));
    for (std::string_view& text : texts)
        if (!in.text(text))
            return false;
    return true;
}

bool damaged(QString* error, const char* what)
{
    if (error)
        *error = QStringLiteral("a stored block of events is damaged (%1)").arg(QLatin1String(what));
    return false;
}

} // namespace

QByteArray encodeEvents(const EventStore& events, std::size_t from, std::size_t count)
{
    const std::size_t end = from + count;
    LocalDictionary customers;
    LocalDictionary details;
    std::vector<std::uint32_t> customerIndex(count);
    std::vector<std::uint32_t> detailIndex(count * EventStore::kDetailCount);
    for (std::size_t row = from; row < end; ++row) {
        customerIndex[row - from] = customers.indexOf(events.customer(row));
        for (int d = 0; d < EventStore::kDetailCount; ++d) {
            const std::uint32_t id = events.detail(row, d);
            detailIndex[(row - from) * EventStore::kDetailCount + std::size_t(d)] = id == StringPool::kAbsent
                ? 0
                : details.indexOf(id) + 1;
        }
    }

    ByteWriter out;
    out.reserve(count * 40);
    out.byte(kFormat);
    out.varint(count);
    customers.write(out, [&](std::uint32_t id) { return events.customerId(id); });
    details.write(out, [&](std::uint32_t id) { return events.detailText(id); });
    std::int64_t previousLine = 0;
    for (std::size_t row = from; row < end; ++row) {
        out.signedVarint(std::int64_t(events.source(row).line) - previousLine);
        previousLine = events.source(row).line;
    }
    for (std::size_t row = from; row < end; ++row)
        out.byte(static_cast<std::uint8_t>(std::uint8_t(events.type(row)) | std::uint8_t(events.verb(row)) << 2));
    for (std::size_t row = from; row < end; ++row)
        out.text(events.key(row));
    for (std::uint32_t index : customerIndex)
        out.varint(index);
    TimeMicros previousTime = 0;
    for (std::size_t row = from; row < end; ++row) {
        out.signedVarint(events.time(row) - previousTime);
        previousTime = events.time(row);
    }
    for (std::size_t row = from; row < end; ++row)
        out.signedVarint(events.amountCents(row));
    for (int d = 0; d < EventStore::kDetailCount; ++d)
        for (std::size_t i = 0; i < count; ++i)
            out.varint(detailIndex[i * EventStore::kDetailCount + std::size_t(d)]);
    return compressBlock(out.bytes());
}

bool decodeEvents(QByteArrayView block, std::string& raw, EventColumns& columns, QString* error)
{
    if (!decompressBlock(block, raw, kMaxEventsBytes, error))
        return false;
    ByteReader in(raw);
    std::uint8_t format = 0;
    if (!in.byte(format) || format != kFormat)
        return damaged(error, "unknown format");
    std::uint64_t count = 0;
    if (!in.index(kEventsPerBlock + 1, count))
        return damaged(error, "event count");
    if (!readDictionary(in, columns.customerIds) || !readDictionary(in, columns.details))
        return damaged(error, "dictionaries");

    const auto n = static_cast<std::size_t>(count);
    columns.line.resize(n);
    std::int64_t line = 0;
    for (std::uint32_t& l : columns.line) {
        std::int64_t delta = 0;
        if (!in.signedVarint(delta))
            return damaged(error, "line numbers");
        line += delta;
        if (line < 0 || line > std::int64_t(UINT32_MAX))
            return damaged(error, "line numbers");
        l = static_cast<std::uint32_t>(line);
    }
    columns.type.resize(n);
    columns.verb.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        std::uint8_t code = 0;
        if (!in.byte(code) || (code & 3) > std::uint8_t(EventType::Order)
            || (code >> 2) > std::uint8_t(EventVerb::Upload))
            return damaged(error, "types");
        columns.type[i] = static_cast<EventType>(code & 3);
        columns.verb[i] = static_cast<EventVerb>(code >> 2);
    }
    columns.key.resize(n);
    for (std::string_view& key : columns.key)
        if (!in.text(key))
            return damaged(error, "keys");
    columns.customer.resize(n);
    for (std::uint32_t& customer : columns.customer) {
        std::uint64_t index = 0;
        if (!in.index(columns.customerIds.size(), index))
            return damaged(error, "customers");
        customer = static_cast<std::uint32_t>(index);
    }
    columns.time.resize(n);
    TimeMicros time = 0;
    for (TimeMicros& t : columns.time) {
        std::int64_t delta = 0;
        if (!in.signedVarint(delta))
            return damaged(error, "times");
        time += delta;
        t = time;
    }
    columns.amountCents.resize(n);
    for (std::size_t i = 0; i < n; ++i)
        if (!in.signedVarint(columns.amountCents[i])
            || (columns.amountCents[i] != 0 && columns.type[i] != EventType::Order))
            return damaged(error, "amounts");
    for (auto& detail : columns.detail) {
        detail.resize(n);
        for (std::uint32_t& d : detail) {
            std::uint64_t index = 0;
            if (!in.index(columns.details.size() + 1, index))
                return damaged(error, "details");
            d = static_cast<std::uint32_t>(index);
        }
    }
    if (!in.atEnd())
        return damaged(error, "trailing bytes");
    return true;
}

QByteArray encodePayloadHashes(const std::uint64_t* hashes, std::size_t count)
{
    QByteArray bytes(static_cast<qsizetype>(count * 8), Qt::Uninitialized);
    auto* out = reinterpret_cast<unsigned char*>(bytes.data());
    for (std::size_t i = 0; i < count; ++i)
        for (int b = 0; b < 8; ++b)
            *out++ = static_cast<unsigned char>(hashes[i] >> (8 * b));
    return bytes;
}

bool decodePayloadHashes(QByteArrayView bytes, std::size_t count, std::uint64_t* hashes, QString* error)
{
    if (static_cast<std::size_t>(bytes.size()) != count * 8) {
        if (error)
            *error = QStringLiteral("a stored block of payload hashes is damaged (%1 bytes for %2 events)")
                         .arg(bytes.size())
                         .arg(count);
        return false;
    }
    const auto* in = reinterpret_cast<const unsigned char*>(bytes.data());
    for (std::size_t i = 0; i < count; ++i) {
        std::uint64_t h = 0;
        for (int b = 0; b < 8; ++b)
            h |= std::uint64_t(*in++) << (8 * b);
        hashes[i] = h;
    }
    return true;
}

QByteArray encodeLines(std::string_view joinedLines)
{
    return compressBlock(joinedLines);
}

bool decodeLines(QByteArrayView block, std::string& text, std::vector<std::string_view>& lines, QString* error)
{
    if (!decompressBlock(block, text, kMaxLinesBytes, error))
        return false;
    lines.clear();
    std::size_t begin = 0;
    while (begin < text.size()) {
        const std::size_t end = text.find('\n', begin);
        if (end == std::string::npos) {
            if (error)
                *error = QStringLiteral("a stored block of raw lines is damaged (its last line is not ended)");
            return false;
        }
        lines.emplace_back(text.data() + begin, end - begin);
        begin = end + 1;
    }
    return true;
}

} // namespace clv::EventBlockCodec
