#pragma once

#include <QStringList>

// `clv-etl generate ...`: writes a fake event file (spec §7), or a simulated transaction table
// (`--mode btyd`, spec §10, §11).
// `arguments` are those after the word `generate`, with arguments[0] the program name.
// Returns the exit code: 0 done, 1 usage error, 2 word lists unusable, 3 output not writable.
int runGenerateCommand(const QStringList& arguments);
