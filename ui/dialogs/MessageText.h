#pragma once

#include <QString>

namespace clv {

// A message of the core ("customers must be at least 1") as a sentence for a dialog:
// "Customers must be at least 1."
QString asSentence(QString text);

} // namespace clv
