#include "model/StringPool.h"

#include <algorithm>
#include <cstring>

namespace clv {

namespace {
constexpr std::size_t kFirstBlockSize = 4096;
constexpr std::size_t kLargestBlockSize = 1 << 20;
} // namespace

StringPool::StringPool()
{
    m_views.emplace_back();
}

std::string_view StringPool::store(std::string_view text)
{
    if (m_blocks.empty() || m_blockUsed + text.size() > m_blockSize) {
        m_blockSize = std::max(text.size(), std::min(kLargestBlockSize, std::max(kFirstBlockSize, m_blockSize * 2)));
        m_blocks.push_back(std::make_unique<char[]>(m_blockSize));
        m_blockUsed = 0;
    }
    char* where = m_blocks.back().get() + m_blockUsed;
    if (!text.empty())
        std::memcpy(where, text.data(), text.size());
    m_blockUsed += text.size();
    return {where, text.size()};
}

std::uint32_t StringPool::intern(std::string_view text)
{
    if (const auto it = m_ids.find(text); it != m_ids.end())
        return it->second;
    const std::string_view stored = store(text);
    const auto id = static_cast<std::uint32_t>(m_views.size());
    m_views.push_back(stored);
    m_ids.emplace(stored, id);
    return id;
}

std::uint32_t StringPool::find(std::string_view text) const
{
    const auto it = m_ids.find(text);
    return it == m_ids.end() ? kAbsent : it->second;
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
