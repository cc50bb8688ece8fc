// Text table: rows rendered as an aligned table (CJK-width aware), TSV, CSV or JSON.
#pragma once

#include <string>
#include <vector>

namespace convgraph {

enum class TableFormat { table, tsv, csv, json, jsonl };

struct TextTable {
    std::vector<std::string> columns;
    std::vector<std::vector<std::string>> rows;
};

// table: columns padded to display width, a header line, two spaces between columns;
// tsv: tabs and newlines in cells become spaces; csv: RFC 4180 quoting; json: an array of
// objects keyed by column name; jsonl: one object per line.
std::string render_table(const TextTable& t, TableFormat format, bool header = true);

}  // namespace convgraph
