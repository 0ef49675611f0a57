#pragma once

#include <cstdint>
#include <string_view>

namespace clv {

// The payload of an accepted record, as the duplicate filter (spec §6) compares it: the
// record's JSON text with surrounding blanks and array punctuation trimmed, hashed to 64
// bits. The reader computes it while it has the line (ReaderOptions::payloadHashes), and a
// workspace stores it per event, so that neither has to read the text again.

// The record text a line stands for: blanks, and the `[`, `]` and `,` of a JSON array laid
// out one element per line, taken off its ends.
std::string_view payloadText(std::string_view line);

// A line that holds a whole JSON array yields several records with the line's text;
// `recordInLine` (0, 1, … counting the line's accepted records) tells them apart.
std::uint64_t payloadHash(std::string_view line, std::uint32_t recordInLine);
// The same in two steps, so that a line of many records is hashed once:
// payloadHash(line, k) == payloadHash(payloadLineHash(line), k).
std::uint64_t payloadLineHash(std::string_view line);
std::uint64_t payloadHash(std::uint64_t lineHash, std::uint32_t recordInLine);

} // namespace clv
