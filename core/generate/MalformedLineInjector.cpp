#include "MalformedLineInjector.h"

#include "EventLineWriter.h"

#include <algorithm>
#include <iterator>
#include <limits>
#include <string>

namespace clv {

namespace {

constexpr quint64 kMalformedStream = 0xBADBADBADull;
constexpr qint64 kMillisPerDay = 86'400'000;

} // namespace

MalformedLineInjector::MalformedLineInjector(qint64 count, qint64 expectedGoodLines, quint64 seed, Format format)
    : m_random(GeneratorRandom::forStream(seed, kMalformedStream)), m_format(format)
{
    const quint64 range = static_cast<quint64>(std::max<qint64>(expectedGoodLines, 1)) + 1;
    m_positions.reserve(static_cast<size_t>(std::max<qint64>(count, 0)));
    for (qint64 i = 0; i < count; ++i)
        m_positions.push_back(static_cast<qint64>(m_random.below(range)));
    std::sort(m_positions.begin(), m_positions.end());
}

qint64 MalformedLineInjector::nextPosition() const
{
    return m_next < m_positions.size() ? m_positions[m_next] : std::numeric_limits<qint64>::max();
}

std::string MalformedLineInjector::takeLine(qint64 timeHintMs)
{
    const int kind = static_cast<int>(m_next % static_cast<size_t>(kindCount(m_format)));
    ++m_next;
    return m_format == Format::EventLines ? makeLine(kind, timeHintMs) : makeRow(kind, timeHintMs);
}

std::string MalformedLineInjector::randomKeyText()
{
    std::string key;
    EventLineWriter::appendKey(key, m_random.next());
    return key;
}

std::string MalformedLineInjector::makeRow(int kind, qint64 timeMs)
{
    const std::string customer = std::to_string(m_random.between(1, 99999));
    std::string date;
    EventLineWriter::appendDate(date, timeMs / kMillisPerDay);
    std::string amount;
    EventLineWriter::appendDollars(amount, m_random.between(1, 20000));
    switch (kind) {
    case 0: return customer + "," + date; // the amount lost, as by a crashed writer
    case 1: {
        // A day that no month has: the 30th of February or the 32nd of a month.
        const bool february = m_random.chance(1, 2);
        return customer + "," + date.substr(0, 5) + (february ? "02-30" : date.substr(5, 3) + "32") + "," + amount;
    }
    case 2: return customer + "," + date + ",n/a";
    default: return customer + "," + date + "," + amount + " EUR";
    }
}

std::string MalformedLineInjector::makeLine(int kind, qint64 timeMs)
{
    std::string time;
    EventLineWriter::appendEventTime(time, timeMs);
    const std::string customer = randomKeyText();
    std::string line;
    switch (kind) {
    case 0: { // a line cut short, as by a crashed writer
        std::string amount;
        EventLineWriter::appendAmount(amount, m_random.between(10, 10000));
        const std::string full = "{\"total_amount\": \"" + amount + "\", \"event_time\": \"" + time
            + "\", \"verb\": \"NEW\", \"key\": \"" + randomKeyText() + "\", \"customer_id\": \"" + customer
            + "\", \"type\": \"ORDER\"}";
        // Any cut before the closing brace leaves the object unterminated.
        line = full.substr(0, static_cast<size_t>(m_random.between(1, static_cast<qint64>(full.size()) - 2)));
        break;
    }
    case 1:
        line = "{\"event_time\": \"" + time + "\", \"verb\": \"NEW\", \"key\": \"" + randomKeyText()
            + "\", \"customer_id\": \"" + customer + "\", \"type\": \"TELEPORT\"}";
        break;
    case 2: {
        std::string amount;
        EventLineWriter::appendAmount(amount, m_random.between(10, 10000));
        line = "{\"total_amount\": \"" + amount + "\", \"event_time\": \"" + time + "\", \"verb\": \"NEW\", \"key\": \""
            + randomKeyText() + "\", \"type\": \"ORDER\"}";
        break;
    }
    case 3: {
        std::string amount;
        EventLineWriter::appendAmount(amount, m_random.between(10, 10000));
        amount.replace(amount.size() - 3, 3, "EUR");
        line = "{\"total_amount\": \"" + amount + "\", \"event_time\": \"" + time + "\", \"verb\": \"NEW\", \"key\": \""
            + randomKeyText() + "\", \"customer_id\": \"" + customer + "\", \"type\": \"ORDER\"}";
        break;
    }
    case 4: {
        // The challenge sample's mistake: `2017-01-06:12:46.384Z`, a colon for the T and no seconds.
        const std::string broken = time.substr(0, 10) + ":" + time.substr(11, 5) + time.substr(19);
        line = "{\"event_time\": \"" + broken
            + "\", \"tags\": {\"some key\": \"some value\"}, \"verb\": \"NEW\", "
              "\"key\": \""
            + randomKeyText() + "\", \"customer_id\": \"" + customer + "\", \"type\": \"SITE_VISIT\"}";
        break;
    }
    case 5: {
        static const char* const kNotObjects[] = {
            "[\"SITE_VISIT\", \"NEW\"]", "42", "\"ORDER\"", "null", "true",
        };
        line = kNotObjects[m_random.below(std::size(kNotObjects))];
        break;
    }
    case 6: {
        std::string key = randomKeyText();
        key[6] = '\0';
        line = "{\"event_time\": \"" + time
            + "\", \"tags\": {\"some key\": \"some value\"}, \"verb\": \"NEW\", \"key\": \"";
        line += key;
        line += "\", \"customer_id\": \"" + customer + "\", \"type\": \"SITE_VISIT\"}";
        break;
    }
    default:
        // 0xFC is "ü" in Latin-1 and never valid on its own in UTF-8.
        line = "{\"last_name\": \"M\xFCller\", \"event_time\": \"" + time + "\", \"verb\": \"NEW\", \"key\": \""
            + customer + "\", \"adr_state\": \"NY\", \"adr_city\": \"New Stark\", \"type\": \"CUSTOMER\"}";
        break;
    }
    return line;
}

} // namespace clv
