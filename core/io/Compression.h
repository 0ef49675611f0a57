#pragma once

#include <cstddef>
#include <string_view>

namespace clv {

// How an input file's bytes are packed. Decided by the file's first bytes, never by its
// name: logs are renamed, and a name ending in .gz proves nothing about what is inside.
enum class Compression { None, Gzip, Zstd };

// The longest signature detectCompression looks at.
inline constexpr std::size_t kCompressionMagicBytes = 4;

// `firstBytes`: the start of the file (fewer bytes when the file is shorter).
Compression detectCompression(std::string_view firstBytes);

// "gzip", "zstd"; empty for None.
std::string_view compressionName(Compression compression);

} // namespace clv
