// Text table rendering.
#include "convgraph/text_table.hpp"

#include "convgraph/unicode.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <optional>
#include <system_error>

namespace convgraph {

namespace {

std::string flatten(const std::string& cell) {
    std::string out = cell;
    std::replace(out.begin(), out.end(), '\t', ' ');
    std::replace(out.begin(), out.end(), '\n', ' ');
    std::replace(out.begin(), out.end(), '\r', ' ');
    return out;
}

std::string csv_cell(const std::string& cell) {
    if (cell.find_first_of(",\"\n\r") == std::string::npos) return cell;
    std::string out = "\"";
    for (char c : cell) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

}  // namespace

namespace {

// A cell of a number column as a JSON number: an integer, else a decimal ("12.5"); none for
// anything else.
std::optional<nlohmann::ordered_json> as_number(const std::string& cell) {
    const char* end = cell.data() + cell.size();
    std::int64_t i = 0;
    if (auto [p, ec] = std::from_chars(cell.data(), end, i); ec == std::errc() && p == end && !cell.empty()) return i;
    double d = 0;
    if (auto [p, ec] = std::from_chars(cell.data(), end, d, std::chars_format::fixed); ec == std::errc() && p == end && !cell.empty())
        return d;
    return std::nullopt;
}

}  // namespace

std::string render_table(const TextTable& t, TableFormat format, bool header) {
    std::string out;
    switch (format) {
    case TableFormat::table: {
        std::vector<std::size_t> width(t.columns.size(), 0);
        for (std::size_t c = 0; c < t.columns.size(); ++c) width[c] = header ? display_width(t.columns[c]) : 0;
        for (const auto& row : t.rows)
            for (std::size_t c = 0; c < row.size() && c < width.size(); ++c)
                width[c] = std::max(width[c], display_width(flatten(row[c])));
        auto line = [&](const std::vector<std::string>& cells) {
            std::string l;
            for (std::size_t c = 0; c < cells.size() && c < width.size(); ++c) {
                std::string cell = flatten(cells[c]);
                l += cell;
                if (c + 1 < cells.size()) l += std::string(width[c] - display_width(cell) + 2, ' ');
            }
            while (!l.empty() && l.back() == ' ') l.pop_back();
            out += l + "\n";
        };
        if (header) {
            line(t.columns);
            std::vector<std::string> rule;
            for (auto w : width) rule.push_back(std::string(w, '-'));
            line(rule);
        }
        for (const auto& row : t.rows) line(row);
        break;
    }
    case TableFormat::tsv:
    case TableFormat::csv: {
        bool csv = format == TableFormat::csv;
        auto line = [&](const std::vector<std::string>& cells) {
            for (std::size_t c = 0; c < cells.size(); ++c) {
                if (c) out += csv ? ',' : '\t';
                out += csv ? csv_cell(cells[c]) : flatten(cells[c]);
            }
            out += csv ? "\r\n" : "\n";
        };
        if (header) line(t.columns);
        for (const auto& row : t.rows) line(row);
        break;
    }
    case TableFormat::json:
    case TableFormat::jsonl: {
        std::vector<bool> numeric(t.columns.size(), false);
        for (std::size_t c = 0; c < t.columns.size(); ++c)
            numeric[c] = std::find(t.numbers.begin(), t.numbers.end(), t.columns[c]) != t.numbers.end();
        nlohmann::ordered_json all = nlohmann::ordered_json::array();
        for (const auto& row : t.rows) {
            nlohmann::ordered_json obj = nlohmann::ordered_json::object();
            for (std::size_t c = 0; c < t.columns.size() && c < row.size(); ++c) {
                if (numeric[c]) {
                    if (auto n = as_number(row[c])) {
                        obj[t.columns[c]] = *n;
                        continue;
                    }
                }
                obj[t.columns[c]] = row[c];
            }
            if (format == TableFormat::jsonl)
                out += obj.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
            else
                all.push_back(std::move(obj));
        }
        if (format == TableFormat::json)
            out = all.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
        break;
    }
    }
    return out;
}

}  // namespace convgraph
