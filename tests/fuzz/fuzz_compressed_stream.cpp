// libFuzzer harness: the decoding behind compressed event files (DecompressionPump with the
// gzip and zstd decoders). The input is used three ways:
//  - as text, packed with zlib into two gzip members (cut where its first byte says) and with
//    libzstd into one frame: each must decode back to exactly the text and end whole;
//  - the gzip copy cut short at that place: it must decode to a prefix of the text, and say
//    it was cut unless the cut falls between the members;
//  - as an archive itself, after a gzip or zstd signature: it must come to an end, whole or
//    with a failure in words, never crash or hang. Decoding stops after kMaxDecoded bytes,
//    which also stops the decoding thread early, as a cancelled read does.
// Blocks of 4 KiB, not the reader's 4 MiB: the text crosses many block boundaries.
#include "io/DecompressionPump.h"

#include <QBuffer>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <zlib.h>
#include <zstd.h>

namespace {

constexpr std::size_t kMaxDecoded = 64u << 20;

void fail(const char* what)
{
    std::fprintf(stderr, "fuzz_compressed_stream: %s\n", what);
    std::abort();
}

std::string gzipMember(std::string_view text)
{
    z_stream s{};
    if (deflateInit2(&s, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        fail("deflateInit2");
    std::string out(deflateBound(&s, static_cast<uLong>(text.size())) + 64, '\0');
    s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    s.avail_in = static_cast<uInt>(text.size());
    s.next_out = reinterpret_cast<Bytef*>(out.data());
    s.avail_out = static_cast<uInt>(out.size());
    if (deflate(&s, Z_FINISH) != Z_STREAM_END)
        fail("deflate");
    out.resize(s.total_out);
    deflateEnd(&s);
    return out;
}

std::string zstdFrame(std::string_view text)
{
    std::string out(ZSTD_compressBound(text.size()), '\0');
    const std::size_t size = ZSTD_compress(out.data(), out.size(), text.data(), text.size(), 1);
    if (ZSTD_isError(size))
        fail("ZSTD_compress");
    out.resize(size);
    return out;
}

struct Decoded {
    std::string text;
    QString failure;
};

// The archive as the reader meets it: its first bytes already read, the rest in the file.
Decoded decode(const std::string& archive, clv::Compression compression)
{
    const std::size_t head = std::min<std::size_t>(archive.size(), clv::kCompressionMagicBytes);
    QBuffer file;
    file.setData(archive.data() + head, static_cast<qsizetype>(archive.size() - head));
    file.open(QIODevice::ReadOnly);
    clv::DecompressionPump pump(file, archive.substr(0, head), compression, 4096);
    Decoded decoded;
    while (std::optional<clv::DecodedBlock> block = pump.next()) {
        decoded.text.append(block->bytes.data(), block->size);
        pump.recycle(std::move(*block));
        if (decoded.text.size() > kMaxDecoded)
            return decoded; // the pump is destroyed mid-stream
    }
    decoded.failure = pump.failure();
    return decoded;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const std::size_t cut = size == 0 ? 0 : data[0] % (size + 1);

    const std::string first = gzipMember(text.substr(0, cut));
    const std::string gzip = first + gzipMember(text.substr(cut));
    const Decoded fromGzip = decode(gzip, clv::Compression::Gzip);
    if (fromGzip.text != text || !fromGzip.failure.isEmpty())
        fail("two gzip members do not decode back to the text");
    const Decoded fromZstd = decode(zstdFrame(text), clv::Compression::Zstd);
    if (fromZstd.text != text || !fromZstd.failure.isEmpty())
        fail("a zstd frame does not decode back to the text");

    const std::size_t cutAt = size == 0 ? 0 : data[size - 1] % gzip.size();
    const Decoded shortened = decode(gzip.substr(0, cutAt), clv::Compression::Gzip);
    if (text.substr(0, shortened.text.size()) != shortened.text)
        fail("a cut-short archive decodes to something the text does not start with");
    const bool betweenMembers = cutAt == 0 || cutAt == first.size();
    if (shortened.failure.isEmpty() != betweenMembers)
        fail("a cut-short archive is taken for whole, or a whole one for cut short");

    // Whatever the bytes after a signature, the decoding comes to an end (a hang is libFuzzer's
    // timeout, a crash the sanitizers').
    decode(std::string("\x1f\x8b", 2) + std::string(text), clv::Compression::Gzip);
    decode(std::string("\x28\xb5\x2f\xfd", 4) + std::string(text), clv::Compression::Zstd);
    return 0;
}
