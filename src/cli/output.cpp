// CLI output helpers.
#include "output.hpp"

#include "lint.hpp"

#include "convgraph/error.hpp"
#include "convgraph/graph_binary.hpp"
#include "convgraph/graph_file.hpp"
#include "convgraph/io.hpp"
#include "convgraph/report.hpp"

#include <spdlog/spdlog.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include <unistd.h>

namespace convgraph::cli {

bool stdout_is_terminal() { return ::isatty(STDOUT_FILENO) != 0; }

bool use_color(const GlobalOptions& global, bool terminal) {
    if (global.color == "always") return true;
    if (global.color == "never") return false;
    const char* no_color = std::getenv("NO_COLOR");
    if (no_color && *no_color) return false;
    return terminal;
}

void print_diagnostics(const std::vector<Diagnostic>& diags, const std::string& prefix, const GlobalOptions& global) {
    ReportContext ctx;
    ctx.prefix = prefix;
    ctx.color = use_color(global, ::isatty(STDERR_FILENO) != 0);
    std::cerr << render_human(diags, ctx);
}

void GraphSource::add_options(CLI::App& app) {
    auto* graph = app.add_option("-g,--graph", graph_file,
                                 "Graph file to read (default: " + std::string(k_default_graph_file) + ")");
    app.add_option("-c,--corpus", corpus, "Build the graph in memory from these corpus directories instead")
        ->check(CLI::ExistingDirectory)
        ->excludes(graph);  // one source of the graph: never a silent choice between two
    app.add_option("-j,--jobs", jobs, "Parallel jobs with --corpus (default: all cores)");
}

struct GraphSource::Twin {
    explicit Twin(const std::filesystem::path& path, GraphFileStamp json_stamp) : file(path), stamp(json_stamp) {}
    MappedFile file;
    TwinEdgeDetails details;
    GraphFileStamp stamp;               // of the JSON the twin was read for
    std::optional<BuildResult> whole;  // the JSON, parsed once, should the twin's details be damaged
};

std::string GraphSource::path() const {
    return graph_file.empty() ? std::string(k_default_graph_file) : graph_file;
}

BuildResult GraphSource::load(bool lazy_edges) const {
    m_twin.reset();
    if (!corpus.empty()) {
        // The graph `build` would write: the corpus's convgraph.json (aliases, ignore globs,
        // conventions) applies here too.
        LintArgs lint;
        lint.corpus = corpus;
        lint.jobs = jobs;
        return build_graph(lint_roots(lint), lint_options(lint));
    }
    std::string path = this->path();
    if (graph_file.empty() && !std::filesystem::exists(path))
        throw Error("no graph file at '" + path + "'; run 'convgraph build CORPUS' first, or pass --graph FILE or --corpus DIR");
    // The binary twin (graph.bin) that build writes beside the JSON loads many times faster. It
    // is used only while its stamp (size and mtime of the JSON it was written with) matches the
    // JSON file; otherwise the JSON is parsed and the twin rewritten, best effort.
    auto stamp = graph_file_stamp(path);
    std::filesystem::path twin = graph_binary_path(path);
    std::error_code ec;
    if (stamp && std::filesystem::is_regular_file(twin, ec)) {
        try {
            auto mapped = std::make_shared<Twin>(twin, *stamp);
            if (auto r = read_graph_binary(mapped->file.view(), *stamp, lazy_edges ? &mapped->details : nullptr)) {
                if (lazy_edges) m_twin = std::move(mapped);
                return std::move(*r);
            }
        } catch (const Error&) {
        }
        spdlog::debug("binary twin '{}' is stale or damaged; reading the JSON", twin.string());
    }
    BuildResult result = read_graph_json(read_file(path));
    if (stamp) {
        try {
            write_file_atomic(twin, [&](std::ostream& out) { write_graph_binary(result, *stamp, out); });
        } catch (const std::exception& e) {
            spdlog::debug("binary twin not written: {}", e.what());
        }
    }
    return result;
}

void GraphSource::complete_edges(BuildResult& result, std::span<const EdgeIndex> edges) const {
    if (!m_twin || edges.empty()) return;  // the graph was read whole
    if (!m_twin->whole && read_edge_details(m_twin->details, result.graph, edges)) return;
    // Damaged after its header checked out: take these edges from the JSON, the same graph
    // (parsed once, and only while it is still the file the twin was written for).
    if (!m_twin->whole) {
        spdlog::debug("binary twin of '{}' is damaged; reading the JSON", path());
        std::string text = read_file(path());
        if (graph_file_stamp(path()) != m_twin->stamp) throw Error("graph file '" + path() + "' changed while it was read");
        m_twin->whole = read_graph_json(text);
        if (m_twin->whole->graph.edge_count() != result.graph.edge_count())
            throw Error("graph file '" + path() + "' changed while it was read");
    }
    for (EdgeIndex e : edges) {
        Edge copy = m_twin->whole->graph.edge(e);
        result.graph.set_edge_details(e, std::move(copy));
    }
}

std::optional<TableFormat> parse_table_format(const std::string& name) {
    if (name == "table") return TableFormat::table;
    if (name == "tsv") return TableFormat::tsv;
    if (name == "csv") return TableFormat::csv;
    if (name == "json") return TableFormat::json;
    if (name == "jsonl") return TableFormat::jsonl;
    return std::nullopt;
}

void emit(const std::string& text, const std::string& path) {
    if (path.empty() || path == "-") {
        std::cout << text;
        std::cout.flush();
        if (!std::cout) throw Error("cannot write to standard output");
        return;
    }
    write_file_atomic(path, text);
}

}  // namespace convgraph::cli
