#include "GeneratorVocabulary.h"

#include "WordLists.h"

namespace clv {

namespace {

std::string jsonQuoted(const QString& text)
{
    static constexpr char kHex[] = "0123456789abcdef";
    std::string quoted;
    quoted.reserve(static_cast<size_t>(text.size()) + 2);
    quoted.push_back('"');
    // Walking UTF-16 units yields the surrogate pairs json.dumps writes for astral characters.
    for (const QChar c : text) {
        const char16_t unit = c.unicode();
        switch (unit) {
        case u'"': quoted += "\\\""; continue;
        case u'\\': quoted += "\\\\"; continue;
        case u'\n': quoted += "\\n"; continue;
        case u'\r': quoted += "\\r"; continue;
        case u'\t': quoted += "\\t"; continue;
        case u'\b': quoted += "\\b"; continue;
        case u'\f': quoted += "\\f"; continue;
        default: break;
        }
        if (unit >= 0x20 && unit < 0x7f) {
            quoted.push_back(static_cast<char>(unit));
            continue;
        }
        quoted += "\\u";
        for (int shift = 12; shift >= 0; shift -= 4)
            quoted.push_back(kHex[(unit >> shift) & 0xf]);
    }
    quoted.push_back('"');
    return quoted;
}

std::vector<std::string> quotedAll(const QStringList& entries)
{
    std::vector<std::string> result;
    result.reserve(static_cast<size_t>(entries.size()));
    for (const QString& entry : entries)
        result.push_back(jsonQuoted(entry));
    return result;
}

} // namespace

GeneratorVocabulary GeneratorVocabulary::fromWordLists(const WordLists& words)
{
    GeneratorVocabulary vocabulary;
    vocabulary.lastNames = quotedAll(words.lastNames());
    vocabulary.cities = quotedAll(words.cities());
    vocabulary.states = quotedAll(words.states());
    for (const CameraModel& camera : words.cameras()) {
        vocabulary.cameraMakes.push_back(jsonQuoted(camera.make));
        vocabulary.cameraModels.push_back(jsonQuoted(camera.model));
    }
    return vocabulary;
}

} // namespace clv
