#pragma once

#include "io/ReadResult.h"
#include "util/JobControl.h"

#include <QString>

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace clv {

// Exact duplicate events (spec §6): the same type, key, verb, event_time and payload, where
// the payload is the record's JSON text with surrounding blanks and array punctuation
// trimmed. Dropping them is off by default, because the seed's tables count its repeated
// CUSTOMER records. Batch runs and workspaces both decide with these functions, on the same
// 64-bit payload hash, so they keep the same rows and give the same tables.
class DuplicateFilter {
public:
    // The record text a line stands for: blanks, and the `[`, `]` and `,` of a JSON array
    // laid out one element per line, taken off its ends.
    static std::string_view payloadText(std::string_view line);
    // A line that holds a whole JSON array yields several records with the line's text;
    // `recordInLine` (0, 1, …) tells them apart.
    static std::uint64_t payloadHash(std::string_view line, std::uint32_t recordInLine);

    // The rows of `events` to keep, ascending: a row is dropped when an earlier row has the
    // same type, verb, key, time and payload hash. The first of equal events stays, so the
    // input-order tie-break between events at the same time is unchanged.
    static std::vector<std::uint32_t> keptRows(const EventStore& events,
                                               const std::vector<std::uint64_t>& payloadHashes);

    // A new store with those rows only, in the same order.
    static std::shared_ptr<EventStore> copyRows(const EventStore& events, const std::vector<std::uint32_t>& rows);

    // The payload hash of every event of a batch read, from its line read again from its
    // file (the reader keeps no raw text). False, with `error` set, when a file cannot be
    // read again as it was, or when `control` cancels.
    static bool payloadHashesFromFiles(const ReadResult& read, std::vector<std::uint64_t>& hashes,
                                       const JobControl* control, QString* error);

    // Batch runs: replaces read.events with a store without exact duplicates. Returns the
    // number of events dropped, or -1 with `error` set (read.events is then left alone).
    static long long dropFrom(ReadResult& read, const JobControl* control, QString* error);
};

} // namespace clv
