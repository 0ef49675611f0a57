#pragma once

#include "io/StreamDecoder.h"

#include <zstd.h>

namespace clv {

// Decodes zstd (RFC 8878) with libzstd, frame after frame (skippable frames are passed over).
class ZstdDecoder final : public StreamDecoder {
public:
    ZstdDecoder();
    ~ZstdDecoder() override;
    ZstdDecoder(const ZstdDecoder&) = delete;
    ZstdDecoder& operator=(const ZstdDecoder&) = delete;

    bool decode(std::string_view input, std::span<char> output, DecodeProgress& progress, std::string& error) override;
    bool atBoundary() const override { return m_frameDone || !m_started; }

private:
    ZSTD_DStream* m_stream;
    bool m_started = false;  // some input has been consumed
    bool m_frameDone = true; // the last call finished a frame and flushed all of it
};

} // namespace clv
