#pragma once

#include <QtGlobal>

#include <cstdint>

namespace clv {

// The fake-data generator's random source: xoshiro256** seeded through splitmix64, with our
// own range mapping. Standard distributions and QRandomGenerator are avoided on purpose:
// their algorithms are unspecified, and "same seed, same bytes" must hold on every machine.
class GeneratorRandom {
public:
    explicit GeneratorRandom(quint64 seed)
    {
        quint64 mix = seed;
        for (quint64& word : m_state)
            word = splitMix64(mix);
    }

    // A generator for one stream of a seed (a customer, the bad-line schedule...), so that a
    // stream's numbers do not depend on how many numbers other streams consumed.
    static GeneratorRandom forStream(quint64 seed, quint64 stream)
    {
        quint64 mix = seed ^ (stream * 0xD1B54A32D192ED03ull);
        return GeneratorRandom(splitMix64(mix) ^ stream);
    }

    quint64 next()
    {
        const quint64 result = rotateLeft(m_state[1] * 5, 7) * 9;
        const quint64 shifted = m_state[1] << 17;
        m_state[2] ^= m_state[0];
        m_state[3] ^= m_state[1];
        m_state[1] ^= m_state[2];
        m_state[0] ^= m_state[3];
        m_state[2] ^= shifted;
        m_state[3] = rotateLeft(m_state[3], 45);
        return result;
    }

    // Uniform in [0, bound) for bound >= 1: multiply-high with rejection of the biased
    // low range, so every value is exactly equally likely.
    quint64 below(quint64 bound)
    {
        Q_ASSERT(bound >= 1);
        const quint64 threshold = (0 - bound) % bound;
        for (;;) {
            const Wide product = static_cast<Wide>(next()) * bound;
            if (static_cast<quint64>(product) >= threshold)
                return static_cast<quint64>(product >> 64);
        }
    }

    // Uniform in [low, high], both inclusive.
    qint64 between(qint64 low, qint64 high)
    {
        Q_ASSERT(low <= high);
        return low + static_cast<qint64>(below(static_cast<quint64>(high - low) + 1));
    }

    // True with probability numerator / denominator.
    bool chance(quint64 numerator, quint64 denominator) { return below(denominator) < numerator; }

private:
    __extension__ typedef unsigned __int128 Wide; // GCC/Clang; spares a hand-written 64x64 multiply

    static quint64 splitMix64(quint64& state)
    {
        quint64 z = (state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    static quint64 rotateLeft(quint64 x, int k) { return (x << k) | (x >> (64 - k)); }

    quint64 m_state[4];
};

} // namespace clv
