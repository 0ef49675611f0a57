#pragma once

#include <QStringList>

// `clv-etl model ...`: fits the buy-'til-you-die models and writes their predictions (§10).
// `arguments` are those after the word `model`, with arguments[0] the program name.
// Returns the exit code of clv-etl (EtlExitCode).
int runModelCommand(const QStringList& arguments);
