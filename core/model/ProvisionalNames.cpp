#include "model/ProvisionalNames.h"

#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <numeric>

namespace clv {

namespace {
constexpr std::size_t kPartitionBits = 8;
constexpr std::size_t kPartitions = std::size_t(1) << kPartitionBits;
constexpr std::uint32_t kEmpty = ~0u;
} // namespace

std::uint32_t ProvisionalNames::add(std::string_view name, std::uint64_t hash)
{
    m_bytes.insert(m_bytes.end(), name.begin(), name.end());
    m_offsets.push_back(m_bytes.size());
    m_hashes.push_back(hash);
    return static_cast<std::uint32_t>(m_hashes.size() - 1);
}

void ProvisionalNames::clear()
{
    m_bytes.clear();
    m_offsets.assign(1, 0);
    m_hashes.clear();
}

std::vector<std::uint32_t> ProvisionalNames::resolveInto(StringPool& pool, QThreadPool* threads) const
{
    const std::size_t n = size();
    std::vector<std::vector<std::uint32_t>> byPartition(kPartitions);
    for (std::uint32_t i = 0; i < n; ++i)
        byPartition[m_hashes[i] >> (64 - kPartitionBits)].push_back(i);

    // Within a partition, every occurrence learns the first occurrence of its name.
    std::vector<std::uint32_t> first(n);
    std::vector<std::size_t> partitions(kPartitions);
    std::iota(partitions.begin(), partitions.end(), 0);
    QtConcurrent::blockingMap(threads, partitions, [&](std::size_t p) {
        const std::vector<std::uint32_t>& members = byPartition[p];
        std::size_t capacity = 16;
        while (capacity < members.size() * 2)
            capacity *= 2;
        std::vector<std::uint32_t> table(capacity, kEmpty);
        for (std::uint32_t i : members) {
            std::size_t slot = m_hashes[i] & (capacity - 1);
            while (table[slot] != kEmpty && (m_hashes[table[slot]] != m_hashes[i] || text(table[slot]) != text(i)))
                slot = (slot + 1) & (capacity - 1);
            if (table[slot] == kEmpty)
                table[slot] = i;
            first[i] = table[slot];
        }
    });

    std::vector<std::uint32_t> finalId(n);
    for (std::uint32_t i = 0; i < n; ++i)
        finalId[i] = first[i] == i ? pool.internHashed(text(i), m_hashes[i]) : finalId[first[i]];
    return finalId;
}

} // namespace clv
