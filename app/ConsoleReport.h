#pragma once

#include "io/ReadResult.h"

#include <QString>

// What the commands say on standard error, written once for all of them.

// One line on standard error.
void printErr(const QString& text);

// The read's inputs that could not be read, the folder entries it left out (when
// `saySkipped`: not under --quiet) and, when --strict stopped it, the line that did. False
// when --strict stopped the read: the run ends there (exit 2).
bool reportRead(const clv::ReadResult& read, bool saySkipped);
