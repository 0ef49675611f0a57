#pragma once

#include <QFile>
#include <QString>

#include <string>

namespace clv {

// Reads whole CSV rows from a partial table, in order: a row ends at a line end outside
// quotes, so a customer id with a line break (quoted) stays one row.
class PartialRows {
public:
    explicit PartialRows(const QString& path) : m_file(path) {}
    // Opens the file and skips its header row.
    bool open(QString* error);
    // Appends the next `count` rows, line ends included, to `out`.
    bool copyRows(std::size_t count, std::string& out, QString* error);

private:
    bool fill();

    QFile m_file;
    std::string m_buffer;
    std::size_t m_pos = 0;
};

} // namespace clv
