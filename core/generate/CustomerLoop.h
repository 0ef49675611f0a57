#pragma once

#include "util/JobControl.h"

#include <QString>

namespace clv {

// A generator's loop over its customers: `oneCustomer(customer)` for each in turn, and before
// every `every`-th a look at the writer and the job. A failed writer only counts from then on,
// so the loop stops early (true: the caller reports the writer's failure); a cancel returns
// false; otherwise the progress is reported.
template <class Writer, class OneCustomer>
bool forEachCustomer(int customers, int every, const Writer& writer, const JobControl* control,
                     OneCustomer&& oneCustomer)
{
    for (int customer = 0; customer < customers; ++customer) {
        if (customer % every == 0) {
            if (writer.failed())
                break;
            if (control && control->isCancelled())
                return false;
            if (control)
                control->report(QStringLiteral("Generating"), double(customer) / customers);
        }
        oneCustomer(customer);
    }
    return true;
}

} // namespace clv
