#include "io/ColumnSelection.h"

#include "io/ReasonText.h"
#include "util/LineText.h"

#include <algorithm>
#include <array>

namespace clv {

namespace {

ColumnSelectionParse refuse(std::string why)
{
    return {std::nullopt, std::move(why)};
}

bool sameColumn(const ColumnRef& a, const ColumnRef& b)
{
    return a.byName() == b.byName() && (a.byName() ? columnNamesEqual(a.name, b.name) : a.number == b.number);
}

} // namespace

bool columnNamesEqual(std::string_view a, std::string_view b)
{
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
        return lower(x) == lower(y);
    });
}

ColumnSelectionParse parseColumnSelection(std::string_view text)
{
    static constexpr std::array<const char*, 3> kRoles = {"id", "date", "amount"};
    std::array<ColumnRef, 3> refs;
    std::size_t count = 0;
    for (std::size_t start = 0;; ++count) {
        const std::size_t comma = text.find(',', start);
        const std::string_view item = trimmed(text.substr(start, comma - start));
        if (count < refs.size()) {
            if (item.empty())
                return refuse(std::string("the ") + kRoles[count]
                              + " column is missing: give three columns, ID,DATE,AMOUNT (names or 1-based numbers)");
            if (std::all_of(item.begin(), item.end(), [](char c) { return c >= '0' && c <= '9'; })) {
                // Digits beyond five make a number past any limit: stop before they overflow.
                int number = 0;
                for (std::size_t i = 0; i < item.size() && number <= kMaxColumnNumber; ++i)
                    number = number * 10 + (item[i] - '0');
                if (number == 0)
                    return refuse("column numbers start at 1, not " + quotedInReason(item));
                if (number > kMaxColumnNumber)
                    return refuse("column number " + quotedInReason(item) + " is beyond "
                                  + std::to_string(kMaxColumnNumber));
                refs[count].number = number;
            } else {
                refs[count].name = std::string(item);
            }
        }
        if (comma == std::string_view::npos)
            break;
        start = comma + 1;
    }
    if (count + 1 != refs.size())
        return refuse("give three columns, ID,DATE,AMOUNT (names or 1-based numbers), not "
                      + std::to_string(count + 1));
    for (std::size_t a = 0; a < refs.size(); ++a)
        for (std::size_t b = a + 1; b < refs.size(); ++b)
            if (sameColumn(refs[a], refs[b]))
                return refuse(std::string("the ") + kRoles[a] + " and the " + kRoles[b] + " cannot be the same column ("
                              + refs[a].text() + ")");
    return {ColumnSelection{refs[0], refs[1], refs[2]}, {}};
}

} // namespace clv
