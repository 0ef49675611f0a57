#include "io/PlainObjectScanner.h"

#include "io/ByteClasses.h"

#include <cstdint>
#include <cstring>

namespace clv {

namespace {

// Nesting beyond this is left to the full parser, which knows its own limit.
constexpr int kMaxNesting = 16;

// The quotes of a line, in order, found 64 bytes at a time as the walk needs them. Gives up
// (returns null) at the end of the line, or at a byte that has no place in a plain line's
// strings — a backslash, a control byte, a byte of 0x80 and above — which sends the line to
// the full parser whether it lies in a string or not.
class QuoteCursor {
public:
    QuoteCursor(const char* begin, const char* end) : m_next(begin), m_end(end) {}

    const char* next()
    {
        while (m_quotes == 0)
            if (!advance())
                return nullptr;
        const char* at = m_window + __builtin_ctzll(m_quotes);
        m_quotes &= m_quotes - 1;
        return at;
    }

private:
    bool advance()
    {
        if (m_next >= m_end)
            return false;
        ByteClasses classes;
        if (m_end - m_next >= 64) {
            classes = classifyBytes(m_next);
        } else {
            char tail[64];
            std::memset(tail, ' ', sizeof tail); // blanks: neither quotes nor odd
            std::memcpy(tail, m_next, static_cast<std::size_t>(m_end - m_next));
            classes = classifyBytes(tail);
        }
        if (classes.odd != 0)
            return false;
        m_quotes = classes.quotes;
        m_window = m_next;
        m_next += 64;
        return true;
    }

    const char* m_next;
    const char* m_end;
    const char* m_window = nullptr;
    std::uint64_t m_quotes = 0; // the quotes of the window at m_window not given yet
};

// Walks a line along its quotes: a string runs from one quote to the next, and the bytes
// between strings must be JSON's punctuation, blanks and the three literals.
class Walker {
public:
    explicit Walker(std::string_view line)
        : m_p(line.data()), m_end(line.data() + line.size()), m_quotes(line.data(), line.data() + line.size())
    {
    }

    bool object(RawRecord& record);
    bool atEnd()
    {
        skipBlanks();
        return m_p == m_end;
    }

private:
    // Spaces only: JSON's other blanks are control bytes, which send a line to the full parser.
    void skipBlanks()
    {
        while (m_p < m_end && *m_p == ' ')
            ++m_p;
    }
    bool take(char c)
    {
        skipBlanks();
        if (m_p == m_end || *m_p != c)
            return false;
        ++m_p;
        return true;
    }
    // A string starting at m_p: every quote of a plain line opens or closes one of its
    // strings, so the next quote known must be this one, and the one after it closes it.
    bool string(std::string_view& text)
    {
        if (m_p == m_end || *m_p != '"' || m_quotes.next() != m_p)
            return false;
        const char* close = m_quotes.next();
        if (!close)
            return false;
        text = std::string_view(m_p + 1, static_cast<std::size_t>(close - m_p - 1));
        m_p = close + 1;
        return true;
    }
    bool literal(std::string_view word)
    {
        if (static_cast<std::size_t>(m_end - m_p) < word.size() || std::memcmp(m_p, word.data(), word.size()) != 0)
            return false;
        m_p += word.size();
        return true;
    }
    bool value(int depth, JsonKind& kind, std::string_view& text);
    bool nested(int depth, char close);

    const char* m_p;
    const char* m_end;
    QuoteCursor m_quotes;
};

// A member's value or an array's element: its kind, and its text when it is a string.
// Numbers are left to the full parser (their grammar and limits are its own).
bool Walker::value(int depth, JsonKind& kind, std::string_view& text)
{
    skipBlanks();
    if (m_p == m_end)
        return false;
    switch (*m_p) {
    case '"': kind = JsonKind::String; return string(text);
    case '{': kind = JsonKind::Object; return ++m_p, nested(depth + 1, '}');
    case '[': kind = JsonKind::Array; return ++m_p, nested(depth + 1, ']');
    case 't': kind = JsonKind::Bool; return literal("true");
    case 'f': kind = JsonKind::Bool; return literal("false");
    case 'n': kind = JsonKind::Null; return literal("null");
    default: return false;
    }
}

// The rest of an object or array nested in a record, after its opening bracket: checked,
// nothing kept (the reader needs only its kind).
bool Walker::nested(int depth, char close)
{
    if (depth > kMaxNesting)
        return false;
    if (take(close))
        return true;
    JsonKind kind = JsonKind::Absent;
    std::string_view text;
    do {
        if (close == '}') {
            skipBlanks();
            if (!string(text) || !take(':'))
                return false;
        }
        if (!value(depth, kind, text))
            return false;
    } while (take(','));
    return take(close);
}

bool Walker::object(RawRecord& record)
{
    record.clear();
    if (!take('{'))
        return false;
    if (take('}'))
        return true;
    for (;;) {
        std::string_view name;
        std::string_view text;
        if (!string(name) || !take(':'))
            return false;
        skipBlanks();
        const EventField field = eventFieldFromName(name);
        // A repeated member replaces the earlier one, as in the full parser's handler.
        if (m_p < m_end && *m_p == '"') {
            if (!string(text))
                return false;
            if (field != EventField::Other)
                record.setString(field, text);
        } else {
            JsonKind kind = JsonKind::Absent;
            if (!value(1, kind, text))
                return false;
            if (field != EventField::Other)
                record.kind[static_cast<std::size_t>(field)] = kind;
        }
        skipBlanks();
        if (m_p == m_end)
            return false;
        const char next = *m_p++;
        if (next == '}')
            return true;
        if (next != ',')
            return false;
        skipBlanks();
    }
}

} // namespace

bool scanPlainObject(std::string_view line, RawRecord& record)
{
    Walker walker(line);
    return walker.object(record) && walker.atEnd();
}

} // namespace clv
