// Report: the format table, the summary line and the human format.
#include "convgraph/report.hpp"

#include "convgraph/unicode.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <vector>

namespace convgraph {

std::span<const ReportFormat> report_formats() {
    static constexpr std::array<ReportFormat, 6> formats{{
        {"human", "path:line:col: severity: message [code], the source line and a caret (stderr)", render_human},
        {"github", "GitHub Actions workflow commands that annotate pull requests (stdout)", render_github},
        {"json", "a JSON document of diagnostics and counts (stdout)", render_json},
        {"sarif", "SARIF 2.1.0 for code scanning (stdout)", render_sarif},
        {"junit", "JUnit XML, one test case per finding (stdout)", render_junit},
        {"gitlab", "GitLab Code Quality JSON (stdout)", render_gitlab},
    }};
    return formats;
}

const ReportFormat* find_report_format(std::string_view name) {
    for (const auto& f : report_formats())
        if (f.name == name) return &f;
    return nullptr;
}

std::string report_summary(const std::vector<Diagnostic>& diags, std::size_t files_checked) {
    std::size_t counts[3] = {0, 0, 0};
    for (const auto& d : diags) ++counts[static_cast<int>(d.severity)];
    auto plural = [](std::size_t n, const char* word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); };
    return plural(counts[2], "error") + ", " + plural(counts[1], "warning") + ", " + plural(counts[0], "note") +
           " in " + plural(files_checked, "file");
}

namespace {

// A source line as a diagnostic shows it: repaired, without control characters, without the
// line end (and on line 1 without a byte order mark: columns count from after it, as convgraph
// read the note), with the byte offset of each code point. Made once per line, however many
// diagnostics the line has (a line of 3,000 broken links has 3,000).
struct ShownLine {
    std::string path;
    int line = 0;
    bool available = false;  // the note could be read
    std::string text;
    std::vector<std::size_t> starts;
};

void prepare(ShownLine& shown, const std::string& raw) {
    shown.text = strip_xml_invalid(repair_utf8(raw));
    std::string& src = shown.text;
    while (!src.empty() && (src.back() == '\r' || src.back() == '\n')) src.pop_back();
    if (shown.line == 1 && src.starts_with("\xEF\xBB\xBF")) src.erase(0, 3);
    if (src.find_first_not_of(" \t") == std::string::npos) src.clear();
    shown.starts.clear();
    for (std::size_t pos = 0; pos < src.size();) {
        shown.starts.push_back(pos);
        next_code_point(src, pos);
    }
}

// At most k_excerpt code points of the line around `column` (1-based; 0 for the whole line),
// with "..." where it was cut; `column` is moved to the same character in the excerpt. A note
// may have a line of megabytes: its diagnostic shows the part that matters.
std::string excerpt_around(const ShownLine& shown, int& column) {
    constexpr std::size_t k_excerpt = 160;
    const std::string& line = shown.text;
    const auto& starts = shown.starts;
    if (starts.size() <= k_excerpt) return line;
    const std::size_t at = column > 0 ? static_cast<std::size_t>(column - 1) : 0;
    std::size_t first = at > k_excerpt / 2 ? at - k_excerpt / 2 : 0;
    first = std::min(first, starts.size() - k_excerpt);
    const std::size_t last = first + k_excerpt;  // one past
    std::string out = first > 0 ? "..." : "";
    out += line.substr(starts[first], (last < starts.size() ? starts[last] : line.size()) - starts[first]);
    if (last < starts.size()) out += "...";
    if (column > 0) column = static_cast<int>(at - first) + 1 + (first > 0 ? 3 : 0);
    return out;
}

}  // namespace

std::string render_human(const std::vector<Diagnostic>& diags, const ReportContext& ctx) {
    std::string out;
    ShownLine shown;  // the last source line shown: diagnostics come sorted by place
    for (const auto& d : diags) {
        std::string line = format_diagnostic(d, ctx.prefix);
        if (ctx.color) {
            const char* c = d.severity == Severity::error ? "\033[1;31m" : d.severity == Severity::warning ? "\033[1;35m" : "\033[1;36m";
            std::string sev = std::string(to_string(d.severity)) + ":";
            auto pos = line.find(": " + sev);
            if (pos != std::string::npos)
                line = "\033[1m" + line.substr(0, pos + 1) + "\033[0m " + c + sev + "\033[0m" + line.substr(pos + 2 + sev.size());
        }
        out += line + "\n";
        if (d.loc.line > 0 && ctx.source_line) {
            std::string path = prefixed_path(ctx.prefix, d.loc.path);
            if (shown.path != path || shown.line != d.loc.line) {
                shown.path = path;
                shown.line = d.loc.line;
                auto text = ctx.source_line(path, d.loc.line);
                shown.available = text.has_value();
                if (text) prepare(shown, *text);
            }
            if (shown.available) {
                // Repaired and without control characters, so the terminal shows what convgraph read.
                int column = d.loc.column;
                std::string src = excerpt_around(shown, column);
                if (!src.empty()) out += "    " + src + "\n";
                if (column > 0 && !src.empty()) {
                    // Pad by display width so the caret stands under the column, tabs kept as tabs.
                    std::string pad;
                    std::size_t pos = 0;
                    for (int col = 1; col < column && pos < src.size(); ++col) {
                        std::size_t start = pos;
                        char32_t cp = next_code_point(src, pos);
                        if (cp == '\t')
                            pad += '\t';
                        else
                            pad += std::string(display_width(std::string_view(src).substr(start, pos - start)), ' ');
                    }
                    out += "    " + pad + (ctx.color ? "\033[1;32m^\033[0m" : "^") + "\n";
                }
            }
        }
        if (!d.hint.empty()) out += "    = hint: " + d.hint + "\n";
    }
    return out;
}

}  // namespace convgraph
