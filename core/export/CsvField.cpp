#include "export/CsvField.h"

namespace clv {

bool looksLikeFormula(std::string_view field)
{
    if (field.empty())
        return false;
    switch (field.front()) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r': return true;
    default: return false;
    }
}

void appendCsvField(std::string& out, std::string_view field, const CsvOptions& options)
{
    const bool neutralise = options.neutraliseFormulas && looksLikeFormula(field);
    if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
        if (neutralise)
            out += '\'';
        out.append(field);
        return;
    }
    out += '"';
    if (neutralise)
        out += '\'';
    for (char c : field) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

} // namespace clv
