#pragma once

#include <QStringList>

// `clv-etl generate ...`: writes a fake event file (spec §7).
// `arguments` are those after the word `generate`, with arguments[0] the program name.
// Returns the exit code: 0 done, 1 usage error, 2 word lists unusable, 3 output not writable.
int runGenerateCommand(const QStringList& arguments);
