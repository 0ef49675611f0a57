#include "TransactionOptions.h"

#include "io/ColumnSelection.h"

#include <QCommandLineParser>

QList<QCommandLineOption> transactionOptions()
{
    return {
        {"transactions",
         "The inputs are transaction tables. Columns are found by header name (customer_id/customer/id, "
         "event_time/date/time, total_amount/amount/dollar_value/price, in any case); a headerless table of "
         "three columns is read as id, date, amount."},
        {"columns",
         "With --transactions: the id, date and amount columns, as header names or 1-based numbers "
         "(e.g. 1,3,5 for CDNOW_sample.txt).",
         "ID,DATE,AMOUNT"},
    };
}

QString readTransactionOptions(const QCommandLineParser& parser, std::optional<clv::TransactionOptions>& tables)
{
    tables.reset();
    if (!parser.isSet("transactions")) {
        if (parser.isSet("columns"))
            return QStringLiteral("--columns names the columns of transaction tables: give it with --transactions");
        return {};
    }
    clv::TransactionOptions options;
    if (parser.isSet("columns")) {
        const clv::ColumnSelectionParse parsed = clv::parseColumnSelection(parser.value("columns").toStdString());
        if (!parsed.selection)
            return QStringLiteral("--columns %1: %2")
                .arg(parser.value("columns"), QString::fromStdString(parsed.error));
        options.columns = parsed.selection;
    }
    tables = options;
    return {};
}
