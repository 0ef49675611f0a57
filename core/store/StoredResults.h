#pragma once

#include "io/ReadResult.h"
#include "model/ResultTables.h"
#include "store/LoadedEvents.h"
#include "store/ResultPack.h"
#include "util/JobControl.h"

#include <QSqlDatabase>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace clv {

class ScratchTable;

// The result tables of a workspace's last analysis: written as rows that name events by id
// and customers by their text id, and read back onto the rows and interned ids of a freshly
// loaded event store. The caller holds the transaction around save().
class StoredResults {
public:
    explicit StoredResults(const QSqlDatabase& db) : m_db(db) {}

    // Before the transaction: numbers the customers and, for a big visits table, starts
    // writing most of its rows into `scratch` on a second thread while save() writes the
    // rest (see ScratchTable). `tables`, `loaded` and this object must outlive `scratch`'s use.
    void prepareSave(const ResultTables& tables, const LoadedEvents& loaded, ScratchTable& scratch,
                     const JobControl* control);
    // Replaces every stored result table with `tables`, computed from the loaded events, with
    // the rows prepareSave() had written in `scratch` (null: all rows written here).
    bool save(const ResultTables& tables, const LoadedEvents& loaded, QString* error, const JobControl* control,
              ScratchTable* scratch = nullptr);

    // Null (and no error) when no results are stored or when they were computed from other
    // events than `loaded` holds; null with `error` set when the tables cannot be read.
    std::shared_ptr<const ResultTables> load(const ReadResult& read, const LoadedEvents& loaded, QString* error);

    // Replaces only the packed results (ResultPack) with those of `tables`, which must be the
    // stored results (the caller checks, inside its transaction): for results saved without a
    // pack (before schema 7) or with one that could not be read.
    bool savePack(const ResultTables& tables, QString* error);
    // Whether pack() has one.
    bool hasPack();
    // The packed results, when they pack the stored results and this version packed them;
    // none (and no error) otherwise.
    std::optional<PackedResults> pack(QString* error);

    std::optional<Parameters> parameters();
    // Whether the stored results were computed from the events `loaded` holds.
    bool areCurrent(const LoadedEvents& loaded);

private:
    void numberCustomers(const ResultTables& tables);
    bool saveCustomers(const ResultTables& tables, QString* error);
    bool saveVisits(const ResultTables& tables, const LoadedEvents& loaded, ScratchTable* scratch, QString* error,
                    const JobControl* control);
    bool saveWeekly(const ResultTables& tables, QString* error);
    bool saveLtv(const ResultTables& tables, QString* error);
    bool createIndexes(QString* error);
    bool insertPack(const PackedResults& packed, const QString& resultsSavedAt, QString* error);
    bool saveParameters(const ResultTables& tables, const LoadedEvents& loaded, QString* error);
    bool loadVisits(ResultTables& tables, const LoadedEvents& loaded, QString* error);
    bool loadWeekly(ResultTables& tables, QString* error);
    bool loadLtv(ResultTables& tables, QString* error);

    QSqlDatabase m_db;
    std::vector<std::uint32_t> m_customersInOrder; // interned ids, by customer_no - 1
    std::vector<std::uint32_t> m_customerNumbers;  // customer_no of each interned id (index 0 unused)
    std::size_t m_ownVisits = 0;                   // visits rows save() writes; the scratch has the rest
    QString m_savedAt;                             // the saved_at of the run parameters save() writes
};

} // namespace clv
