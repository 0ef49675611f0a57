#pragma once

// Helpers shared by the unit tests: build events as JSON lines, run the real reader and
// pipeline on them, and read CSV tables back for comparison.

#include "etl/Pipeline.h"
#include "io/EventReader.h"

#include <QFile>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

namespace clv::test {

inline std::string customerLine(const std::string& id, const std::string& time, const std::string& verb = "NEW",
                                const std::string& lastName = "Smith", const std::string& city = "Middletown",
                                const std::string& state = "AK")
{
    return R"({"type": "CUSTOMER", "verb": ")" + verb + R"(", "key": ")" + id + R"(", "event_time": ")" + time
        + R"(", "last_name": ")" + lastName + R"(", "adr_city": ")" + city + R"(", "adr_state": ")" + state + "\"}";
}

inline std::string visitLine(const std::string& customer, const std::string& time, const std::string& page = "p1")
{
    return R"({"type": "SITE_VISIT", "verb": "NEW", "key": ")" + page + R"(", "event_time": ")" + time
        + R"(", "customer_id": ")" + customer + R"(", "tags": {"some key": "some value"}})";
}

inline std::string imageLine(const std::string& customer, const std::string& time, const std::string& image = "i1")
{
    return R"({"type": "IMAGE", "verb": "UPLOAD", "key": ")" + image + R"(", "event_time": ")" + time
        + R"(", "customer_id": ")" + customer + R"(", "camera_make": "Canon", "camera_model": "EOS 80D"})";
}

inline std::string orderLine(const std::string& customer, const std::string& time, const std::string& order,
                             const std::string& amount, const std::string& verb = "NEW")
{
    return R"({"type": "ORDER", "verb": ")" + verb + R"(", "key": ")" + order + R"(", "event_time": ")" + time
        + R"(", "customer_id": ")" + customer + R"(", "total_amount": ")" + amount + "\"}";
}

inline std::string joinLines(const std::vector<std::string>& lines)
{
    std::string text;
    for (const auto& l : lines)
        text += l + "\n";
    return text;
}

inline ReadResult readLines(const std::vector<std::string>& lines, ReaderOptions options = {})
{
    return EventReader(std::move(options)).readText(joinLines(lines), QStringLiteral("test.jsonl"));
}

inline std::shared_ptr<const ResultTables> analyse(const std::vector<std::string>& lines, Parameters parameters = {})
{
    return Pipeline(parameters).run(readLines(lines).events);
}

// The row of the visits table for the n-th event of the input (input order).
inline std::size_t visitsRowOfEvent(const ResultTables& t, std::uint32_t event)
{
    const auto it = std::find(t.visits.event.begin(), t.visits.event.end(), event);
    return static_cast<std::size_t>(it - t.visits.event.begin());
}

inline const LtvRow* ltvOf(const ResultTables& t, const std::string& customer)
{
    for (const LtvRow& row : t.ltv)
        if (t.events->customerId(row.customer) == customer)
            return &row;
    return nullptr;
}

using CsvRows = std::vector<std::vector<std::string>>;

inline CsvRows readCsv(const QString& path, QString* header = nullptr)
{
    QFile file(path);
    CsvRows rows;
    if (!file.open(QIODevice::ReadOnly))
        return rows;
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (int i = 0; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        if (line.isEmpty())
            continue;
        if (i == 0) {
            if (header)
                *header = QString::fromUtf8(line);
            continue;
        }
        std::vector<std::string> cells;
        for (const QByteArray& cell : line.split(','))
            cells.push_back(cell.toStdString());
        rows.push_back(std::move(cells));
    }
    return rows;
}

// Reads a CSV file by the RFC 4180 rules (quoted fields may hold commas, doubled quotes and
// line breaks); the header line is left out. A malformed file gives a row {"<malformed>"}.
inline CsvRows readRfc4180(const QString& path)
{
    QFile file(path);
    CsvRows rows;
    if (!file.open(QIODevice::ReadOnly))
        return rows;
    const QByteArray text = file.readAll();
    std::vector<std::string> row;
    std::string cell;
    bool quoted = false;
    bool header = true;
    auto endRow = [&] {
        row.push_back(cell);
        cell.clear();
        if (!header)
            rows.push_back(row);
        header = false;
        row.clear();
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                cell += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
                if (i + 1 < text.size() && text[i + 1] != ',' && text[i + 1] != '\n')
                    return {{"<malformed>"}};
            } else {
                cell += c;
            }
        } else if (c == '"' && cell.empty()) {
            quoted = true;
        } else if (c == ',') {
            row.push_back(cell);
            cell.clear();
        } else if (c == '\n') {
            endRow();
        } else {
            cell += c;
        }
    }
    if (quoted)
        return {{"<malformed>"}};
    if (!cell.empty() || !row.empty())
        endRow();
    return rows;
}

inline bool isNumber(const std::string& s, double& value)
{
    if (s.empty())
        return false;
    char* end = nullptr;
    value = std::strtod(s.c_str(), &end);
    return end == s.c_str() + s.size();
}

inline bool cellsEqual(const std::string& a, const std::string& b)
{
    double x = 0, y = 0;
    if (isNumber(a, x) && isNumber(b, y))
        return x == y || std::fabs(x - y) <= 1e-9 * std::max(std::fabs(x), std::fabs(y));
    return a == b;
}

inline bool rowLess(const std::vector<std::string>& a, const std::vector<std::string>& b)
{
    for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
        double x = 0, y = 0;
        if (isNumber(a[i], x) && isNumber(b[i], y)) {
            if (x != y)
                return x < y;
        } else if (a[i] != b[i]) {
            return a[i] < b[i];
        }
    }
    return a.size() < b.size();
}

// Compares two tables as multisets of rows, numbers within 1e-9 relative. Returns an
// empty string when equal, else the first difference.
inline QString compareAsMultisets(CsvRows a, CsvRows b)
{
    if (a.size() != b.size())
        return QStringLiteral("row counts differ: %1 vs %2").arg(a.size()).arg(b.size());
    std::sort(a.begin(), a.end(), rowLess);
    std::sort(b.begin(), b.end(), rowLess);
    for (std::size_t r = 0; r < a.size(); ++r) {
        bool same = a[r].size() == b[r].size();
        for (std::size_t c = 0; same && c < a[r].size(); ++c)
            same = cellsEqual(a[r][c], b[r][c]);
        if (!same) {
            QStringList x, y;
            for (const auto& s : a[r])
                x << QString::fromStdString(s);
            for (const auto& s : b[r])
                y << QString::fromStdString(s);
            return QStringLiteral("row differs: %1 vs %2").arg(x.join(','), y.join(','));
        }
    }
    return {};
}

} // namespace clv::test
