#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace clv {

// Interns strings to dense 32-bit ids. Id 0 is reserved for "absent", so a column of ids
// can say "no value" without a separate flag. The text lives in arena blocks that never
// move, so views handed out stay valid for the pool's life. Look-ups go through an
// open-addressing table of ids: every event interns its customer id, and a node-based map
// spent most of that time in cache misses.
class StringPool {
public:
    static constexpr std::uint32_t kAbsent = 0;

    StringPool();
    StringPool(StringPool&&) noexcept = default;
    StringPool& operator=(StringPool&&) noexcept = default;
    StringPool(const StringPool&) = delete;
    StringPool& operator=(const StringPool&) = delete;

    // Forgets every string but keeps the memory (views handed out before are no longer
    // valid): a parsing worker's pool is refilled chunk after chunk, and building it anew
    // each time spent its time allocating and rehashing.
    void clear();

    std::uint32_t intern(std::string_view text);
    // The same, for a caller that already holds hashText(text).
    std::uint32_t internHashed(std::string_view text, std::uint64_t hash);
    std::uint64_t hashOf(std::uint32_t id) const { return m_hashes[id]; }
    // The id of `text` if it was interned, else kAbsent.
    std::uint32_t find(std::string_view text) const;
    std::string_view view(std::uint32_t id) const { return m_views[id]; }
    // Ids run from 1 to size() - 1; id 0 is the empty "absent" entry.
    std::uint32_t size() const { return static_cast<std::uint32_t>(m_views.size()); }

private:
    std::string_view store(std::string_view text);
    std::size_t slotOf(std::string_view text, std::uint64_t hash) const;
    void grow();

    std::vector<std::unique_ptr<char[]>> m_blocks;
    std::vector<std::size_t> m_blockSizes;
    std::size_t m_block = 0; // the block being filled
    std::size_t m_blockUsed = 0;
    std::size_t m_blockSize = 0;
    std::vector<std::string_view> m_views;
    struct Slot {
        std::uint32_t id;  // 0 = empty
        std::uint32_t tag; // high bits of the hash: most mismatches end here, without a cache miss
    };
    std::vector<std::uint64_t> m_hashes; // per id
    std::vector<Slot> m_slots;           // power-of-two table
};

// An append-only column of strings that are mostly unique (page, image and order keys):
// stored back to back without a hash table.
class StringColumn {
public:
    StringColumn() { m_offsets.push_back(0); }
    void append(std::string_view text)
    {
        m_bytes.insert(m_bytes.end(), text.begin(), text.end());
        m_offsets.push_back(m_bytes.size());
    }
    void appendColumn(const StringColumn& other);
    // Appends every text of `texts`, growing the storage once.
    void appendAll(const std::vector<std::string_view>& texts);
    void clear()
    {
        m_bytes.clear();
        m_offsets.resize(1);
    }
    std::string_view operator[](std::size_t i) const
    {
        return {m_bytes.data() + m_offsets[i], m_offsets[i + 1] - m_offsets[i]};
    }
    std::size_t size() const { return m_offsets.size() - 1; }
    void reserve(std::size_t count, std::size_t bytes)
    {
        m_offsets.reserve(count + 1);
        m_bytes.reserve(bytes);
    }

private:
    std::vector<char> m_bytes;
    std::vector<std::uint64_t> m_offsets;
};

} // namespace clv
