#pragma once

#include "summary/PredictSummaries.h"

class QChart;

namespace clv {

enum class HeatmapValue { ExpectedPurchases, PAlive };

// The key of QGraphicsItem::data() naming what a heatmap's own item is: "cell",
// "scaleSlice", "scaleLabel" or "scaleTitle" (for tests, as series have objectNames).
inline constexpr int kHeatmapRole = 0;

// The frequency/recency grid as coloured cells over value axes (recency across, frequency
// up), with a colour scale and its values at the right. The cells are rectangles of the
// chart's own scene, placed again whenever the plot area moves, so that they are drawn —
// and exported — with the chart. The caller owns the returned chart. Each cell carries its
// values as a tool tip; cells are in row-major order of the grid among the chart's items.
QChart* buildHeatmapChart(const FrequencyRecencyGrid& grid, HeatmapValue value);

// The scale's colour for `fraction` (0 … 1) of the way from the least to the greatest value.
QColor heatmapColor(double fraction);

} // namespace clv
