#pragma once

#include "tables/ReadView.h"
#include "tables/TableSpec.h"

namespace clv {

// One line that could not be used: where it is, why, and its raw text.
struct ProblemsRecord {
    std::string_view file;
    qint64 fileIndex = 0;
    qint64 line = 0;
    std::string_view reason;
    std::string_view raw; // as read, cut at Rejection::kMaxRawBytes

    QString location() const { return QStringLiteral("%1:%2").arg(utf8Text(file)).arg(line); }
};

// The rejected lines (held in memory only: a workspace keeps them, but the tab reads the run's).
struct ProblemsColumns {
    using Record = ProblemsRecord;
    using Source = ReadView;

    static const Columns<Record>& columns();
    static std::size_t rowCount(const Source& view) { return view.read->rejections.size(); }
    static Record record(const Source& view, std::uint32_t row);
    // Problems have no customer: the filter looks into the reason and the raw text instead.
    static bool matches(const Record& r, std::string_view needle)
    {
        return r.reason.find(needle) != std::string_view::npos || r.raw.find(needle) != std::string_view::npos;
    }
};

} // namespace clv
