// convgraph build: corpus → graph file, diagnostics for people or CI, exit status for CI.
#include "commands.hpp"
#include "lint.hpp"
#include "output.hpp"

#include "convgraph/error.hpp"
#include "convgraph/graph_binary.hpp"
#include "convgraph/graph_file.hpp"
#include "convgraph/io.hpp"
#include "convgraph/rebuild.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <thread>

namespace convgraph::cli {

namespace {

struct BuildArgs {
    LintArgs lint;
    std::string output;
    std::string cache_dir;
    bool no_cache = false;
};

// The note cache: --cache-dir, else "cache" beside a graph file in a ".convgraph" directory, else
// ".convgraph/cache" beside the graph file; none for a `stream` (standard output, a FIFO,
// /dev/stdout) or --no-cache.
std::string cache_dir_for(const BuildArgs& args, const std::string& output, bool stream) {
    if (args.no_cache) return {};
    if (!args.cache_dir.empty()) return args.cache_dir;
    if (stream) return {};
    std::filesystem::path dir = std::filesystem::path(output).parent_path();
    if (dir.filename() == ".convgraph") return (dir / "cache").string();
    return (dir / ".convgraph" / "cache").string();
}

// Writes the graph file and, `with_twin`, its binary twin (for queries): the twin on a second
// thread when more than one job is allowed, the graph file's nodes and edges formatted on `jobs`
// threads. The twin is stamped with the size and mtime of the JSON once that is in place. It is
// only a cache: failing to write it costs the next query a JSON parse, so that is logged, not
// reported.
void write_graph_files(const BuildResult& result, const std::string& output, unsigned jobs, bool with_twin) {
    std::filesystem::path twin_path = graph_binary_path(output);
    std::optional<AtomicFile> twin;
    try {
        if (with_twin) twin.emplace(twin_path);
    } catch (const Error& e) {
        spdlog::debug("binary twin not written: {}", e.what());
    }
    std::exception_ptr twin_error;
    auto write_twin = [&] {
        try {
            write_graph_binary(result, GraphFileStamp{}, twin->stream());
        } catch (...) {
            twin_error = std::current_exception();
        }
    };
    std::thread worker;
    if (twin && jobs != 1) worker = std::thread(write_twin);
    try {
        write_file_atomic(output, [&](std::ostream& out) { write_graph_json(result, out, thread_count(jobs)); });
    } catch (...) {
        if (worker.joinable()) worker.join();
        throw;
    }
    if (worker.joinable()) worker.join();
    else if (twin) write_twin();
    if (!twin) return;
    try {
        if (twin_error) std::rethrow_exception(twin_error);
        auto stamp = graph_file_stamp(output);
        if (!stamp) throw Error("cannot stat '" + output + "'");
        restamp_graph_binary(twin->stream(), *stamp);
        twin->commit();
    } catch (const std::exception& e) {
        spdlog::debug("binary twin not written: {}", e.what());
        twin.reset();
        std::error_code ec;
        std::filesystem::remove(twin_path, ec);  // never leave a twin of an older JSON
    }
}

std::string summary_tail(std::size_t nodes, std::size_t edges, const std::string& output) {
    std::string where = output == "-" ? std::string("standard output") : output;
    return "; " + std::to_string(nodes) + " nodes, " + std::to_string(edges) + " edges written to " + where;
}

int run_build(const BuildArgs& args, const GlobalOptions& global) {
    std::string output = args.output.empty() ? std::string(k_default_graph_file) : args.output;
    check_report_options(args.lint, output == "-");
    // A graph written to a stream (-, a FIFO, /dev/stdout) has no twin and leaves no record.
    const bool stream = output == "-" || written_in_place(output);
    LintArgs lint = args.lint;
    lint.cache_dir = cache_dir_for(args, output, stream);
    const auto roots = lint_roots(lint);
    BuildOptions options = lint_options(lint);
    const bool recorded = !options.cache_dir.empty() && !stream;
    std::optional<FileLock> lock;
    if (recorded) {
        std::error_code ec;
        std::filesystem::create_directories(options.cache_dir, ec);
        lock.emplace(options.cache_dir / "lock");  // held until the graph files and the record are written
        // Nothing that shapes the graph changed (notes changed at most in their byte counts):
        // the graph file is patched, not rebuilt (rebuild.hpp).
        std::shared_ptr<const BuildRecord> previous;
        if (auto quick = quick_rebuild(roots, options, output, &previous)) {
            BuildResult result;
            result.documents = std::move(quick->documents);
            result.diagnostics = std::move(quick->diagnostics);
            return lint_report(result, args.lint, global, summary_tail(quick->nodes, quick->edges, output));
        }
        forget_build(options);
        options.previous = std::move(previous);  // its unchanged notes need not be read again
    }
    BuildResult result = build_graph(roots, options);
    auto start = std::chrono::steady_clock::now();
    if (output == "-") {
        write_graph_json(result, std::cout, thread_count(args.lint.jobs));
        std::cout.flush();
        if (!std::cout) throw Error("cannot write to standard output");
    } else {
        write_graph_files(result, output, args.lint.jobs, !stream);
        if (recorded) record_build(result, options, roots, output);
    }
    spdlog::debug("stage write graph file: {:.3f} s",
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    return lint_report(result, args.lint, global,
                       summary_tail(result.graph.node_count(), result.graph.edge_count(), output));
}

}  // namespace

Runner setup_build(CLI::App& app, const GlobalOptions& global) {
    auto args = std::make_shared<BuildArgs>();
    add_lint_options(app, args->lint);
    app.add_option("-o,--output", args->output,
                   "Graph file to write, '-' for standard output (default: " + std::string(k_default_graph_file) + ")");
    app.add_option("--cache-dir", args->cache_dir,
                   "Per-note result cache (default: .convgraph/cache beside the graph file)");
    app.add_flag("--no-cache", args->no_cache, "Analyse every note; neither read nor write the cache");
    app.footer(
        "Exit status: 0 no errors (warnings allowed), 1 errors (or warnings with --strict), 2 usage,\n"
        "configuration or I/O failure. Human diagnostics go to stderr as 'path:line:col: severity: message [code]'.");
    return [args, &global] { return run_build(*args, global); };
}

}  // namespace convgraph::cli
