// convgraph build: corpus → graph file, diagnostics on stderr, exit code for CI.
#include "commands.hpp"
#include "output.hpp"

#include "convgraph/graph_file.hpp"
#include "convgraph/io.hpp"
#include "convgraph/pipeline.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>

namespace convgraph::cli {

namespace {

struct BuildArgs {
    std::vector<std::string> corpus;
    std::string output;
    bool strict = false;
    bool quiet = false;
    unsigned jobs = 0;
    std::uintmax_t max_file_size = CorpusLimits{}.max_file_bytes;
};

int run_build(const BuildArgs& args, const GlobalOptions& global) {
    auto start = std::chrono::steady_clock::now();
    BuildOptions options;
    options.jobs = args.jobs;
    options.limits.max_file_bytes = args.max_file_size;
    std::vector<std::filesystem::path> roots(args.corpus.begin(), args.corpus.end());
    BuildResult result = build_graph(roots, options);
    std::string output = args.output.empty() ? std::string(k_default_graph_file) : args.output;
    emit(write_graph_json(result), output);

    std::string prefix = args.corpus.size() == 1 ? args.corpus.front() : std::string();
    print_diagnostics(result.diagnostics, prefix, global);
    std::size_t errors = result.count(Severity::error);
    std::size_t warnings = result.count(Severity::warning);
    std::size_t notes = result.count(Severity::note);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
    spdlog::debug("build took {} ms", ms);
    if (!args.quiet) {
        std::cerr << "convgraph: " << result.documents.size() << (result.documents.size() == 1 ? " note, " : " notes, ")
                  << result.graph.node_count() << " nodes, " << result.graph.edge_count() << " edges; "
                  << count_summary(errors, warnings, notes) << "; graph written to "
                  << (output == "-" ? std::string("standard output") : output) << '\n';
    }
    if (errors > 0 || (args.strict && warnings > 0)) return k_exit_findings;
    return k_exit_ok;
}

}  // namespace

Runner setup_build(CLI::App& app, const GlobalOptions& global) {
    auto args = std::make_shared<BuildArgs>();
    app.add_option("corpus", args->corpus, "Corpus directories (searched recursively for .md notes)")
        ->required()
        ->check(CLI::ExistingDirectory);
    app.add_option("-o,--output", args->output,
                   "Graph file to write, '-' for standard output (default: " + std::string(k_default_graph_file) + ")");
    app.add_flag("--strict", args->strict, "Exit with status 1 on warnings too");
    app.add_flag("-q,--quiet", args->quiet, "No summary line");
    app.add_option("-j,--jobs", args->jobs, "Parse notes on N threads (default: all cores)");
    app.add_option("--max-file-size", args->max_file_size, "Skip notes larger than this many bytes (default: 8 MiB)");
    app.footer(
        "Exit status: 0 no errors (warnings allowed), 1 errors (or warnings with --strict), 2 usage or I/O failure.\n"
        "Diagnostics go to stderr as 'path:line:col: severity: message [code]'.");
    return [args, &global] { return run_build(*args, global); };
}

}  // namespace convgraph::cli
