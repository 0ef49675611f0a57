#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace clv {

// The little binary language of the workspace's event blocks: unsigned LEB128 varints,
// zigzag for signed numbers (small magnitudes of either sign stay short), and strings as a
// varint length and the bytes. A writer appends to a std::string; a reader checks every
// step against the end of its bytes, so a damaged block fails its decoding instead of
// reading past the buffer.
class ByteWriter {
public:
    void varint(std::uint64_t value)
    {
        while (value >= 0x80) {
            m_bytes.push_back(static_cast<char>((value & 0x7F) | 0x80));
            value >>= 7;
        }
        m_bytes.push_back(static_cast<char>(value));
    }
    void signedVarint(std::int64_t value)
    {
        varint((static_cast<std::uint64_t>(value) << 1) ^ static_cast<std::uint64_t>(value >> 63));
    }
    void byte(std::uint8_t value) { m_bytes.push_back(static_cast<char>(value)); }
    // Eight bytes, least significant first: for doubles, kept bit for bit.
    void fixed64(std::uint64_t value)
    {
        for (int i = 0; i < 8; ++i)
            m_bytes.push_back(static_cast<char>(value >> (8 * i)));
    }
    void real(double value) { fixed64(std::bit_cast<std::uint64_t>(value)); }
    void text(std::string_view value)
    {
        varint(value.size());
        m_bytes.append(value);
    }

    const std::string& bytes() const { return m_bytes; }
    std::string take() { return std::move(m_bytes); }
    void reserve(std::size_t bytes) { m_bytes.reserve(bytes); }

private:
    std::string m_bytes;
};

class ByteReader {
public:
    explicit ByteReader(std::string_view bytes) : m_at(bytes.data()), m_end(bytes.data() + bytes.size()) {}

    bool varint(std::uint64_t& value)
    {
        value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (m_at == m_end)
                return false;
            const auto b = static_cast<std::uint8_t>(*m_at++);
            value |= static_cast<std::uint64_t>(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
                return true;
        }
        return false; // more than ten bytes: not a varint this writer made
    }
    bool signedVarint(std::int64_t& value)
    {
        std::uint64_t zigzag = 0;
        if (!varint(zigzag))
            return false;
        value = static_cast<std::int64_t>(zigzag >> 1) ^ -static_cast<std::int64_t>(zigzag & 1);
        return true;
    }
    // A varint that must be below `limit` (a count, an index into a dictionary).
    bool index(std::uint64_t limit, std::uint64_t& value) { return varint(value) && value < limit; }
    bool byte(std::uint8_t& value)
    {
        if (m_at == m_end)
            return false;
        value = static_cast<std::uint8_t>(*m_at++);
        return true;
    }
    bool fixed64(std::uint64_t& value)
    {
        if (m_end - m_at < 8)
            return false;
        value = 0;
        for (int i = 0; i < 8; ++i)
            value |= static_cast<std::uint64_t>(static_cast<std::uint8_t>(m_at[i])) << (8 * i);
        m_at += 8;
        return true;
    }
    bool real(double& value)
    {
        std::uint64_t bits = 0;
        if (!fixed64(bits))
            return false;
        value = std::bit_cast<double>(bits);
        return true;
    }
    bool text(std::string_view& value)
    {
        std::uint64_t size = 0;
        if (!varint(size) || size > static_cast<std::uint64_t>(m_end - m_at))
            return false;
        value = {m_at, static_cast<std::size_t>(size)};
        m_at += size;
        return true;
    }
    bool atEnd() const { return m_at == m_end; }
    std::size_t remaining() const { return static_cast<std::size_t>(m_end - m_at); }

private:
    const char* m_at;
    const char* m_end;
};

} // namespace clv
