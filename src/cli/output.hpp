// CLI output: terminal detection, colour, diagnostics printing, graph loading shared by commands.
#pragma once

#include "commands.hpp"

#include "convgraph/pipeline.hpp"
#include "convgraph/text_table.hpp"

#include <optional>
#include <string>
#include <vector>

namespace convgraph::cli {

bool stdout_is_terminal();
bool use_color(const GlobalOptions& global, bool terminal);

// Prints diagnostics (path prefixed with `prefix`) to stderr, one per line.
void print_diagnostics(const std::vector<Diagnostic>& diags, const std::string& prefix, const GlobalOptions& global);

// Where a command takes its graph from: a graph file, or a corpus built in memory.
struct GraphSource {
    std::string graph_file;
    std::vector<std::string> corpus;
    unsigned jobs = 0;
    void add_options(CLI::App& app);
    BuildResult load() const;
};

std::optional<TableFormat> parse_table_format(const std::string& name);

// Writes `text` to stdout, or atomically to `path` when it is non-empty and not "-".
void emit(const std::string& text, const std::string& path);

}  // namespace convgraph::cli
