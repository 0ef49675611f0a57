#pragma once

#include "model/EventColumns.h"
#include "model/EventStore.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace clv {

// How a workspace stores its events (schema 6): in blocks of consecutive events of one
// file, each block one row of event_blocks holding every field the ETL reads, column after
// column, in a zstd frame, and one row of event_payload_hashes holding each event's payload
// hash (PayloadHash), which the duplicate filter compares. (Schema 5 kept the raw JSON lines
// in event_lines instead; the conversion to schema 6 hashes them.) Stored so, 3.6 million
// events take some 55 MB of blocks and 29 MB of hashes instead of a gigabyte of rows, are
// written as a few dozen inserts, and load by unpacking blocks side by side on the worker
// pool instead of reading rows one value at a time through Qt SQL.
//
// An events block, before compression: a format byte; the event count; the block's own
// dictionaries of customer ids and of details (names, places, cameras); then per column,
// for every event: the line number as a signed delta from the event before, type and verb
// in one byte, the key, the customer as an index into the dictionary, the time as a signed
// delta in microseconds, the amount in cents, and the three details as dictionary index + 1
// (0: absent). See ByteCoding for the varints.
namespace EventBlockCodec {

// A block holds at most this many events: large enough that per-block costs vanish, small
// enough that 3.6 million events make dozens of blocks for the pool to share.
constexpr std::size_t kEventsPerBlock = 65536;

// Rows [from, from + count) of `events`, compressed.
QByteArray encodeEvents(const EventStore& events, std::size_t from, std::size_t count);

// The events of a block, for EventStore::appendColumns; their strings point into `raw`,
// which receives the unpacked block. False, with `error` set, when the block is damaged.
bool decodeEvents(QByteArrayView block, std::string& raw, EventColumns& columns, QString* error);

// The payload hashes of a block's events, 8 bytes each, least significant first: as random
// as hashes are, nothing would compress them.
QByteArray encodePayloadHashes(const std::uint64_t* hashes, std::size_t count);
// The `count` hashes of a block into `hashes`. False, with `error` set, when the bytes do not
// hold that many.
bool decodePayloadHashes(QByteArrayView bytes, std::size_t count, std::uint64_t* hashes, QString* error);

// Schema 5's raw lines (event_lines), for the conversions that write and read them: the
// distinct lines of a block's events in event order (a line holding a JSON array is the line
// of several events, and is stored once), each ended by '\n', compressed.
QByteArray encodeLines(std::string_view joinedLines);
// The lines of a block, without their '\n'.
bool decodeLines(QByteArrayView block, std::string& text, std::vector<std::string_view>& lines, QString* error);

} // namespace EventBlockCodec

} // namespace clv
