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

// The decimal part of an amount; reasons name the amount as the caller's `what`, and show
// `example` as the form expected.
MoneyParse decimalCents(std::string_view number, std::string_view what, std::string_view example)
{
    auto fail = [what](std::string_view why) { return refuse(std::string(what).append(why)); };
    if (!number.empty() && number.front() == '-')
        return fail(" is negative");
    std::size_t pos = 0;
    Cents units = 0;
    while (pos < number.size() && isDigit(number[pos])) {
        if (pos >= kMaxIntegerDigits)
            return fail(" is too large");
        units = units * 10 + (number[pos] - '0');
        ++pos;
    }
    if (pos == 0)
        return fail(" must start with a number, like \"" + std::string(example) + "\"");
    Cents cents = 0;
    if (pos < number.size() && number[pos] == '.') {
        ++pos;
        int decimals = 0;
        while (pos < number.size() && isDigit(number[pos])) {
            if (++decimals > 2)
                return fail(" has more than 2 decimals");
            cents += (number[pos] - '0') * (decimals == 1 ? 10 : 1);
            ++pos;
        }
        if (decimals == 0)
            return fail(" has a decimal point without decimals");
    }
    if (pos != number.size())
        return fail(" is not a decimal number");
    return {units * 100 + cents, {}};
}

MoneyParse refuseCurrency(std::string_view currency, std::string_view what)
{
    if (currency.empty())
        return refuse(std::string(what) + " lacks a currency");
    return refuse("unsupported currency " + std::string(currency.substr(0, 16)));
}

} // namespace

MoneyParse parseMoneyAmount(std::string_view text)
{
    const std::size_t space = text.find(' ');
    if (space == std::string_view::npos)
        return refuse("total_amount must be an amount and a currency, like \"12.34 USD\"");
    const std::string_view currency = text.substr(space + 1);
    MoneyParse parsed = decimalCents(text.substr(0, space), "total_amount", "12.34 USD");
    if (parsed.cents && currency != "USD")
        return refuseCurrency(currency, "total_amount");
    return parsed;
}

MoneyParse parsePlainAmount(std::string_view text)
{
    const std::size_t space = text.find(' ');
    MoneyParse parsed = decimalCents(text.substr(0, space), "amount", "12.34");
    if (space == std::string_view::npos || !parsed.cents)
        return parsed;
    std::string_view currency = text.substr(space + 1);
    while (!currency.empty() && currency.front() == ' ')
        currency.remove_prefix(1);
    if (currency != "USD")
        return refuseCurrency(currency, "amount");
    return parsed;
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
