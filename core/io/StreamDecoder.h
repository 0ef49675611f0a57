#pragma once

#include "io/Compression.h"

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace clv {

// How much of its input one decode call used, and how much output it made.
struct DecodeProgress {
    std::size_t consumed = 0;
    std::size_t produced = 0;
};

// Turns a compressed stream back into its bytes, piece by piece, holding no more than the
// format's own window. Concatenated gzip members and zstd frames are one stream, as the
// gzip and zstd commands read them.
class StreamDecoder {
public:
    virtual ~StreamDecoder() = default;

    // Decodes what it can of `input` into `output`. Called with empty input it still hands
    // out output held back for want of room. False when the data is damaged: `error` says
    // how, in the library's words.
    virtual bool decode(std::string_view input, std::span<char> output, DecodeProgress& progress, std::string& error)
        = 0;

    // Whether the input may end here: between whole members or frames, or before any.
    virtual bool atBoundary() const = 0;
};

// A decoder for `compression`, which must not be None.
std::unique_ptr<StreamDecoder> makeStreamDecoder(Compression compression);

} // namespace clv
