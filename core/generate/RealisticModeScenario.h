#pragma once

#include <QtGlobal>

#include <vector>

namespace clv {

class EventLineWriter;
class EventKeySequence;
class GeneratorRandom;
class JobControl;
struct GeneratorOptions;
struct GeneratorVocabulary;

// Clustered, realistic activity over `weeks` weeks from `start`: each customer comes first on a
// random day of the span and then visits at a rate of their own until they leave (after an
// order, as in the BG/NBD) or the span ends: about (maxVisits + 1) / 2 visits on average, at
// most 4·maxVisits. A visit is a site visit followed minutes apart by 0–2 image uploads and,
// half of the time, an order, which is sometimes revised by an ORDER UPDATE. The customer
// record comes with the first visit; some customers move (CUSTOMER UPDATE) at a later one.
// Customers are planned in blocks and each block is written sorted by time, so customers
// interleave while memory stays bounded by the block size, whatever the customer count.
class RealisticModeScenario {
public:
    RealisticModeScenario(const GeneratorOptions& options, const GeneratorVocabulary& vocabulary);

    static qint64 expectedEvents(const GeneratorOptions& options);

    // False when cancelled.
    bool write(EventLineWriter& writer, const JobControl* control) const;

private:
    enum class Kind : quint8 { CustomerNew, CustomerUpdate, SiteVisit, ImageUpload, OrderNew, OrderUpdate };

    struct PlannedVisit {
        qint64 startMs;
        bool order;
    };

    struct PlannedCustomer {
        quint64 key;
        quint32 lastName;
        quint32 city;
        quint32 state;
    };

    // One event of a block, small and flat so that sorting a block stays cheap.
    struct PlannedEvent {
        qint64 timeMs;
        quint64 key;
        quint32 customer; // index into the block's customers
        quint32 value;    // cents for orders, camera for uploads, city for CUSTOMER UPDATE
        quint32 state;    // state for CUSTOMER UPDATE
        quint32 sequence; // planning order, the tie-break that makes the sort unique
        Kind kind;
    };

    void planCustomer(GeneratorRandom& random, EventKeySequence& keys, std::vector<PlannedCustomer>& customers,
                      std::vector<PlannedEvent>& events) const;
    void writeBlock(EventLineWriter& writer, const std::vector<PlannedCustomer>& customers,
                    std::vector<PlannedEvent>& events) const;

    const GeneratorOptions& m_options;
    const GeneratorVocabulary& m_vocabulary;
    qint64 m_startMs; // midnight UTC of the first day
};

} // namespace clv
