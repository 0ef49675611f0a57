#pragma once

#include "io/InputStream.h"

#include <QString>

#include <cstdint>
#include <string_view>
#include <vector>

namespace clv {

// Gives back the text of a file's lines by number, reading the file once from start to end.
// The reader keeps no raw text in memory (events carry only their file and line), so the
// workspace and the duplicate filter fetch the lines they need afterwards with this class,
// asking for line numbers in ascending order. Lines are numbered as the reader numbers
// them: 1-based, every '\n' ends one, and a UTF-8 BOM at the start of the file is skipped.
// A compressed file is decoded again on the way (InputStream), as the reader decoded it.
class SourceLineReader {
public:
    explicit SourceLineReader(const QString& path);

    bool open(QString* error);

    // Points `text` at line `number`, without its '\n' (a '\r' before it stays). Numbers
    // must not decrease between calls; asking for the same line again is allowed (one line
    // can hold several records). The view is valid until the next call. Returns false when
    // the file has fewer lines or a read fails (see errorString()).
    bool line(std::uint32_t number, std::string_view& text);

    QString errorString() const { return m_error; }

private:
    // Reads more of the file behind the unread bytes; false at the end of the file.
    bool fill();
    // Leaves the current line behind; long lines are dropped as they are scanned, so
    // skipping a line never holds all of it in memory.
    bool skipLine();

    QString m_path;
    InputStream m_file;
    QString m_error;
    std::vector<char> m_buffer;
    std::size_t m_begin = 0;        // first byte of the current line in m_buffer
    std::size_t m_filled = 0;       // bytes of m_buffer holding file data
    std::uint32_t m_lineNumber = 1; // number of the line that starts at m_begin
    bool m_atEnd = false;
    bool m_started = false;
};

} // namespace clv
