// CLI commands: each subcommand binds its options to a CLI::App and returns its runner.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <string_view>

namespace convgraph::cli {

// Options every subcommand shares (set on the main app).
struct GlobalOptions {
    int verbose = 0;
    std::string color = "auto";  // auto, always, never
};

using Runner = std::function<int()>;

// "mimalloc 2.0.9" when the executable is linked with it, else "system malloc".
std::string allocator_name();

Runner setup_build(CLI::App& app, const GlobalOptions& global);
Runner setup_check(CLI::App& app, const GlobalOptions& global);
Runner setup_query(CLI::App& app, const GlobalOptions& global);
Runner setup_export(CLI::App& app, const GlobalOptions& global);
Runner setup_inspect(CLI::App& app, const GlobalOptions& global);
Runner setup_completion(CLI::App& app, const GlobalOptions& global);

// A validator for an option that takes a whole number of `unit`s: digits only (no sign, no
// suffix). With `zero_refused` set, 0 is refused with that message.
CLI::Validator whole_number(std::string_view unit, std::string zero_refused = {});

// A validator for an option that names something: "" is refused.
CLI::Validator non_empty_name();

// Exit codes (the same contract as markdownlint-cli2).
inline constexpr int k_exit_ok = 0;
inline constexpr int k_exit_findings = 1;  // errors, warnings under --strict, or no query result
inline constexpr int k_exit_usage = 2;     // usage, configuration or I/O failure

}  // namespace convgraph::cli
