#include "io/PlainObjectScanner.h"

#include "io/ByteClasses.h"

#include <bit>
#include <cstring>

namespace clv {

namespace {

// Nesting beyond this is left to the full parser, which knows its own limit.
constexpr int kMaxNesting = 16;

// The bits set in a 16-bit mask. (std::popcount is a library call where the processor
// baseline lacks the instruction.)
int bitCount(std::uint32_t x)
{
    x = x - ((x >> 1) & 0x5555u);
    x = (x & 0x3333u) + ((x >> 2) & 0x3333u);
    x = (x + (x >> 4)) & 0x0F0Fu;
    return static_cast<int>((x + (x >> 8)) & 0x1Fu);
}

// Walks a line whose quotes are known: a string runs from one quote to the next, and the
// bytes between strings must be JSON's punctuation, blanks and the three literals.
class Walker {
public:
    Walker(std::string_view line, const std::uint32_t* quotes, std::size_t quoteCount)
        : m_begin(line.data()), m_p(line.data()), m_end(line.data() + line.size()), m_quote(quotes),
          m_quotesEnd(quotes + quoteCount)
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
        if (m_quotesEnd - m_quote < 2 || m_begin + m_quote[0] != m_p)
            return false;
        const char* close = m_begin + m_quote[1];
        m_quote += 2;
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

    const char* m_begin;
    const char* m_p;
    const char* m_end;
    const std::uint32_t* m_quote;
    const std::uint32_t* m_quotesEnd;
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

// The offsets of the line's quotes into m_quotes; false at any byte that has no place in a
// plain line.
bool PlainObjectScanner::findQuotes(std::string_view line)
{
    const std::size_t size = line.size();
    // Four offsets are written for every 16 bytes whatever their quotes (the spare ones are
    // overwritten), which keeps the loop free of a branch per quote.
    if (m_quotes.size() < size + 4)
        m_quotes.resize(size + 4);
    std::uint32_t* out = m_quotes.data();
    std::size_t count = 0;
    std::uint32_t odd = 0;
    auto add = [&](std::uint32_t quotes, std::uint32_t base) {
        const int n = bitCount(quotes);
        // A bit above the 16 keeps the count of trailing zeros defined, and free of a branch.
        quotes |= 1u << 16;
        for (int k = 0; k < 4; ++k) {
            out[count + k] = base + static_cast<std::uint32_t>(__builtin_ctz(quotes));
            quotes &= quotes - 1;
        }
        for (int k = 4; k < n; ++k) {
            out[count + k] = base + static_cast<std::uint32_t>(__builtin_ctz(quotes));
            quotes &= quotes - 1;
        }
        count += static_cast<std::size_t>(n);
    };
    std::size_t at = 0;
    for (; at + 16 <= size; at += 16) {
        const ByteClasses classes = classifyBytes(line.data() + at);
        odd |= classes.odd;
        add(classes.quotes, static_cast<std::uint32_t>(at));
    }
    if (at < size) {
        char tail[16];
        std::memset(tail, ' ', sizeof tail); // blanks: neither quotes nor odd
        std::memcpy(tail, line.data() + at, size - at);
        const ByteClasses classes = classifyBytes(tail);
        odd |= classes.odd;
        add(classes.quotes, static_cast<std::uint32_t>(at));
    }
    m_quoteCount = count;
    return odd == 0;
}

bool PlainObjectScanner::scan(std::string_view line, RawRecord& record)
{
    if (line.size() > kMaxLineBytes || !findQuotes(line))
        return false;
    Walker walker(line, m_quotes.data(), m_quoteCount);
    return walker.object(record) && walker.atEnd();
}

} // namespace clv
