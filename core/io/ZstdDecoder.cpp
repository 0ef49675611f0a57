#include "io/ZstdDecoder.h"

#include <cassert>

namespace clv {

ZstdDecoder::ZstdDecoder() : m_stream(ZSTD_createDStream())
{
    assert(m_stream); // fails only without memory
    ZSTD_initDStream(m_stream);
}

ZstdDecoder::~ZstdDecoder()
{
    ZSTD_freeDStream(m_stream);
}

bool ZstdDecoder::decode(std::string_view input, std::span<char> output, DecodeProgress& progress, std::string& error)
{
    ZSTD_inBuffer in{input.data(), input.size(), 0};
    ZSTD_outBuffer out{output.data(), output.size(), 0};
    const std::size_t hint = ZSTD_decompressStream(m_stream, &out, &in);
    progress.consumed = in.pos;
    progress.produced = out.pos;
    if (ZSTD_isError(hint)) {
        error = ZSTD_getErrorName(hint);
        return false;
    }
    if (in.pos > 0)
        m_started = true;
    // 0: a frame is complete and flushed. A call that could do nothing (no input, nothing
    // held back) keeps what the last one said.
    if (in.pos > 0 || out.pos > 0)
        m_frameDone = hint == 0;
    return true;
}

} // namespace clv
