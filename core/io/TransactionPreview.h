#pragma once

#include "io/FieldCursor.h"
#include "io/TransactionFormat.h"

#include <QString>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace clv {

// The roles a transaction table's columns play, in the order --columns takes them.
enum class TransactionRole : std::uint8_t { Id, Date, Amount };

// The start of a transaction table as the reader would split it, for a window that lets the
// user check the table and choose its columns before reading it all (SPEC §11).
struct TransactionPreview {
    // The first non-blank line, as the reader decides the table's layout from it.
    std::string firstLine;
    FieldSeparator separator = FieldSeparator::Comma;
    // Whether the first line names the columns. Decided by detectTransactionLayout when it
    // finds the table's columns by itself; else a first line with no date and no amount in
    // any field is taken for a header, as no row of purchases can be.
    bool hasHeader = false;
    std::vector<std::string> header; // the first line's fields, when it is a header
    struct Row {
        std::uint32_t line = 0; // 1-based, as the reader numbers the file's lines
        std::vector<std::string> fields;
    };
    std::vector<Row> rows; // the first rows after the header, blank lines left out
    int columnCount = 0;   // the widest of the header and the rows shown
    // The columns (0-based) the reader would use without being told: from the header's names
    // (customer_id/customer/id, …) or a three-column table's order. -1 when not found.
    std::array<int, 3> detected = {-1, -1, -1};
    // Why the columns were not found by themselves, in plain words; empty when they were.
    std::string detectionProblem;

    bool columnsDetected() const { return detected[0] >= 0; }
    // Whether the table is recognisably one of purchases: its columns were found, or its
    // first line is a row that holds a date (only its columns are left to name).
    bool looksLikeTable() const;
    // How the reader would read the table with the id, date and amount in these columns
    // (0-based): the same decision clv-etl --columns makes, with its problem when it cannot.
    TransactionLayoutParse layoutWith(int idColumn, int dateColumn, int amountColumn) const;
};

struct TransactionPreviewRead {
    std::optional<TransactionPreview> preview;
    QString error; // why the file cannot be previewed as a table, in plain words
};

// The rows a preview shows by default.
constexpr int kPreviewRows = 20;

// Previews a table held in memory (a UTF-8 BOM at its start is skipped, '\r\n' line ends
// are read as '\n'). Refuses text that is empty or blank, and JSON (a first non-blank
// character '{' or '['): event files are read as events, not as tables.
TransactionPreviewRead previewTransactionText(std::string_view text, int maxRows = kPreviewRows);
// Previews the start of the file at `path`; only its first bytes are read.
TransactionPreviewRead previewTransactionFile(const QString& path, int maxRows = kPreviewRows);

// The reader's options for a table whose id, date and amount are in these columns
// (0-based): columns by number, as `--columns 1,3,5` gives them.
TransactionOptions transactionOptionsFor(int idColumn, int dateColumn, int amountColumn);

} // namespace clv
