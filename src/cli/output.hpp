// CLI output: terminal detection, colour, diagnostics printing, graph loading shared by commands.
#pragma once

#include "commands.hpp"

#include "convgraph/pipeline.hpp"
#include "convgraph/text_table.hpp"

#include <memory>
#include <optional>
#include <span>
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
    // The whole graph (exports), or — `lazy_edges` — a graph whose edges may carry their
    // relation and ends only, when it comes from the binary twin: enough for every search of
    // the graph; complete_edges() then fills in the edges a command prints.
    BuildResult load(bool lazy_edges = false) const;
    void complete_edges(BuildResult& result, std::span<const EdgeIndex> edges) const;

private:
    std::string path() const;
    struct Twin;  // the mapped twin a lazy load keeps
    mutable std::shared_ptr<Twin> m_twin;
};

std::optional<TableFormat> parse_table_format(const std::string& name);

// Writes `text` to stdout, or atomically to `path` when it is non-empty and not "-".
void emit(const std::string& text, const std::string& path);

}  // namespace convgraph::cli
