#pragma once

#include <QStringList>

// Exit codes of clv-etl, as documented in its --help.
enum EtlExitCode { ExitDone = 0, ExitUsage = 1, ExitInputUnusable = 2, ExitOutputFailed = 3 };

// Runs the ETL as the command line asks; `arguments` start with the program name.
int runEtlCommand(const QStringList& arguments);
