#pragma once

#include "io/EventTime.h"
#include "io/MoneyAmount.h"

#include <QString>
#include <QVariant>

#include <functional>
#include <string_view>

namespace clv {

// How the tables show values: money with two decimals, LTV with two decimals, times as
// ISO UTC. Views get text; UserRole gives the raw number for charts and tests.
inline QString moneyText(Cents cents) { return QString::number(double(cents) / 100.0, 'f', 2); }
inline QString decimalText(double value, int decimals = 2) { return QString::number(value, 'f', decimals); }
inline QString timeText(TimeMicros t) { return QString::fromStdString(formatEventTime(t)); }
inline QString text(std::string_view s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())); }

inline QVariant numberAlignment() { return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter); }

// Rows whose customer id contains `needle` (case-insensitive for ASCII).
template <class CustomerOf>
std::function<bool(std::uint32_t)> customerContains(const QString& needle, CustomerOf customerOf)
{
    std::string lowered = needle.trimmed().toLower().toStdString();
    return [lowered, customerOf](std::uint32_t row) {
        const std::string_view id = customerOf(row);
        if (lowered.size() > id.size())
            return false;
        for (std::size_t start = 0; start + lowered.size() <= id.size(); ++start) {
            std::size_t i = 0;
            while (i < lowered.size()) {
                char c = id[start + i];
                if (c >= 'A' && c <= 'Z')
                    c = static_cast<char>(c - 'A' + 'a');
                if (c != lowered[i])
                    break;
                ++i;
            }
            if (i == lowered.size())
                return true;
        }
        return false;
    };
}

} // namespace clv
