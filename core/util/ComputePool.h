#pragma once

class QThreadPool;

namespace clv {

// The worker pool the engine's parallel steps run on (one thread per core by default).
// It is not Qt's global pool on purpose: Qt itself runs short, waited-for tasks there
// (image conversions while painting), and a window whose paint waited behind a long
// analysis step would freeze for that step's length.
QThreadPool* computePool();

} // namespace clv
