#pragma once

#include <string>
#include <string_view>

namespace clv {

// A value quoted in a rejection's reason, cut short and stripped of control bytes, so that a
// hostile line cannot make the problems list unreadable.
inline std::string quotedInReason(std::string_view value)
{
    constexpr std::size_t kMax = 40;
    std::string out = "\"";
    for (std::size_t i = 0; i < value.size() && i < kMax; ++i) {
        const auto c = static_cast<unsigned char>(value[i]);
        out += c < 0x20 || c == 0x7f ? '?' : static_cast<char>(c);
    }
    if (value.size() > kMax)
        out += "…";
    out += '"';
    return out;
}

} // namespace clv
