#include "io/Compression.h"

namespace clv {

Compression detectCompression(std::string_view firstBytes)
{
    // RFC 1952 (a gzip member starts 1f 8b) and RFC 8878 (a zstd frame starts 28 b5 2f fd,
    // the magic number 0xFD2FB528 in little-endian order). Text never starts with either:
    // 0x8b and 0xb5 cannot follow an ASCII byte in UTF-8.
    if (firstBytes.substr(0, 2) == std::string_view("\x1f\x8b", 2))
        return Compression::Gzip;
    if (firstBytes.substr(0, 4) == std::string_view("\x28\xb5\x2f\xfd", 4))
        return Compression::Zstd;
    return Compression::None;
}

std::string_view compressionName(Compression compression)
{
    switch (compression) {
    case Compression::Gzip: return "gzip";
    case Compression::Zstd: return "zstd";
    case Compression::None: break;
    }
    return {};
}

} // namespace clv
