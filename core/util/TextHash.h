#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace clv {

// A fast 64-bit hash for short identifiers (customer ids, order keys), read 8 bytes at a time.
// Its values are stored: workspaces (schema 6) keep each event's payload hash, made with
// this and mixHash below, so changing either would make events ingested before and after the
// change differ for the duplicate filter. tst_eventreader pins the values; a change needs a
// schema step that hashes the stored events again. Bytes are read least significant first on
// every machine, so that a workspace means the same wherever it is opened.
inline std::uint64_t littleEndianWord(std::uint64_t word)
{
    if constexpr (std::endian::native == std::endian::big)
        return __builtin_bswap64(word);
    return word;
}

inline std::uint64_t hashText(std::string_view text)
{
    std::uint64_t h = 0x9E3779B97F4A7C15ull ^ text.size();
    const char* p = text.data();
    std::size_t n = text.size();
    while (n >= 8) {
        std::uint64_t word = 0;
        std::memcpy(&word, p, 8);
        h = (h ^ littleEndianWord(word)) * 0xff51afd7ed558ccdull;
        h ^= h >> 32;
        p += 8;
        n -= 8;
    }
    std::uint64_t tail = 0;
    for (std::size_t i = 0; i < n; ++i)
        tail |= std::uint64_t(static_cast<unsigned char>(p[i])) << (8 * i);
    h = (h ^ tail) * 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 29);
}

// Spreads every bit of `h` over all 64 (MurmurHash3's finaliser), for combining hashes.
inline std::uint64_t mixHash(std::uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 33);
}

} // namespace clv
