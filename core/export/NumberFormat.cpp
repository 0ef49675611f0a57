#include "export/NumberFormat.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

namespace clv {

int formatShortestDouble(double value, char* out)
{
    char* p = out;
    if (std::isnan(value)) {
        std::memcpy(out, "nan", 3);
        return 3;
    }
    if (std::isinf(value)) {
        const char* text = value < 0 ? "-inf" : "inf";
        const auto n = std::strlen(text);
        std::memcpy(out, text, n);
        return static_cast<int>(n);
    }
    if (std::signbit(value)) {
        *p++ = '-';
        value = -value;
    }
    if (value == 0.0) {
        std::memcpy(p, "0.0", 3);
        return static_cast<int>(p - out) + 3;
    }

    // Shortest round-trip digits come from to_chars in scientific form: d[.ddd]e±XX.
    char sci[40];
    const auto res = std::to_chars(sci, sci + sizeof sci, value, std::chars_format::scientific);
    const char* e = std::find(sci, res.ptr, 'e');
    char digits[24];
    int digitCount = 0;
    for (const char* c = sci; c < e; ++c)
        if (*c != '.')
            digits[digitCount++] = *c;
    int exponent = 0;
    std::from_chars(e + 1 + (e[1] == '+' ? 1 : 0), res.ptr, exponent);
    const int pointPosition = exponent + 1; // value = 0.digits × 10^pointPosition

    if (pointPosition <= -4 || pointPosition > 16) {
        *p++ = digits[0];
        if (digitCount > 1) {
            *p++ = '.';
            std::memcpy(p, digits + 1, static_cast<std::size_t>(digitCount - 1));
            p += digitCount - 1;
        }
        *p++ = 'e';
        *p++ = exponent < 0 ? '-' : '+';
        const int magnitude = exponent < 0 ? -exponent : exponent;
        if (magnitude < 10)
            *p++ = '0';
        p = std::to_chars(p, p + 4, magnitude).ptr;
    } else if (pointPosition <= 0) {
        *p++ = '0';
        *p++ = '.';
        for (int i = pointPosition; i < 0; ++i)
            *p++ = '0';
        std::memcpy(p, digits, static_cast<std::size_t>(digitCount));
        p += digitCount;
    } else {
        for (int i = 0; i < pointPosition; ++i)
            *p++ = i < digitCount ? digits[i] : '0';
        *p++ = '.';
        if (digitCount > pointPosition) {
            std::memcpy(p, digits + pointPosition, static_cast<std::size_t>(digitCount - pointPosition));
            p += digitCount - pointPosition;
        } else {
            *p++ = '0';
        }
    }
    return static_cast<int>(p - out);
}

std::string formatShortestDouble(double value)
{
    char buf[40];
    return std::string(buf, static_cast<std::size_t>(formatShortestDouble(value, buf)));
}

int formatCentsAsDollars(std::int64_t cents, char* out)
{
    // Exact for every amount a double holds exactly in cents, and the same text Python
    // prints for float(cents) / 100: shortest digits, trailing zeros dropped.
    char* p = out;
    if (cents < 0) {
        *p++ = '-';
        cents = -cents;
    }
    p = std::to_chars(p, p + 24, cents / 100).ptr;
    *p++ = '.';
    const auto fraction = static_cast<int>(cents % 100);
    *p++ = static_cast<char>('0' + fraction / 10);
    if (fraction % 10 != 0)
        *p++ = static_cast<char>('0' + fraction % 10);
    return static_cast<int>(p - out);
}

} // namespace clv
