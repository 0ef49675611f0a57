#include "io/GzipDecoder.h"

#include <cassert>

namespace clv {

namespace {

// Window bits 15, plus 16: a gzip wrapper (header and CRC-32 trailer) rather than zlib's.
constexpr int kGzipWindowBits = 15 + 16;

} // namespace

GzipDecoder::GzipDecoder()
{
    [[maybe_unused]] const int rc = inflateInit2(&m_stream, kGzipWindowBits);
    assert(rc == Z_OK); // fails only without memory
}

GzipDecoder::~GzipDecoder()
{
    inflateEnd(&m_stream);
}

bool GzipDecoder::decode(std::string_view input, std::span<char> output, DecodeProgress& progress, std::string& error)
{
    progress = {};
    if (m_memberDone) {
        if (input.empty())
            return true;
        // `gzip -c a b > c` and log rotation append members: the file is their concatenation.
        inflateReset(&m_stream);
        m_memberDone = false;
        m_inMember = false;
    }
    // zlib's types are neither const-correct nor size_t wide; pieces here stay far below 4 GiB.
    m_stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
    m_stream.avail_in = static_cast<uInt>(input.size());
    m_stream.next_out = reinterpret_cast<Bytef*>(output.data());
    m_stream.avail_out = static_cast<uInt>(output.size());
    const int rc = inflate(&m_stream, Z_NO_FLUSH);
    progress.consumed = input.size() - m_stream.avail_in;
    progress.produced = output.size() - m_stream.avail_out;
    if (progress.consumed > 0)
        m_inMember = true;
    switch (rc) {
    case Z_STREAM_END: m_memberDone = true; return true;
    case Z_OK:
    case Z_BUF_ERROR: // no progress possible without more input or room: not an error
        return true;
    default: error = m_stream.msg ? m_stream.msg : "zlib error " + std::to_string(rc); return false;
    }
}

} // namespace clv
