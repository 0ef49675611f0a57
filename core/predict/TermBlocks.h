#pragma once

#include "util/ComputePool.h"

#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <unordered_map>
#include <vector>

namespace clv {

// Runs `work(begin, end)` over [0, count) in blocks on the worker pool and waits for them:
// not to be called from a task on that pool, whose workers could all end up waiting.
template <class Work>
void forEachTermBlock(std::size_t count, Work work, std::size_t blockSize = 1024)
{
    std::vector<std::size_t> blocks((count + blockSize - 1) / blockSize);
    std::iota(blocks.begin(), blocks.end(), 0);
    QtConcurrent::blockingMap(computePool(), blocks, [&](std::size_t block) {
        work(block * blockSize, std::min(count, (block + 1) * blockSize));
    });
}

// A value that depends on a term's x and one of its times, remembered within a block of
// terms: terms come sorted by x, so a block meets few distinct pairs.
class XTimeMemo {
public:
    template <class Compute>
    double get(double x, std::uint32_t time, Compute compute)
    {
        const auto key = (std::uint64_t(std::uint32_t(x)) << 32) | time;
        const auto [it, inserted] = m_values.try_emplace(key, 0.0);
        if (inserted)
            it->second = compute();
        return it->second;
    }

private:
    std::unordered_map<std::uint64_t, double> m_values;
};

} // namespace clv
