#pragma once

#include "io/EventFields.h"

#include <array>
#include <string>
#include <string_view>

namespace clv {

enum class JsonKind : unsigned char { Absent, String, Number, Bool, Null, Object, Array };

std::string_view jsonKindName(JsonKind kind);

// The members of one JSON record that matter, as the parser saw them, before any
// validation: the text of each string member and the JSON kind of each member. A string
// is viewed where the line holds it; only one the line does not hold as it reads (escaped)
// is copied, so that reading a line copies nothing in the common case.
struct RawRecord {
    static constexpr std::size_t kFieldSlots = static_cast<std::size_t>(EventField::Other);

    RawRecord() = default;
    // Views may point into the record's own copies: it stays where it is made.
    RawRecord(const RawRecord&) = delete;
    RawRecord& operator=(const RawRecord&) = delete;

    bool isObject = true;
    std::array<JsonKind, kFieldSlots> kind{};
    std::array<std::string_view, kFieldSlots> text{};

    void clear()
    {
        isObject = true;
        kind.fill(JsonKind::Absent);
        text.fill({});
    }
    void setString(EventField f, std::string_view inLine)
    {
        kind[static_cast<std::size_t>(f)] = JsonKind::String;
        text[static_cast<std::size_t>(f)] = inLine;
    }
    // For text that does not outlive the parser's callback.
    void setCopiedString(EventField f, std::string_view transient)
    {
        std::string& copy = m_copies[static_cast<std::size_t>(f)];
        copy.assign(transient.data(), transient.size()); // keeps capacity: no allocation once warmed up
        setString(f, copy);
    }
    JsonKind kindOf(EventField f) const { return kind[static_cast<std::size_t>(f)]; }
    std::string_view textOf(EventField f) const { return text[static_cast<std::size_t>(f)]; }

private:
    std::array<std::string, kFieldSlots> m_copies;
};

} // namespace clv
