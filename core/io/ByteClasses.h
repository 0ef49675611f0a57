#pragma once

#include <bit>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace clv {

// What the plain scan of an event line (PlainObjectScanner) needs to know of 64 bytes at
// once: bit i of `quotes` is set when byte i is '"', bit i of `odd` when byte i has no place
// in a plain line — a backslash (an escape), a control byte, or a byte of 0x80 and above.
struct ByteClasses {
    std::uint64_t quotes = 0;
    std::uint64_t odd = 0;
};

// Eight bytes at a time in ordinary integers: for processors without SSE2, and to check the
// SSE2 version against.
inline ByteClasses classifyBytesPortable(const char* p)
{
    constexpr std::uint64_t ones = 0x0101010101010101ull;
    constexpr std::uint64_t highs = 0x8080808080808080ull;
    constexpr std::uint64_t lows = 0x7F7F7F7F7F7F7F7Full;
    // The high bit of each byte that is zero, exactly (no borrow runs into the next byte).
    auto zeroBytes = [](std::uint64_t w) { return ~(((w & lows) + lows) | w | lows); };
    // One bit per byte, from the high bit of each.
    auto gather = [](std::uint64_t flags) {
        std::uint64_t bits = 0;
        for (int i = 0; i < 8; ++i)
            bits |= ((flags >> (8 * i + 7)) & 1) << i;
        return bits;
    };
    ByteClasses classes;
    for (int word = 0; word < 8; ++word) {
        std::uint64_t w = 0;
        std::memcpy(&w, p + 8 * word, 8);
        if constexpr (std::endian::native == std::endian::big)
            w = __builtin_bswap64(w);
        const std::uint64_t quote = zeroBytes(w ^ (ones * '"')) & highs;
        // Below 0x20: the low seven bits plus 0x60 stay below 0x80.
        const std::uint64_t odd = (w | ~((w & lows) + ones * 0x60) | zeroBytes(w ^ (ones * '\\'))) & highs;
        classes.quotes |= gather(quote) << (8 * word);
        classes.odd |= gather(odd) << (8 * word);
    }
    return classes;
}

inline ByteClasses classifyBytes(const char* p)
{
#if defined(__SSE2__)
    ByteClasses classes;
    for (int block = 0; block < 4; ++block) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * block));
        const __m128i quote = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
        // Signed: bytes of 0x80 and above are negative, so below 0x20 as well.
        const __m128i odd = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\\')),
                                         _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)));
        classes.quotes |= static_cast<std::uint64_t>(static_cast<std::uint32_t>(_mm_movemask_epi8(quote)))
            << (16 * block);
        classes.odd |= static_cast<std::uint64_t>(static_cast<std::uint32_t>(_mm_movemask_epi8(odd))) << (16 * block);
    }
    return classes;
#else
    return classifyBytesPortable(p);
#endif
}

} // namespace clv
