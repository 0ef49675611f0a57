#pragma once

#include "model/Event.h"

#include <string>

namespace clv {

// Receives the outcome of every record the line parser reads: an accepted event, or the
// specific reason a record cannot be used.
class RecordSink {
public:
    virtual ~RecordSink() = default;
    virtual void accept(const EventRecord& event) = 0;
    virtual void reject(std::string reason) = 0;
};

} // namespace clv
