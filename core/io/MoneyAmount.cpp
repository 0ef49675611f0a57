#include "io/MoneyAmount.h"

#include <charconv>

namespace clv {

namespace {
bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}
MoneyParse refuse(std::string why)
{
    return {std::nullopt, std::move(why)};
}
// Fifteen integer digits keep every sum of a realistic data set far from int64 overflow.
constexpr std::size_t kMaxIntegerDigits = 15;
} // namespace

MoneyParse parseMoneyAmount(std::string_view text)
{
    const std::size_t space = text.find(' ');
    if (space == std::string_view::npos)
        return refuse("total_amount must be an amount and a currency, like \"12.34 USD\"");
    const std::string_view number = text.substr(0, space);
    const std::string_view currency = text.substr(space + 1);

    if (!number.empty() && number.front() == '-')
        return refuse("total_amount is negative");
    std::size_t pos = 0;
    Cents units = 0;
    while (pos < number.size() && isDigit(number[pos])) {
        if (pos >= kMaxIntegerDigits)
            return refuse("total_amount is too large");
        units = units * 10 + (number[pos] - '0');
        ++pos;
    }
    if (pos == 0)
        return refuse("total_amount must start with a number, like \"12.34 USD\"");
    Cents cents = 0;
    if (pos < number.size() && number[pos] == '.') {
        ++pos;
        int decimals = 0;
        while (pos < number.size() && isDigit(number[pos])) {
            if (++decimals > 2)
                return refuse("total_amount has more than 2 decimals");
            cents += (number[pos] - '0') * (decimals == 1 ? 10 : 1);
            ++pos;
        }
        if (decimals == 0)
            return refuse("total_amount has a decimal point without decimals");
    }
    if (pos != number.size())
        return refuse("total_amount is not a decimal number");
    if (currency != "USD") {
        if (currency.empty())
            return refuse("total_amount lacks a currency");
        return refuse("unsupported currency " + std::string(currency.substr(0, 16)));
    }
    return {units * 100 + cents, {}};
}

double dollarsFromDecimalText(Cents cents)
{
    // double(cents) would round already, and the division a second time; reading the
    // decimal text rounds once.
    char text[32];
    char* p = text;
    if (cents < 0)
        *p++ = '-';
    const auto magnitude = cents < 0 ? -static_cast<unsigned long long>(cents) : static_cast<unsigned long long>(cents);
    p = std::to_chars(p, text + sizeof text, magnitude / 100).ptr;
    *p++ = '.';
    *p++ = static_cast<char>('0' + magnitude % 100 / 10);
    *p++ = static_cast<char>('0' + magnitude % 10);
    double value = 0.0;
    std::from_chars(text, p, value);
    return value;
}

} // namespace clv
