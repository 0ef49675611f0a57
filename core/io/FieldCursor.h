#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace clv {

// How the fields of a transaction table's line are separated.
enum class FieldSeparator : std::uint8_t {
    Comma,
    Tab,
    Blanks, // runs of spaces and tabs, as in CDNOW's fixed-width files
};

// The separator of a table, guessed from its first line: a tab, else a comma, else blanks.
// (Tabs first: a tab-separated name may hold a comma, a comma-separated one rarely a tab.)
FieldSeparator guessFieldSeparator(std::string_view firstLine);

// "comma", "tab" or "blanks".
std::string_view fieldSeparatorName(FieldSeparator separator);

// Walks the fields of one line of a table (its '\n' cut off; a '\r' before it is a blank).
// Comma and tab fields are trimmed of blanks and may be quoted as in CSV: "Smith, J" holds
// the separator, "say ""hi""" a quote. A quote inside an unquoted field is kept as it is.
// Blank-separated fields are the runs of non-blank bytes, never quoted or empty.
class FieldCursor {
public:
    FieldCursor(std::string_view line, FieldSeparator separator) : m_line(line), m_separator(separator) {}

    // Points `field` at the next field (valid until the next call) and returns true, or
    // returns false at the end of the line or at a broken quote (see error()).
    bool next(std::string_view& field);
    // Why the line cannot be split: null unless a quoted field is broken.
    const char* error() const { return m_error; }

private:
    bool nextQuoted(std::string_view& field);
    bool isBlank(char c) const
    {
        // In a tab-separated line a tab ends a field: it cannot also be padding.
        return c == ' ' || c == '\r' || (c == '\t' && m_separator != FieldSeparator::Tab);
    }

    std::string_view m_line;
    FieldSeparator m_separator;
    std::size_t m_pos = 0;
    bool m_done = false;
    const char* m_error = nullptr;
    std::string m_unquoted; // a quoted field with doubled quotes, undoubled
};

} // namespace clv
