// Lint options shared by `build` and `check`: corpus, configuration, output format, strictness.
#pragma once

#include "commands.hpp"

#include "convgraph/pipeline.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace convgraph::cli {

struct LintArgs {
    std::vector<std::string> corpus;
    std::string config;         // --config FILE
    std::string format = "human";
    std::string report;         // --report FILE (machine formats), default stdout
    bool strict = false;
    bool quiet = false;
    unsigned jobs = 0;
    std::uintmax_t max_file_size = 0;  // 0 = from config or the default
    std::string cache_dir;             // per-note result cache; empty = none (build sets it)
};

void add_lint_options(CLI::App& app, LintArgs& args);

// The corpus roots, and the build options from the configuration and the command line.
std::vector<std::filesystem::path> lint_roots(const LintArgs& args);
BuildOptions lint_options(const LintArgs& args);

// Refuses, before anything is built or written, a report that could not be delivered: an unknown
// format, --report with human diagnostics, or machine diagnostics with no --report while the
// graph takes standard output.
void check_report_options(const LintArgs& args, bool stdout_taken);

// Loads the configuration and builds the graph of the corpus.
BuildResult lint_build(const LintArgs& args);

// Prints or writes the diagnostics in the chosen format, then the summary line (stderr) and
// returns the exit status. `extra_summary` is appended to the summary line. The options were
// checked by check_report_options before anything was built.
int lint_report(const BuildResult& result, const LintArgs& args, const GlobalOptions& global,
                const std::string& extra_summary);

}  // namespace convgraph::cli
