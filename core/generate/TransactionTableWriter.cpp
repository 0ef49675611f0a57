#include "TransactionTableWriter.h"

#include "EventLineWriter.h"

#include <charconv>

namespace clv {

namespace {

constexpr qint64 kMillisPerDay = 86'400'000;

} // namespace

TransactionTableWriter::TransactionTableWriter(QIODevice& device) : GeneratedLineBuffer(device)
{
    m_buffer += "customer_id,date,amount\n";
}

void TransactionTableWriter::purchase(quint64 customerId, qint64 daysSinceEpoch, qint64 cents)
{
    beginGoodLine(daysSinceEpoch * kMillisPerDay);
    char id[24];
    const auto result = std::to_chars(id, id + sizeof id, customerId);
    m_buffer.append(id, result.ptr);
    m_buffer.push_back(',');
    EventLineWriter::appendDate(m_buffer, daysSinceEpoch);
    m_buffer.push_back(',');
    EventLineWriter::appendDollars(m_buffer, cents);
    endGoodLine();
}

} // namespace clv
