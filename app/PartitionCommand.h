#pragma once

#include <QStringList>

// The steps of a partitioned run (see core/partition); `arguments` start with the program
// name, the step's word removed. Exit codes as clv-etl's.
// `clv-etl partition [options] INPUT... --partitions N -o DIR`
int runPartitionCommand(const QStringList& arguments);
// `clv-etl --from-partition DIR/part-K [-o OUT]`
int runFromPartitionCommand(const QStringList& arguments);
// `clv-etl merge DIR -o OUT`
int runMergeCommand(const QStringList& arguments);
