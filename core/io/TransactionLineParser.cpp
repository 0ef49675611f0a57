#include "io/TransactionLineParser.h"

#include "io/FieldCursor.h"
#include "io/ReasonText.h"
#include "util/Utf8.h"

#include <algorithm>

namespace clv {

namespace {

bool isCurrencyCode(std::string_view field)
{
    return field.size() == 3 && std::all_of(field.begin(), field.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

} // namespace

std::string TransactionLineParser::fieldProblem(int fields) const
{
    if (m_layout.hasHeader()) {
        if (fields == m_layout.headerFields)
            return {};
        return "the row has " + std::to_string(fields) + (fields == 1 ? " field" : " fields") + ", the header "
            + std::to_string(m_layout.headerFields);
    }
    const char* roles[3] = {"id", "date", "amount"};
    const int columns[3] = {m_layout.idColumn, m_layout.dateColumn, m_layout.amountColumn};
    for (int role = 0; role < 3; ++role)
        if (columns[role] >= fields)
            return "the row has " + std::to_string(fields) + (fields == 1 ? " field" : " fields") + "; the "
                + roles[role] + " is column " + std::to_string(columns[role] + 1);
    return {};
}

std::string TransactionLineParser::parseLine(std::string_view line, PurchaseRow& row)
{
    FieldCursor cursor(line, m_layout.separator);
    std::string_view field;
    std::string_view lastField;
    int fields = 0;
    while (cursor.next(field)) {
        if (fields == m_layout.idColumn)
            m_id.assign(field);
        if (fields == m_layout.dateColumn)
            m_date.assign(field);
        if (fields == m_layout.amountColumn)
            m_amount.assign(field);
        lastField = field; // blank-separated fields are views of the line: it stays valid
        ++fields;
    }
    if (cursor.error())
        return std::string("the row cannot be split into fields: ") + cursor.error();
    // In a blank-separated table "7.5 USD" is two fields. A currency code right after the
    // amount, as the row's last field, is taken as the amount's own — in a table with a
    // header, only when the row has that one field more than the header.
    if (m_layout.separator == FieldSeparator::Blanks && fields == m_layout.amountColumn + 2 && isCurrencyCode(lastField)
        && (!m_layout.hasHeader() || fields == m_layout.headerFields + 1)) {
        m_amount.append(" ").append(lastField);
        --fields;
    }
    if (std::string problem = fieldProblem(fields); !problem.empty())
        return problem;

    if (m_id.empty())
        return "the customer id is empty";
    if (!isValidUtf8(m_id))
        return "the customer id is not valid UTF-8";
    if (m_date.empty())
        return "the date is empty";
    const EventTimeParse time = parseDateOrEventTime(m_date);
    if (!time.time)
        return "invalid date " + quotedInReason(m_date) + ": " + time.error;
    if (m_amount.empty())
        return "the amount is empty";
    const MoneyParse amount = parsePlainAmount(m_amount);
    if (!amount.cents)
        return "invalid amount " + quotedInReason(m_amount) + ": " + amount.error;

    row.customerId = m_id;
    row.time = *time.time;
    row.amountCents = *amount.cents;
    return {};
}

} // namespace clv
