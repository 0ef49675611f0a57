#pragma once

#include <QtGlobal>

namespace clv {

// Hands out the 12-hex-digit keys of generated events. Keys look random (as the seed's do) but
// are a bijection of a running serial number, so two events can never share a key — random
// 48-bit keys would collide now and then in a 3.5-million-event file.
class EventKeySequence {
public:
    static constexpr quint64 kKeyMask = (quint64(1) << 48) - 1;

    explicit EventKeySequence(quint64 seed) : m_salt(seed * 0x9E3779B97F4A7C15ull) {}

    quint64 next() { return scramble(m_serial++); }

    // Every step below is invertible modulo 2^48 (xor with a right shift, multiplication by an
    // odd constant, addition), hence distinct serials give distinct keys.
    quint64 scramble(quint64 serial) const
    {
        quint64 x = (serial + m_salt) & kKeyMask;
        x ^= x >> 23;
        x = (x * 0x5DEECE66Dull) & kKeyMask;
        x ^= x >> 19;
        x = (x * 0xA3B195354A39Bull) & kKeyMask;
        x ^= x >> 24;
        x = (x + (m_salt >> 16)) & kKeyMask;
        x = (x * 0x2545F4914F6CDull) & kKeyMask;
        x ^= x >> 21;
        return x;
    }

private:
    quint64 m_salt;
    quint64 m_serial = 0;
};

} // namespace clv
