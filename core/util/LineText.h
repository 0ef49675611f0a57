#pragma once

#include <string_view>

namespace clv {

// The blanks around an event line: a line of JSON may carry them, and they are not part of
// its record. (A line's own '\n' has been cut off already.) Inline: the reader calls these
// for every line of every file.
inline bool isBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

inline std::string_view trimmed(std::string_view s)
{
    while (!s.empty() && isBlank(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && isBlank(s.back()))
        s.remove_suffix(1);
    return s;
}

// In a file laid out as `[{...},` / `{...},` / `{...}]`, each line is one or more array
// elements once the brackets and the separating comma are taken off. `line` is trimmed.
inline std::string_view arrayElements(std::string_view line)
{
    if (!line.empty() && line.front() == '[')
        line = trimmed(line.substr(1));
    if (!line.empty() && line.back() == ']')
        line = trimmed(line.substr(0, line.size() - 1));
    if (!line.empty() && line.back() == ',')
        line = trimmed(line.substr(0, line.size() - 1));
    return line;
}

} // namespace clv
