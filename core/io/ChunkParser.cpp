#include "io/ChunkParser.h"

#include "io/EventLineParser.h"
#include "io/PayloadHash.h"
#include "io/PurchaseEvents.h"
#include "util/LineText.h"

namespace clv {

namespace {

std::string rawText(std::string_view line)
{
    return std::string(line.substr(0, Rejection::kMaxRawBytes));
}

// Each accepted event's payload hash, when asked for: the line's text is hashed once, for
// its first accepted record, and mixed with the record's place for the others.
class PayloadHashes {
public:
    PayloadHashes(bool wanted, std::vector<std::uint64_t>& hashes) : m_wanted(wanted), m_hashes(hashes)
    {
        m_hashes.clear();
    }
    void add(std::string_view line, std::uint32_t lineNumber)
    {
        if (!m_wanted)
            return;
        if (lineNumber == m_lineNumber) {
            ++m_recordInLine;
        } else {
            m_recordInLine = 0;
            m_lineNumber = lineNumber;
            m_lineHash = payloadLineHash(line);
        }
        m_hashes.push_back(payloadHash(m_lineHash, m_recordInLine));
    }

private:
    bool m_wanted;
    std::vector<std::uint64_t>& m_hashes;
    std::uint32_t m_lineNumber = 0; // lines count from 1
    std::uint32_t m_recordInLine = 0;
    std::uint64_t m_lineHash = 0;
};

class ChunkSink final : public RecordSink {
public:
    ChunkSink(ChunkResult& chunk, std::uint32_t& line, std::string_view& text, PayloadHashes& hashes)
        : m_chunk(chunk), m_line(line), m_text(text), m_hashes(hashes)
    {
    }
    void accept(const EventView& event) override
    {
        m_chunk.events.append(event, {0, m_line});
        m_hashes.add(m_text, m_line);
        ++m_chunk.stats.accepted;
    }
    void reject(std::string reason) override
    {
        m_chunk.rejections.push_back({0, m_line, std::move(reason), rawText(m_text)});
        ++m_chunk.stats.rejected;
    }

private:
    ChunkResult& m_chunk;
    std::uint32_t& m_line;
    std::string_view& m_text;
    PayloadHashes& m_hashes;
};

// The rows of a transaction table, each one record.
class TableRows {
public:
    explicit TableRows(const TableChunk& table) : m_table(table), m_parser(table.layout) {}

    void read(std::string_view line, std::uint32_t lineNumber, ChunkResult& chunk, RecordSink& sink,
              PayloadHashes& hashes)
    {
        PurchaseRow row;
        if (std::string reason = m_parser.parseLine(line, row); !reason.empty()) {
            sink.reject(std::move(reason));
            return;
        }
        const std::uint32_t lineInFile = m_table.linesBefore + lineNumber;
        m_key.assign(m_table.fileName).append(":").append(std::to_string(lineInFile));
        const std::size_t before = chunk.events.size();
        m_purchases.append(chunk.events, row, m_key, {0, lineNumber});
        for (std::size_t i = before; i < chunk.events.size(); ++i)
            hashes.add(line, lineNumber);
        ++chunk.stats.accepted;
    }
    bool isHeader(std::uint32_t lineNumber) const { return m_table.linesBefore + lineNumber == m_table.headerLine; }

private:
    const TableChunk& m_table;
    TransactionLineParser m_parser;
    PurchaseEvents m_purchases;
    std::string m_key;
};

} // namespace

void parseChunk(std::string_view text, const ChunkOptions& options, ChunkResult& chunk)
{
    thread_local EventLineParser parser;
    chunk.events.clear();
    chunk.rejections.clear();
    chunk.stats = {};
    // Event lines run to about 150 bytes; a table's rows to about 30, each making two events.
    chunk.events.reserve(text.size() / (options.table ? 15 : 150) + 16);

    std::uint32_t lineNumber = 0;
    std::string_view current;
    PayloadHashes hashes(options.payloadHashes, chunk.payloadHashes);
    ChunkSink sink(chunk, lineNumber, current, hashes);
    std::string wrapped;
    std::optional<TableRows> table;
    if (options.table)
        table.emplace(*options.table);

    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos)
            end = text.size();
        ++lineNumber;
        current = text.substr(pos, end - pos);
        pos = end + 1;

        // An over-long line is refused whatever it holds, blanks too: the reader refuses one
        // that outgrows its step before it has seen all of it (found by fuzzing: a long blank
        // line was skipped in large steps and refused in small ones).
        if (current.size() > options.maxLineBytes) {
            ++chunk.stats.lines;
            ++chunk.stats.records;
            sink.reject("line is longer than " + std::to_string(options.maxLineBytes >> 20) + " MiB");
            continue;
        }
        const std::string_view content = trimmed(current);
        if (content.empty() || (table && table->isHeader(lineNumber)))
            continue; // a table's header, like a blank line, holds no record
        ++chunk.stats.lines;
        if (table) {
            ++chunk.stats.records;
            table->read(current, lineNumber, chunk, sink, hashes);
            continue;
        }
        if (!options.arrayLayout) {
            chunk.stats.records += parser.parseLine(content, sink);
            continue;
        }
        const std::string_view elements = arrayElements(content);
        if (elements.empty()) {
            --chunk.stats.lines; // a bracket alone on its line is layout, not a record
            continue;
        }
        // Character by character: GCC 12 warns falsely (-Wrestrict) on assign("[").append(...).
        wrapped.clear();
        wrapped += '[';
        wrapped.append(elements);
        wrapped += ']';
        chunk.stats.records += parser.parseLine(wrapped, sink);
    }
    chunk.lineCount = lineNumber;
}

} // namespace clv
