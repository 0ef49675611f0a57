#include "EventLineWriter.h"

#include <charconv>

namespace clv {

namespace {

constexpr qint64 kMillisPerDay = 86'400'000;

qint64 floorDivide(qint64 a, qint64 b)
{
    const qint64 q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// Proleptic Gregorian date of a day count since 1970-01-01, by 400-year eras
// (146097 days each) so that the arithmetic stays in small non-negative numbers.
void civilDate(qint64 daysSinceEpoch, qint64& year, int& month, int& day)
{
    const qint64 shifted = daysSinceEpoch + 719468; // days since 0000-03-01
    const qint64 era = floorDivide(shifted, 146097);
    const qint64 dayOfEra = shifted - era * 146097;
    const qint64 yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const qint64 dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const qint64 monthFromMarch = (5 * dayOfYear + 2) / 153;
    day = static_cast<int>(dayOfYear - (153 * monthFromMarch + 2) / 5 + 1);
    month = static_cast<int>(monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9);
    year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
}

void appendDigits(std::string& out, qint64 value, int width)
{
    char digits[24];
    for (int i = width - 1; i >= 0; --i) {
        digits[i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
    out.append(digits, static_cast<size_t>(width));
}

void appendQuotedKey(std::string& out, std::string_view field, quint64 key)
{
    out += field;
    out.push_back('"');
    EventLineWriter::appendKey(out, key);
    out.push_back('"');
}

void appendQuotedTime(std::string& out, qint64 timeMs)
{
    out += "\"event_time\": \"";
    EventLineWriter::appendEventTime(out, timeMs);
    out.push_back('"');
}

} // namespace

void EventLineWriter::appendEventTime(std::string& out, qint64 timeMs)
{
    const qint64 days = floorDivide(timeMs, kMillisPerDay);
    qint64 msOfDay = timeMs - days * kMillisPerDay;
    appendDate(out, days);
    out.push_back('T');
    appendDigits(out, msOfDay / 3'600'000, 2);
    msOfDay %= 3'600'000;
    out.push_back(':');
    appendDigits(out, msOfDay / 60'000, 2);
    msOfDay %= 60'000;
    out.push_back(':');
    appendDigits(out, msOfDay / 1000, 2);
    out.push_back('.');
    appendDigits(out, msOfDay % 1000, 3);
    out.push_back('Z');
}

void EventLineWriter::appendDate(std::string& out, qint64 daysSinceEpoch)
{
    qint64 year = 0;
    int month = 0;
    int day = 0;
    civilDate(daysSinceEpoch, year, month, day);
    appendDigits(out, year, 4);
    out.push_back('-');
    appendDigits(out, month, 2);
    out.push_back('-');
    appendDigits(out, day, 2);
}

void EventLineWriter::appendKey(std::string& out, quint64 key)
{
    static constexpr char kHex[] = "0123456789abcdef";
    char text[12];
    for (int i = 11; i >= 0; --i) {
        text[i] = kHex[key & 0xf];
        key >>= 4;
    }
    out.append(text, sizeof text);
}

void EventLineWriter::appendDollars(std::string& out, qint64 cents)
{
    char text[24];
    const auto result = std::to_chars(text, text + sizeof text, cents / 100);
    out.append(text, result.ptr);
    out.push_back('.');
    appendDigits(out, cents % 100, 2);
}

void EventLineWriter::appendAmount(std::string& out, qint64 cents)
{
    appendDollars(out, cents);
    out += " USD";
}

void EventLineWriter::customer(std::string_view verb, qint64 timeMs, quint64 customerKey, const std::string& lastName,
                               const std::string& city, const std::string& state)
{
    beginGoodLine(timeMs);
    m_buffer += "{\"last_name\": ";
    m_buffer += lastName;
    m_buffer += ", ";
    appendQuotedTime(m_buffer, timeMs);
    m_buffer += ", \"verb\": \"";
    m_buffer += verb;
    appendQuotedKey(m_buffer, "\", \"key\": ", customerKey);
    m_buffer += ", \"adr_state\": ";
    m_buffer += state;
    m_buffer += ", \"adr_city\": ";
    m_buffer += city;
    m_buffer += ", \"type\": \"CUSTOMER\"}";
    endGoodLine();
}

void EventLineWriter::siteVisit(qint64 timeMs, quint64 pageKey, quint64 customerKey)
{
    beginGoodLine(timeMs);
    m_buffer.push_back('{');
    appendQuotedTime(m_buffer, timeMs);
    m_buffer += ", \"tags\": {\"some key\": \"some value\"}, \"verb\": \"NEW\"";
    appendQuotedKey(m_buffer, ", \"key\": ", pageKey);
    appendQuotedKey(m_buffer, ", \"customer_id\": ", customerKey);
    m_buffer += ", \"type\": \"SITE_VISIT\"}";
    endGoodLine();
}

void EventLineWriter::imageUpload(qint64 timeMs, quint64 imageKey, quint64 customerKey, const std::string& cameraMake,
                                  const std::string& cameraModel)
{
    beginGoodLine(timeMs);
    m_buffer += "{\"camera_make\": ";
    m_buffer += cameraMake;
    m_buffer += ", ";
    appendQuotedTime(m_buffer, timeMs);
    m_buffer += ", \"camera_model\": ";
    m_buffer += cameraModel;
    m_buffer += ", \"verb\": \"UPLOAD\"";
    appendQuotedKey(m_buffer, ", \"key\": ", imageKey);
    appendQuotedKey(m_buffer, ", \"customer_id\": ", customerKey);
    m_buffer += ", \"type\": \"IMAGE\"}";
    endGoodLine();
}

void EventLineWriter::order(std::string_view verb, qint64 timeMs, quint64 orderKey, quint64 customerKey, qint64 cents)
{
    beginGoodLine(timeMs);
    m_buffer += "{\"total_amount\": \"";
    appendAmount(m_buffer, cents);
    m_buffer += "\", ";
    appendQuotedTime(m_buffer, timeMs);
    m_buffer += ", \"verb\": \"";
    m_buffer += verb;
    appendQuotedKey(m_buffer, "\", \"key\": ", orderKey);
    appendQuotedKey(m_buffer, ", \"customer_id\": ", customerKey);
    m_buffer += ", \"type\": \"ORDER\"}";
    endGoodLine();
}

} // namespace clv
