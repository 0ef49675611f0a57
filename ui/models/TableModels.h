#pragma once

#include "models/MemoryTableModel.h"
#include "models/PagedTableModel.h"
#include "tables/EventsColumns.h"
#include "tables/LtvColumns.h"
#include "tables/ProblemsColumns.h"
#include "tables/VisitsColumns.h"
#include "tables/WeeklyColumns.h"

namespace clv {

// The window's tables: each is its column spec in memory, and (but Problems) paged from a
// workspace.
using EventsTableModel = MemoryTableModel<EventsColumns>;
using VisitsTableModel = MemoryTableModel<VisitsColumns>;
using WeeklyTableModel = MemoryTableModel<WeeklyColumns>;
using LtvTableModel = MemoryTableModel<LtvColumns>;
using ProblemsTableModel = MemoryTableModel<ProblemsColumns>;
using PagedWeeklyModel = PagedTableModel<WeeklyColumns>;
using PagedLtvModel = PagedTableModel<LtvColumns>;

} // namespace clv
