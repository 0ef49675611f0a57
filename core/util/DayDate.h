#pragma once

#include <QDate>

#include <cstdint>

namespace clv {

// The engine counts days since 1970-01-01 (UTC); Qt's widgets and text want a QDate.
inline QDate dateFromDays(std::int64_t days)
{
    return QDate(1970, 1, 1).addDays(days);
}

inline std::int64_t daysFromDate(const QDate& date)
{
    return QDate(1970, 1, 1).daysTo(date);
}

} // namespace clv
