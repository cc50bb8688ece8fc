// Report: diagnostics rendered for people and for CI systems (human, github, json, sarif,
// junit, gitlab). One function per format, chosen from a table.
#pragma once

#include "convgraph/diagnostics.hpp"

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace convgraph {

struct ReportContext {
    std::string prefix;   // prepended (with '/') to each diagnostic's path: the corpus root as typed
    bool color = false;   // ANSI colour in the human format
    // Returns the text of line `line` of the note at (prefixed) `path`, for the human format's
    // source excerpt; nullopt when unavailable.
    std::function<std::optional<std::string>(const std::string& path, int line)> source_line;
    std::size_t files_checked = 0;  // for junit's passing case and the summary
};

struct ReportFormat {
    std::string_view name;
    std::string_view description;
    std::string (*render)(const std::vector<Diagnostic>&, const ReportContext&);
};

std::span<const ReportFormat> report_formats();
const ReportFormat* find_report_format(std::string_view name);

// "2 errors, 1 warning, 0 notes in 6 notes" — the summary line (without a trailing newline).
std::string report_summary(const std::vector<Diagnostic>& diags, std::size_t files_checked);

std::string render_human(const std::vector<Diagnostic>& diags, const ReportContext& ctx);
std::string render_github(const std::vector<Diagnostic>& diags, const ReportContext& ctx);
std::string render_json(const std::vector<Diagnostic>& diags, const ReportContext& ctx);
std::string render_sarif(const std::vector<Diagnostic>& diags, const ReportContext& ctx);
std::string render_junit(const std::vector<Diagnostic>& diags, const ReportContext& ctx);
std::string render_gitlab(const std::vector<Diagnostic>& diags, const ReportContext& ctx);

}  // namespace convgraph
