#pragma once

#include "model/StringPool.h"

#include <cstdint>
#include <string_view>
#include <vector>

class QThreadPool;

namespace clv {

// Customer ids met by parallel workers, not yet given their final ids. Merging chunk after
// chunk into one pool spent most of the read in cache misses on a large table, on the
// thread that must keep the workers fed. Names are collected as they come instead, and
// resolved at the end in hash partitions, each small enough to stay in the cache.
class ProvisionalNames {
public:
    // Returns the provisional id of this occurrence (the same name may be added again).
    std::uint32_t add(std::string_view text, std::uint64_t hash);
    std::size_t size() const { return m_hashes.size(); }
    bool empty() const { return m_hashes.empty(); }

    // Interns every name into `pool`, first occurrences first, and returns for each
    // provisional id its id in `pool`.
    std::vector<std::uint32_t> resolveInto(StringPool& pool, QThreadPool* threads) const;

    void clear();

private:
    std::string_view text(std::size_t i) const
    {
        return {m_bytes.data() + m_offsets[i], m_offsets[i + 1] - m_offsets[i]};
    }

    std::vector<char> m_bytes;
    std::vector<std::uint64_t> m_offsets{0};
    std::vector<std::uint64_t> m_hashes;
};

} // namespace clv
