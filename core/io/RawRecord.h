#pragma once

#include "io/EventFields.h"

#include <array>
#include <string>

namespace clv {

enum class JsonKind : unsigned char { Absent, String, Number, Bool, Null, Object, Array };

std::string_view jsonKindName(JsonKind kind);

// The members of one JSON record that matter, as the SAX handler saw them, before any
// validation: the text of each string member and the JSON kind of each member.
struct RawRecord {
    static constexpr std::size_t kFieldSlots = static_cast<std::size_t>(EventField::Other);

    bool isObject = true;
    std::array<JsonKind, kFieldSlots> kind{};
    std::array<std::string, kFieldSlots> text;

    void clear()
    {
        isObject = true;
        kind.fill(JsonKind::Absent);
        for (auto& t : text)
            t.clear(); // keeps capacity: no allocation per line once warmed up
    }
    JsonKind kindOf(EventField f) const { return kind[static_cast<std::size_t>(f)]; }
    const std::string& textOf(EventField f) const { return text[static_cast<std::size_t>(f)]; }
};

} // namespace clv
