#pragma once

#include "EtlOptions.h"

// clv-etl --max-memory: runs the ETL as partitions analysed one after another when the
// single run would not fit. Returns -1 when it fits (the caller runs it whole), else the
// exit code of the partitioned run.
int runWithinMemory(const EtlSettings& settings);
