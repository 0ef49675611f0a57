#pragma once

#include "io/EventTime.h"
#include "io/MoneyAmount.h"
#include "io/TransactionFormat.h"

#include <string>
#include <string_view>

namespace clv {

// One purchase, as a row of a transaction table holds it.
struct PurchaseRow {
    std::string_view customerId; // valid until the parser reads the next line
    TimeMicros time = 0;
    Cents amountCents = 0;
};

// Reads the rows of one table, by its layout. Reuse one parser for the rows of a chunk:
// its buffers keep their memory from row to row.
class TransactionLineParser {
public:
    explicit TransactionLineParser(const TransactionLayout& layout) : m_layout(layout) {}

    // Reads one non-blank line (without its '\n'). Returns an empty string and fills `row`,
    // or the specific reason the row cannot be used: a broken quote, a wrong number of
    // fields, an empty or non-UTF-8 id, a date or an amount that cannot be read.
    std::string parseLine(std::string_view line, PurchaseRow& row);

private:
    std::string fieldProblem(int fields) const;

    TransactionLayout m_layout;
    std::string m_id;
    std::string m_date;
    std::string m_amount;
};

} // namespace clv
