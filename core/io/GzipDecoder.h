#pragma once

#include "io/StreamDecoder.h"

#include <zlib.h>

namespace clv {

// Decodes gzip (RFC 1952) with zlib, member after member.
class GzipDecoder final : public StreamDecoder {
public:
    GzipDecoder();
    ~GzipDecoder() override;
    GzipDecoder(const GzipDecoder&) = delete;
    GzipDecoder& operator=(const GzipDecoder&) = delete;

    bool decode(std::string_view input, std::span<char> output, DecodeProgress& progress, std::string& error) override;
    bool atBoundary() const override { return m_memberDone || !m_inMember; }

private:
    z_stream m_stream{};
    bool m_inMember = false;   // some of the current member has been consumed
    bool m_memberDone = false; // the current member ended; another may follow
};

} // namespace clv
