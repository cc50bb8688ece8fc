// CLI output helpers.
#include "output.hpp"

#include "convgraph/error.hpp"
#include "convgraph/graph_file.hpp"
#include "convgraph/io.hpp"

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
    bool color = use_color(global, ::isatty(STDERR_FILENO) != 0);
    for (const auto& d : diags) {
        std::string line = format_diagnostic(d, prefix);
        if (color) {
            const char* c = d.severity == Severity::error ? "\033[1;31m" : d.severity == Severity::warning ? "\033[1;35m" : "\033[1;36m";
            std::string sev = std::string(to_string(d.severity)) + ":";
            auto pos = line.find(": " + sev);
            if (pos != std::string::npos) line = line.substr(0, pos + 2) + c + sev + "\033[0m" + line.substr(pos + 2 + sev.size());
        }
        std::cerr << line << '\n';
    }
}

std::string count_summary(std::size_t errors, std::size_t warnings, std::size_t notes) {
    auto plural = [](std::size_t n, const char* word) {
        return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
    };
    std::string s = plural(errors, "error") + ", " + plural(warnings, "warning");
    if (notes) s += ", " + plural(notes, "note");
    return s;
}

void GraphSource::add_options(CLI::App& app) {
    app.add_option("-g,--graph", graph_file,
                   "Graph file to read (default: " + std::string(k_default_graph_file) + ")");
    app.add_option("-c,--corpus", corpus, "Build the graph in memory from these corpus directories instead")
        ->check(CLI::ExistingDirectory);
    app.add_option("-j,--jobs", jobs, "Parallel jobs with --corpus (default: all cores)");
}

BuildResult GraphSource::load() const {
    if (!corpus.empty()) {
        BuildOptions options;
        options.jobs = jobs;
        std::vector<std::filesystem::path> roots(corpus.begin(), corpus.end());
        return build_graph(roots, options);
    }
    std::string path = graph_file.empty() ? std::string(k_default_graph_file) : graph_file;
    if (graph_file.empty() && !std::filesystem::exists(path))
        throw Error("no graph file at '" + path + "'; run 'convgraph build CORPUS' first, or pass --graph FILE or --corpus DIR");
    return read_graph_json(read_file(path));
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
