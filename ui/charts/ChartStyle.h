#pragma once

#include "io/MoneyAmount.h"

#include <QColor>
#include <QString>

class QChart;
class QChartView;
class QWidget;
class QValueAxis;
class QAbstractAxis;

namespace clv::chartstyle {

// One palette for every chart, so that spend is always the same blue and visits the same
// orange wherever they appear.
inline const QColor kSpend{0x4C, 0x78, 0xA8};
inline const QColor kVisits{0xF5, 0x85, 0x18};
inline const QColor kMean{0xE4, 0x57, 0x56};
inline const QColor kMedian{0x54, 0xA2, 0x4B};
inline const QColor kP90{0xB2, 0x79, 0xA2};

// "$1,234.56"
QString dollars(double value);
QString dollarsFromCents(Cents cents);
QString count(qint64 value);

// A chart with the app's look: no animation (a redraw is immediate, and an export never
// catches a chart half-way), numbers with thousands separators, legend at the bottom.
QChart* newChart(const QString& title);

// An empty chart view with the app's look (antialiased, no frame, a usable minimum size),
// named `objectName` so that tests and tours find it.
QChartView* newChartView(const char* objectName, QWidget* parent);

// Axis title in a readable size.
void setAxisTitle(QAbstractAxis* axis, const QString& title);

// A range rounded out to ticks at 1, 2 or 5 × 10^k, about `ticks` of them; whole-number
// steps and labels for counts.
void setNiceRange(QValueAxis* axis, double min, double max, bool wholeNumbers, int ticks = 6);

// A sentence in the middle of the plot area, for charts with nothing to draw.
void addMessage(QChart* chart, const QString& message);

} // namespace clv::chartstyle
