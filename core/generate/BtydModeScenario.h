#pragma once

#include <QtGlobal>

namespace clv {

class JobControl;
class TransactionTableWriter;
struct GeneratorOptions;

// A transaction table simulated from the buy-'til-you-die models (spec §10), in weeks as the
// literature has it. Per customer: the first purchase at a uniformly random time within the
// first `cohortWeeks` weeks (CDNOW's customers were acquired over a quarter); from then on,
// purchases as a Poisson process with rate λ ~ Gamma(r, alpha) per week, and after each repeat
// purchase — not the first, as in the BG/NBD — a dropout with probability p ~ Beta(a, b), until
// the end of the `weeks` weeks. Each purchase's amount is Gamma(p, ν) with ν ~ Gamma(q, gamma)
// per customer (Gamma-Gamma), rounded to cents, at least one cent.
// A purchase is written on its calendar day (UTC) from `start`; several on one day stay
// separate rows (a reader merges them, spec §10). Customers are numbered 1..N and written one
// after the other, each in time order. Each customer draws from streams of its own, so the
// first N customers of a larger run are those of a run of N.
class BtydModeScenario {
public:
    explicit BtydModeScenario(const GeneratorOptions& options);

    // The mean number of purchases of a run, from the models by quadrature: for an estimate
    // shown before a run, never for anything the bytes depend on.
    static qint64 expectedPurchases(const GeneratorOptions& options);

    // The exact number of purchases a run writes, by replaying the purchase times (the bad rows
    // are placed among them); -1 when cancelled.
    qint64 countPurchases(const JobControl* control) const;

    // False when cancelled.
    bool write(TransactionTableWriter& writer, const JobControl* control) const;

private:
    // Calls purchaseDay(day) for each purchase of the customer with the given index, in time
    // order; days count from `start`.
    template <typename PurchaseDay>
    void simulatePurchases(int customer, PurchaseDay&& purchaseDay) const;

    const GeneratorOptions& m_options;
    qint64 m_firstDay; // `start` as days since 1970-01-01
    double m_cohortDays;
    double m_spanDays;
};

} // namespace clv
