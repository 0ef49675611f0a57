#include "io/StreamDecoder.h"

#include "io/GzipDecoder.h"
#include "io/ZstdDecoder.h"

#include <cassert>

namespace clv {

std::unique_ptr<StreamDecoder> makeStreamDecoder(Compression compression)
{
    switch (compression) {
    case Compression::Gzip: return std::make_unique<GzipDecoder>();
    case Compression::Zstd: return std::make_unique<ZstdDecoder>();
    case Compression::None: break;
    }
    assert(false && "plain input has no decoder");
    return nullptr;
}

} // namespace clv
