#include "model/StringPool.h"

#include "util/TextHash.h"

#include <algorithm>
#include <cstring>

namespace clv {

namespace {
constexpr std::size_t kFirstBlockSize = 4096;
constexpr std::size_t kLargestBlockSize = 1 << 20;
constexpr std::size_t kFirstTableSize = 64;

} // namespace

StringPool::StringPool() : m_slots(kFirstTableSize, Slot{0, 0})
{
    m_views.emplace_back();
    m_hashes.push_back(0);
}

std::size_t StringPool::slotOf(std::string_view text, std::uint64_t hash) const
{
    const std::size_t mask = m_slots.size() - 1;
    const auto tag = static_cast<std::uint32_t>(hash >> 32);
    std::size_t slot = hash & mask;
    while (true) {
        const Slot& s = m_slots[slot];
        if (s.id == kAbsent || (s.tag == tag && m_views[s.id] == text))
            return slot;
        slot = (slot + 1) & mask;
    }
}

void StringPool::grow()
{
    std::vector<Slot> slots(m_slots.size() * 2, Slot{0, 0});
    const std::size_t mask = slots.size() - 1;
    for (std::uint32_t id = 1; id < m_views.size(); ++id) {
        std::size_t slot = m_hashes[id] & mask;
        while (slots[slot].id != kAbsent)
            slot = (slot + 1) & mask;
        slots[slot] = {id, static_cast<std::uint32_t>(m_hashes[id] >> 32)};
    }
    m_slots = std::move(slots);
}

std::string_view StringPool::store(std::string_view text)
{
    if (m_blocks.empty() || m_blockUsed + text.size() > m_blockSizes[m_block]) {
        // The next block kept from before the last clear() when it is large enough.
        const bool reuse = !m_blocks.empty() && m_block + 1 < m_blocks.size()
            && text.size() <= m_blockSizes[m_block + 1];
        if (reuse) {
            ++m_block;
        } else {
            m_blockSize = std::max(text.size(),
                                   std::min(kLargestBlockSize, std::max(kFirstBlockSize, m_blockSize * 2)));
            m_block = m_blocks.empty() ? 0 : m_block + 1;
            m_blocks.insert(m_blocks.begin() + static_cast<std::ptrdiff_t>(m_block),
                            std::make_unique<char[]>(m_blockSize));
            m_blockSizes.insert(m_blockSizes.begin() + static_cast<std::ptrdiff_t>(m_block), m_blockSize);
        }
        m_blockUsed = 0;
    }
    char* where = m_blocks[m_block].get() + m_blockUsed;
    if (!text.empty())
        std::memcpy(where, text.data(), text.size());
    m_blockUsed += text.size();
    return {where, text.size()};
}

void StringPool::clear()
{
    m_block = 0;
    m_blockUsed = 0;
    m_views.resize(1);
    m_hashes.resize(1);
    std::fill(m_slots.begin(), m_slots.end(), Slot{0, 0});
}

std::uint32_t StringPool::intern(std::string_view text)
{
    return internHashed(text, hashText(text));
}

std::uint32_t StringPool::internHashed(std::string_view text, std::uint64_t hash)
{
    std::size_t slot = slotOf(text, hash);
    if (m_slots[slot].id != kAbsent)
        return m_slots[slot].id;
    const auto id = static_cast<std::uint32_t>(m_views.size());
    m_views.push_back(store(text));
    m_hashes.push_back(hash);
    m_slots[slot] = {id, static_cast<std::uint32_t>(hash >> 32)};
    if (m_views.size() * 2 > m_slots.size()) // keep the table at most half full
        grow();
    return id;
}

std::uint32_t StringPool::find(std::string_view text) const
{
    return m_slots[slotOf(text, hashText(text))].id;
}

void StringColumn::appendAll(const std::vector<std::string_view>& texts)
{
    std::size_t bytes = 0;
    for (std::string_view text : texts)
        bytes += text.size();
    std::size_t at = m_bytes.size();
    m_bytes.resize(at + bytes);
    m_offsets.reserve(m_offsets.size() + texts.size());
    for (std::string_view text : texts) {
        std::memcpy(m_bytes.data() + at, text.data(), text.size());
        at += text.size();
        m_offsets.push_back(at);
    }
}

void StringColumn::appendColumn(const StringColumn& other)
{
    const std::uint64_t base = m_bytes.size();
    m_bytes.insert(m_bytes.end(), other.m_bytes.begin(), other.m_bytes.end());
    m_offsets.reserve(m_offsets.size() + other.size());
    for (std::size_t i = 1; i < other.m_offsets.size(); ++i)
        m_offsets.push_back(base + other.m_offsets[i]);
}

} // namespace clv
