#pragma once

#include "io/TransactionFormat.h"

#include <QCommandLineOption>
#include <QList>
#include <QString>

#include <optional>

class QCommandLineParser;

// --transactions and --columns, as `clv-etl` and `clv-etl model` both take them.
QList<QCommandLineOption> transactionOptions();

// How the inputs are to be read: unset for event files, else the tables' column choice.
// Returns a plain message for a bad combination or a bad --columns. The columns are read by
// the core (parseColumnSelection), as the window reads them.
QString readTransactionOptions(const QCommandLineParser& parser, std::optional<clv::TransactionOptions>& tables);
