#pragma once

#include "model/ResultTables.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <cstddef>
#include <memory>

namespace clv {

// The result tables of a workspace's last analysis packed in four byte strings ("frames":
// customer ids, visits, weekly, ltv), stored in result_pack beside the SQL tables, in the same
// transaction, naming the saved results they pack (WorkspaceSchema, version 7). The SQL
// tables are what the paged views and outside tools query; the pack is what writing the
// output files again needs, without loading and analysing the events: the 3.6 million visits
// rows of the benchmark file unpack in tens of milliseconds, where SQLite alone takes some
// 0.4 s to step through them.
//
// Each frame: a format byte, its count (of ids or of rows), then the ids or rows; the ltv
// frame starts with its own dictionary of the names and places it shows and counts its rows
// after it. Customers are named by their interned id in the customers frame (every id of the
// store, in id order). The visits and weekly frames list their rows' customers as runs
// (customer, row count) — their rows come customer after customer — then per row a header
// byte holding the small deltas of the week and visit numbers from the row before and a few
// flags, and whatever does not fit in it. Most visits rows take that byte alone, so the pack
// needs no compression (which took a save more than twice the packing's time). Doubles are
// kept bit for bit. See ByteCoding.
struct PackedResults {
    QByteArray customers;
    QByteArray visits;
    QByteArray weekly;
    QByteArray ltv;
};

namespace ResultPack {

// Packs `tables` on the calling thread (a save runs it beside its single-threaded copy).
PackedResults pack(const ResultTables& tables);

// The tables of `packed`, computed with `parameters`, holding a store of no events (see
// ResultTables); the visits and weekly frames are read on threads of their own, beside the
// others. Null, with `error` set, when a frame is damaged.
std::shared_ptr<ResultTables> unpack(const PackedResults& packed, const Parameters& parameters, QString* error);

} // namespace ResultPack

} // namespace clv
