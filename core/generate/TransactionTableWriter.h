#pragma once

#include "GeneratedLineBuffer.h"

#include <QtGlobal>

class QIODevice;

namespace clv {

// Writes a transaction table (spec §11) as CSV: the header `customer_id,date,amount`, then one
// purchase a row, e.g. `17,2024-01-09,35.20` — a whole-number customer id, the date of the
// purchase (UTC) as YYYY-MM-DD and the amount in dollars with two decimals.
class TransactionTableWriter : public GeneratedLineBuffer {
public:
    explicit TransactionTableWriter(QIODevice& device);

    void purchase(quint64 customerId, qint64 daysSinceEpoch, qint64 cents);
};

} // namespace clv
