// Text table: rows rendered as an aligned table (CJK-width aware), TSV, CSV or JSON.
#pragma once

#include <string>
#include <vector>

namespace convgraph {

enum class TableFormat { table, tsv, csv, json, jsonl };

struct TextTable {
    std::vector<std::string> columns;
    std::vector<std::vector<std::string>> rows;
    // Columns whose cells are numbers: JSON gives them as numbers (a cell that is not one, such
    // as an empty cell, stays a string). The other formats print every cell as it is.
    std::vector<std::string> numbers = {};
};

// table: columns padded to display width, a header line, two spaces between columns;
// tsv: tabs and newlines in cells become spaces; csv: RFC 4180 quoting; json: an array of
// objects keyed by column name, the `numbers` columns as numbers; jsonl: one object per line.
std::string render_table(const TextTable& t, TableFormat format, bool header = true);

}  // namespace convgraph
