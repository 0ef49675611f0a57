#pragma once

#include "store/RowBlock.h"
#include "store/WorkspaceTable.h"
#include "tables/CellText.h"

#include <QCoreApplication>
#include <QStringList>
#include <QVariant>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace clv {

// What a table shows, whatever holds its rows: a table is a Record (one row's facts, cheap to
// build from memory or from a workspace page) and a list of Columns over it. The memory
// model, the paged workspace model and Copy as CSV all read cells through the same columns,
// so a table's titles, formatting, alignment and sort rules are written once.
template <class Record>
using RecordAt = std::function<Record(std::uint32_t row)>;

// Puts `rows` in the column's order (stable: equal values keep the table's own order).
template <class Record>
using SortRows = void (*)(std::vector<std::uint32_t>& rows, const RecordAt<Record>& recordAt, bool descending);

template <class Record>
struct Column {
    const char* title; // untranslated (context "Columns")
    bool alignRight;   // numbers line up on the right
    QVariant (*display)(const Record&);
    QVariant (*value)(const Record&); // Qt::UserRole (a number for charts); null: as display
    SortRows<Record> sortRows;        // sorting in memory
    QStringList sqlOrder;             // sorting in a workspace: ORDER BY expressions
    const char* toolTip = nullptr;    // untranslated (context "Columns")

    QString header() const { return QCoreApplication::translate("Columns", title); }
};

template <class Record>
using Columns = std::vector<Column<Record>>;

// A cell of `record` for a Qt item role.
template <class Record>
QVariant cellData(const Columns<Record>& columns, const Record& record, int column, int role)
{
    if (column < 0 || column >= static_cast<int>(columns.size()))
        return {};
    const Column<Record>& c = columns[static_cast<std::size_t>(column)];
    switch (role) {
    case Qt::DisplayRole: return c.display(record);
    case Qt::UserRole: return c.value ? c.value(record) : c.display(record);
    case Qt::TextAlignmentRole:
        return c.alignRight ? QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::ToolTipRole: return c.toolTip ? QVariant(QCoreApplication::translate("Columns", c.toolTip)) : QVariant();
    default: return {};
    }
}

template <class Record>
QStringList columnTitles(const Columns<Record>& columns)
{
    QStringList titles;
    for (const Column<Record>& c : columns)
        titles << c.header();
    return titles;
}

// Sorting by a key: each row's key is taken once, then the keys are sorted, instead of
// building two records per comparison.
template <class Record, class KeyOf>
void sortByKey(std::vector<std::uint32_t>& rows, const RecordAt<Record>& recordAt, bool descending)
{
    using Key = std::decay_t<std::invoke_result_t<KeyOf, const Record&>>;
    std::vector<std::pair<Key, std::uint32_t>> keyed;
    keyed.reserve(rows.size());
    for (const std::uint32_t row : rows)
        keyed.emplace_back(KeyOf{}(recordAt(row)), row);
    if (descending)
        std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return b.first < a.first; });
    else
        std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t i = 0; i < rows.size(); ++i)
        rows[i] = keyed[i].second;
}

// Column builders: a title, the key a column shows and sorts by (a capture-free lambda over
// the record), and the SQL it sorts by in a workspace. The key's type decides the text.
namespace columns {

template <class Record, class KeyOf>
Column<Record> integer(const char* title, KeyOf, QStringList sql)
{
    return {title,
            true,
            [](const Record& r) { return QVariant(qlonglong(KeyOf{}(r))); },
            nullptr,
            &sortByKey<Record, KeyOf>,
            std::move(sql)};
}

template <class Record, class KeyOf>
Column<Record> text(const char* title, KeyOf, QStringList sql)
{
    return {title,
            false,
            [](const Record& r) { return QVariant(utf8Text(KeyOf{}(r))); },
            nullptr,
            &sortByKey<Record, KeyOf>,
            std::move(sql)};
}

// Cents shown as money with two decimals; the user value is the amount as a number.
template <class Record, class KeyOf>
Column<Record> money(const char* title, KeyOf, QStringList sql)
{
    return {title,
            true,
            [](const Record& r) { return QVariant(moneyText(KeyOf{}(r))); },
            [](const Record& r) { return QVariant(double(KeyOf{}(r)) / 100.0); },
            &sortByKey<Record, KeyOf>,
            std::move(sql)};
}

template <int Decimals, class Record, class KeyOf>
Column<Record> decimal(const char* title, KeyOf, QStringList sql)
{
    return {title,
            true,
            [](const Record& r) { return QVariant(decimalText(KeyOf{}(r), Decimals)); },
            [](const Record& r) { return QVariant(double(KeyOf{}(r))); },
            &sortByKey<Record, KeyOf>,
            std::move(sql)};
}

template <class Record, class KeyOf>
Column<Record> time(const char* title, KeyOf, QStringList sql)
{
    return {title,
            false,
            [](const Record& r) { return QVariant(timeText(KeyOf{}(r))); },
            nullptr,
            &sortByKey<Record, KeyOf>,
            std::move(sql)};
}

// The seed's spelling of a boolean.
template <class Record, class KeyOf>
Column<Record> boolean(const char* title, KeyOf, QStringList sql)
{
    return {title,
            false,
            [](const Record& r) { return QVariant(KeyOf{}(r) ? QStringLiteral("True") : QStringLiteral("False")); },
            nullptr,
            &sortByKey<Record, KeyOf>,
            std::move(sql)};
}

} // namespace columns

// The values a workspace page holds for a record, in SELECT order, each with where it goes.
template <class Record>
struct SqlValue {
    const char* expression;
    void (*read)(Record& record, const RowBlock& block, int row, int column);
};

template <class Record>
using SqlValues = std::vector<SqlValue<Record>>;

template <class T>
struct MemberOf;
template <class R, class F>
struct MemberOf<F R::*> {
    using Record = R;
    using Field = F;
};

// One SELECT expression read into a member of the record: sqlValue<&Record::member>("t.column").
template <auto Member>
SqlValue<typename MemberOf<decltype(Member)>::Record> sqlValue(const char* expression)
{
    using Record = typename MemberOf<decltype(Member)>::Record;
    using Field = typename MemberOf<decltype(Member)>::Field;
    return {expression, [](Record& record, const RowBlock& block, int row, int column) {
                if constexpr (std::is_same_v<Field, std::string_view>)
                    record.*Member = block.text(row, column);
                else if constexpr (std::is_same_v<Field, double>)
                    record.*Member = block.value(row, column).toDouble();
                else if constexpr (std::is_same_v<Field, bool>)
                    record.*Member = block.value(row, column).toLongLong() != 0;
                else
                    record.*Member = static_cast<Field>(block.value(row, column).toLongLong());
            }};
}

template <class Record>
Record recordFromBlock(const SqlValues<Record>& values, const RowBlock& block, int row)
{
    Record record{};
    for (std::size_t c = 0; c < values.size(); ++c)
        values[c].read(record, block, row, static_cast<int>(c));
    return record;
}

// The workspace SQL of a table: where its rows come from (`source`, with its FROM clause and
// row numbering), the values of a record and each column's ORDER BY.
template <class Record>
WorkspaceTable workspaceTable(WorkspaceTable source, const SqlValues<Record>& values, const Columns<Record>& columns)
{
    source.values.clear();
    for (const SqlValue<Record>& v : values)
        source.values << QString::fromLatin1(v.expression);
    source.sortKeys.clear();
    for (const Column<Record>& c : columns)
        source.sortKeys << c.sqlOrder;
    return source;
}

} // namespace clv
