#pragma once

#include <QSize>
#include <QString>

class QChart;

namespace clv {

// Saves a chart as PNG or SVG, chosen by the file suffix. The file is written atomically
// (QSaveFile): a failed export leaves an existing file whole.
class ChartExporter {
public:
    // Draws `chart` at `size` (laid out again at that size for the drawing, then restored).
    // False with a plain-words reason in `error` for an unknown suffix or an unwritable path.
    static bool save(QChart* chart, const QSize& size, const QString& path, QString* error);

    static bool isSupportedSuffix(const QString& path);
};

} // namespace clv
