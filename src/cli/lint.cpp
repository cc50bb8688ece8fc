// Lint options: configuration discovery, the report formats, the summary and exit status.
#include "lint.hpp"
#include "output.hpp"

#include "convgraph/config.hpp"
#include "convgraph/error.hpp"
#include "convgraph/io.hpp"
#include "convgraph/report.hpp"

#include <charconv>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <system_error>
#include <vector>

#include <unistd.h>

namespace convgraph::cli {

namespace fs = std::filesystem;

void add_lint_options(CLI::App& app, LintArgs& args) {
    app.add_option("corpus", args.corpus, "Corpus directories (searched recursively for .md notes)")
        ->required()
        ->check(CLI::ExistingDirectory);
    app.add_option("--config", args.config,
                   "Configuration file (default: convgraph.json at the corpus root, when present)")
        ->check(CLI::ExistingFile);
    std::string formats;
    for (const auto& f : report_formats()) formats += "\n  " + std::string(f.name) + ": " + std::string(f.description);
    app.add_option("--format", args.format, "Diagnostics format:" + formats)
        ->check(CLI::IsMember([] {
            std::vector<std::string> names;
            for (const auto& f : report_formats()) names.emplace_back(f.name);
            return names;
        }()));
    app.add_option("--report", args.report, "Write the diagnostics (machine formats) to this file instead of stdout");
    app.add_flag("--strict", args.strict, "Exit with status 1 on warnings too");
    app.add_flag("-q,--quiet", args.quiet, "No summary line");
    app.add_option("-j,--jobs", args.jobs, "Parse notes on N threads (default: all cores)")->check(whole_number("threads"));
    app.add_option("--max-file-size", args.max_file_size, "Skip notes larger than this many bytes (default: 8 MiB)")
        ->check(whole_number("bytes", "must be a positive number of bytes, not 0"));
}

std::vector<fs::path> lint_roots(const LintArgs& args) { return {args.corpus.begin(), args.corpus.end()}; }

BuildOptions lint_options(const LintArgs& args) {
    std::vector<fs::path> roots = lint_roots(args);
    std::optional<fs::path> explicit_config;
    if (!args.config.empty()) explicit_config = args.config;
    Config config = load_config(explicit_config, roots.front());
    BuildOptions options = options_from_config(config);
    // Diagnostics about the configuration are placed relative to the corpus root, like those
    // about notes (with one root, reports put the root in front of every path); "../c.json" for
    // a configuration beside the root reads back as "c.json" (prefixed_path).
    if (!config.path.empty() && roots.size() == 1) {
        std::error_code ec;
        auto rel = fs::relative(config.path, roots.front(), ec);
        if (!ec && !rel.empty()) options.config_path = rel.generic_string();
    }
    options.jobs = args.jobs;
    if (args.max_file_size > 0) options.limits.max_file_bytes = args.max_file_size;
    options.cache_dir = args.cache_dir;
    return options;
}

void check_report_options(const LintArgs& args, bool stdout_taken) {
    if (!find_report_format(args.format)) throw Error("unknown diagnostics format '" + args.format + "'");
    if (args.format == "human") {
        if (!args.report.empty())
            throw Error("--report is for the machine formats (--format json, github, sarif, junit, gitlab); human "
                        "diagnostics go to standard error");
    } else if (stdout_taken && args.report.empty()) {
        throw Error("the graph is written to standard output; give --report FILE for " + args.format + " diagnostics");
    }
}

BuildResult lint_build(const LintArgs& args) { return build_graph(lint_roots(args), lint_options(args)); }

int lint_report(const BuildResult& result, const LintArgs& args, const GlobalOptions& global,
                const std::string& extra_summary) {
    const ReportFormat* format = find_report_format(args.format);
    if (!format) throw Error("unknown diagnostics format '" + args.format + "'");
    ReportContext ctx;
    ctx.prefix = args.corpus.size() == 1 ? args.corpus.front() : std::string();
    while (ctx.prefix.size() > 1 && ctx.prefix.back() == '/') ctx.prefix.pop_back();
    if (ctx.prefix == ".") ctx.prefix.clear();
    ctx.files_checked = result.documents.size();
    if (args.format == "human") {
        ctx.color = use_color(global, ::isatty(STDERR_FILENO) != 0);
        // Each diagnosed note read once, whole, with the offsets of its lines.
        struct Lines {
            std::string text;
            std::vector<std::size_t> starts;
        };
        std::map<std::string, Lines> cache;
        ctx.source_line = [cache](const std::string& path, int line) mutable -> std::optional<std::string> {
            auto it = cache.find(path);
            if (it == cache.end()) {
                Lines lines;
                try {
                    lines.text = read_file(path);
                } catch (const Error&) {
                }
                for (std::size_t at = 0; at < lines.text.size();) {
                    lines.starts.push_back(at);
                    const std::size_t nl = lines.text.find('\n', at);
                    at = nl == std::string::npos ? lines.text.size() : nl + 1;
                }
                it = cache.emplace(path, std::move(lines)).first;
            }
            const Lines& l = it->second;
            if (line < 1 || static_cast<std::size_t>(line) > l.starts.size()) return std::nullopt;
            const std::size_t begin = l.starts[static_cast<std::size_t>(line - 1)];
            const std::size_t end = l.text.find('\n', begin);
            return l.text.substr(begin, (end == std::string::npos ? l.text.size() : end) - begin);
        };
        std::cerr << format->render(result.diagnostics, ctx);
    } else {
        std::string text = format->render(result.diagnostics, ctx);
        if (!args.report.empty())
            write_file_atomic(args.report, text);
        else if (!(std::cout << text << std::flush))
            throw Error("cannot write to standard output");
    }
    if (!args.quiet) std::cerr << "convgraph: " << report_summary(result.diagnostics, ctx.files_checked) << extra_summary << '\n';
    std::size_t errors = result.count(Severity::error), warnings = result.count(Severity::warning);
    if (errors > 0 || (args.strict && warnings > 0)) return k_exit_findings;
    return k_exit_ok;
}

}  // namespace convgraph::cli
