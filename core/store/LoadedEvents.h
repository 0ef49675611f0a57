#pragma once

#include "model/EventStore.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

namespace clv {

// Which stored events the rows of a loaded EventStore are. Results computed from that
// store refer to its rows; this is what turns them into event ids when they are saved, and
// event ids back into rows when they are read again.
struct LoadedEvents {
    std::weak_ptr<const EventStore> store;
    std::vector<std::int64_t> eventIds; // per row, ascending (rows keep the ingest order)
    qint64 storedEventCount = 0;        // events in the workspace at load time
    bool droppedDuplicates = false;

    bool isStore(const EventStore* events) const
    {
        const auto held = store.lock();
        return held && held.get() == events;
    }

    // Whether row r is event eventIds.front() + r, as when no duplicates were dropped.
    bool idsAreConsecutive() const
    {
        return !eventIds.empty()
            && eventIds.back() - eventIds.front() + 1 == static_cast<std::int64_t>(eventIds.size());
    }

    // The row of an event id, or -1 when that event is not among the loaded rows.
    std::int64_t rowOf(std::int64_t id) const
    {
        if (eventIds.empty())
            return -1;
        // Without dropped duplicates the ids are consecutive: no search needed.
        const std::int64_t direct = id - eventIds.front();
        if (direct >= 0 && direct < static_cast<std::int64_t>(eventIds.size())
            && eventIds[static_cast<std::size_t>(direct)] == id)
            return direct;
        const auto it = std::lower_bound(eventIds.begin(), eventIds.end(), id);
        return it != eventIds.end() && *it == id ? it - eventIds.begin() : -1;
    }
};

} // namespace clv
