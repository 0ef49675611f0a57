#include "io/FieldCursor.h"

namespace clv {

FieldSeparator guessFieldSeparator(std::string_view firstLine)
{
    if (firstLine.find('\t') != std::string_view::npos)
        return FieldSeparator::Tab;
    if (firstLine.find(',') != std::string_view::npos)
        return FieldSeparator::Comma;
    return FieldSeparator::Blanks;
}

std::string_view fieldSeparatorName(FieldSeparator separator)
{
    switch (separator) {
    case FieldSeparator::Comma: return "comma";
    case FieldSeparator::Tab: return "tab";
    case FieldSeparator::Blanks: return "blanks";
    }
    return "?";
}

bool FieldCursor::next(std::string_view& field)
{
    if (m_done)
        return false;
    while (m_pos < m_line.size() && isBlank(m_line[m_pos]))
        ++m_pos;
    if (m_separator == FieldSeparator::Blanks) {
        if (m_pos == m_line.size()) {
            m_done = true;
            return false;
        }
        const std::size_t start = m_pos;
        while (m_pos < m_line.size() && !isBlank(m_line[m_pos]))
            ++m_pos;
        field = m_line.substr(start, m_pos - start);
        return true;
    }
    if (m_pos < m_line.size() && m_line[m_pos] == '"')
        return nextQuoted(field);
    const char separator = m_separator == FieldSeparator::Tab ? '\t' : ',';
    const std::size_t end = m_line.find(separator, m_pos);
    std::size_t last = end == std::string_view::npos ? m_line.size() : end;
    const std::size_t start = m_pos;
    while (last > start && isBlank(m_line[last - 1]))
        --last;
    field = m_line.substr(start, last - start);
    m_done = end == std::string_view::npos;
    m_pos = m_done ? m_line.size() : end + 1;
    return true;
}

bool FieldCursor::nextQuoted(std::string_view& field)
{
    const std::size_t open = m_pos;
    bool doubled = false;
    std::size_t close = open + 1;
    for (;; ++close) {
        close = m_line.find('"', close);
        if (close == std::string_view::npos) {
            m_error = "a quoted field is not closed";
            m_done = true;
            return false;
        }
        if (close + 1 < m_line.size() && m_line[close + 1] == '"') {
            doubled = true;
            ++close; // the second quote of the pair; the search goes on after it
            continue;
        }
        break;
    }
    const std::string_view inside = m_line.substr(open + 1, close - open - 1);
    if (doubled) {
        m_unquoted.clear();
        for (std::size_t i = 0; i < inside.size(); ++i) {
            m_unquoted += inside[i];
            if (inside[i] == '"')
                ++i; // a pair stands for one quote
        }
        field = m_unquoted;
    } else {
        field = inside;
    }
    m_pos = close + 1;
    while (m_pos < m_line.size() && isBlank(m_line[m_pos]))
        ++m_pos;
    const char separator = m_separator == FieldSeparator::Tab ? '\t' : ',';
    if (m_pos == m_line.size()) {
        m_done = true;
    } else if (m_line[m_pos] == separator) {
        ++m_pos;
    } else {
        m_error = "text follows a quoted field's closing quote";
        m_done = true;
        return false;
    }
    return true;
}

} // namespace clv
