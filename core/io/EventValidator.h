#pragma once

#include "io/RawRecord.h"
#include "model/Event.h"

#include <string>

namespace clv {

// Applies the rules of an event record (type, verb, required members and their formats)
// and either fills `event` (viewing the record's text) or returns the specific reason the
// record cannot be used. An empty return means accepted.
std::string validateEvent(const RawRecord& raw, EventView& event);

} // namespace clv
