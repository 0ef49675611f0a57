#include "tables/ProblemsColumns.h"

#include <utility>

namespace clv {

namespace {

// The raw text shown in a cell: one line, control bytes made visible, kept short.
QVariant rawCellText(const ProblemsRecord& r)
{
    constexpr std::size_t kShown = 300;
    QString s = utf8Text(r.raw.substr(0, kShown));
    for (QChar& c : s)
        if (c.unicode() < 0x20)
            c = QChar(0x2423); // ␣ stands in for control characters
    return r.raw.size() > kShown ? s + QStringLiteral("…") : s;
}

} // namespace

const Columns<ProblemsRecord>& ProblemsColumns::columns()
{
    using R = ProblemsRecord;
    namespace c = clv::columns;
    struct Place {
        std::pair<qint64, qint64> operator()(const R& r) const { return {r.fileIndex, r.line}; }
    };
    struct Raw {
        std::string_view operator()(const R& r) const { return r.raw; }
    };
    static const Columns<R> list = {
        {"file", false, [](const R& r) { return QVariant(utf8Text(r.file)); }, nullptr, &sortByKey<R, Place>, {}},
        {"line", true, [](const R& r) { return QVariant(r.line); }, nullptr, &sortByKey<R, Place>, {}},
        c::text<R>("reason", [](const R& r) { return r.reason; }, {}),
        {"raw",
         false,
         &rawCellText,
         nullptr,
         &sortByKey<R, Raw>,
         {},
         QT_TRANSLATE_NOOP("Columns", "Double-click to see the whole line")},
    };
    return list;
}

ProblemsRecord ProblemsColumns::record(const ReadView& view, std::uint32_t row)
{
    const Rejection& r = view.read->rejections[row];
    return {view.fileNames[r.file], r.file, r.line, r.reason, r.raw};
}

} // namespace clv
