#pragma once

#include "io/ReadResult.h"

#include <QString>

#include <cstdint>
#include <memory>
#include <vector>

namespace clv {

// Exact duplicate events (spec §6): the same type, key, verb, event_time and payload, where
// the payload is the record's JSON text with surrounding blanks and array punctuation
// trimmed. Dropping them is off by default, because the seed's tables count its repeated
// CUSTOMER records. Batch runs and workspaces both decide with these functions, on the same
// 64-bit payload hash, so they keep the same rows and give the same tables.
class DuplicateFilter {
public:
    // The rows of `events` to keep, ascending: a row is dropped when an earlier row has the
    // same type, verb, key, time and payload hash (see PayloadHash). The first of equal events
    // stays, so the input-order tie-break between events at the same time is unchanged.
    static std::vector<std::uint32_t> keptRows(const EventStore& events,
                                               const std::vector<std::uint64_t>& payloadHashes);

    // A new store with those rows only, in the same order.
    static std::shared_ptr<EventStore> copyRows(const EventStore& events, const std::vector<std::uint32_t>& rows);

    // Batch runs: replaces read.events with a store without exact duplicates, from the
    // payload hashes the reader kept (ReaderOptions::payloadHashes), which it then lets go.
    // Returns the number of events dropped, or -1 with `error` set when the read kept no
    // hashes (read.events is then left alone).
    static long long dropFrom(ReadResult& read, QString* error);
};

} // namespace clv
