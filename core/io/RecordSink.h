#pragma once

#include "model/Event.h"

#include <string>

namespace clv {

// Receives the outcome of every record the line parser reads: an accepted event (viewing the
// line's text, valid during the call), or the specific reason a record cannot be used.
class RecordSink {
public:
    virtual ~RecordSink() = default;
    virtual void accept(const EventView& event) = 0;
    virtual void reject(std::string reason) = 0;
};

} // namespace clv
