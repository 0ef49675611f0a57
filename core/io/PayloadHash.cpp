#include "io/PayloadHash.h"

#include "util/LineText.h"
#include "util/TextHash.h"

namespace clv {

std::string_view payloadText(std::string_view line)
{
    // The same punctuation the reader takes off an array element's line, so that the
    // element `{...},` of an array file equals the line `{...}` of a JSON-lines file.
    return arrayElements(trimmed(line));
}

std::uint64_t payloadLineHash(std::string_view line)
{
    return hashText(payloadText(line));
}

std::uint64_t payloadHash(std::uint64_t lineHash, std::uint32_t recordInLine)
{
    return recordInLine == 0 ? lineHash : mixHash(lineHash ^ (std::uint64_t(recordInLine) * 0x9E3779B97F4A7C15ull));
}

std::uint64_t payloadHash(std::string_view line, std::uint32_t recordInLine)
{
    return payloadHash(payloadLineHash(line), recordInLine);
}

} // namespace clv
