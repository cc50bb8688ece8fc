// convgraph: the command-line front end — the list of subcommands over the core library.
#include "commands.hpp"

#include "convgraph/error.hpp"
#include "convgraph/unicode.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

namespace {

// The word where a command was expected but none of `app`'s subcommands is named, if the
// command line has one: "convgraph bulid corpus" → (the top level, "bulid"). Options are skipped
// (`--color` with its value).
std::pair<const CLI::App*, std::string> unknown_command(const CLI::App& app, int argc, char** argv) {
    const CLI::App* at = &app;
    for (int i = 1; i < argc; ++i) {
        std::string word = argv[i];
        if (word == "--color") {
            ++i;
            continue;
        }
        if (word.starts_with("-")) continue;
        if (at->get_subcommands({}).empty()) return {nullptr, {}};
        const CLI::App* next = nullptr;
        for (const CLI::App* sub : at->get_subcommands({}))
            if (sub->get_name() == word) next = sub;
        if (!next) return {at, word};
        at = next;
    }
    return {nullptr, {}};
}

// "unknown command 'convgraph bulid'; did you mean 'convgraph build'?", or "" when the command
// line names no unknown command.
std::string unknown_command_message(const CLI::App& app, int argc, char** argv) {
    auto [at, word] = unknown_command(app, argc, argv);
    if (!at) return {};
    std::string best;
    std::size_t best_distance = 3;  // within two edits
    std::string names;
    for (const CLI::App* sub : at->get_subcommands({})) {
        names += (names.empty() ? "" : ", ") + sub->get_name();
        std::size_t d = convgraph::edit_distance_within(word, sub->get_name(), 2);
        if (d < best_distance) {
            best_distance = d;
            best = sub->get_name();
        }
    }
    // Below the top level an unmatched word may be the value of an option (`query -g FILE …`):
    // named only when it is close to a command.
    if (best.empty() && at->get_parent()) return {};
    std::string where = at->get_parent() ? "convgraph " + at->get_name() + " " : "convgraph ";
    return "unknown command '" + where + word + "'" + (best.empty() ? " (commands: " + names + ")" : "; did you mean '" + where + best + "'?");
}

// Whatever convgraph printed must have reached standard output (a full disk, /dev/full): output
// that was lost is a failure, not a 0. True, with the error said, when it did not.
bool standard_output_lost() {
    std::cout.flush();
    if (std::cout && std::fflush(stdout) == 0 && !std::ferror(stdout)) return false;
    std::cerr << "convgraph: error: cannot write to standard output\n";
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace convgraph::cli;
    CLI::App app{"convgraph: build a typed knowledge graph from a corpus of convergence notes, check the notes,\n"
                 "query the graph and export it."};
    app.set_version_flag("--version", std::string("convgraph ") + CONVGRAPH_VERSION + " (" + allocator_name() + ")");
    app.require_subcommand(1);
    GlobalOptions global;
    app.add_flag("-v,--verbose", global.verbose, "Trace what convgraph does on stderr (repeat for more)");
    app.add_option("--color", global.color, "Colour in human output: auto, always or never (NO_COLOR is honoured)")
        ->check(CLI::IsMember({"auto", "always", "never"}));

    struct Entry {
        const char* name;
        const char* help;
        Runner (*setup)(CLI::App&, const GlobalOptions&);
    };
    static constexpr Entry table[] = {
        {"build", "Build the graph file from a corpus and report problems in the notes", setup_build},
        {"check", "Report problems in the notes without writing anything (CI lint mode)", setup_check},
        {"query", "Ask questions of the graph (show, list, upstream, downstream, path, loops, hubs, stats, where, search)", setup_query},
        {"export", "Write the graph for Gephi, Graphviz, networkx, Neo4j, Mermaid, or as a picture", setup_export},
        {"inspect", "Show what convgraph reads from one note", setup_inspect},
        {"completion", "Print a shell completion script (bash, zsh or fish)", setup_completion},
    };
    std::vector<std::pair<CLI::App*, Runner>> commands;
    for (const auto& e : table) {
        CLI::App* sub = app.add_subcommand(e.name, e.help);
        commands.emplace_back(sub, e.setup(*sub, global));
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (std::string message = unknown_command_message(app, argc, argv); !message.empty() && e.get_exit_code() != 0) {
            std::cerr << "convgraph: error: " << message << "\n";
            return k_exit_usage;
        }
        int code = app.exit(e);  // --help and --version print to standard output
        if (code == 0 && standard_output_lost()) return k_exit_usage;
        return code == 0 ? 0 : k_exit_usage;
    }
    auto logger = spdlog::stderr_color_mt("convgraph");
    spdlog::set_default_logger(logger);
    spdlog::set_pattern("convgraph: %l: %v");
    spdlog::set_level(global.verbose >= 2 ? spdlog::level::trace
                      : global.verbose == 1 ? spdlog::level::debug
                                            : spdlog::level::warn);
    try {
        for (auto& [sub, run] : commands) {
            if (!sub->parsed()) continue;
            int status = run();
            return standard_output_lost() ? k_exit_usage : status;
        }
    } catch (const convgraph::Error& e) {
        std::cerr << "convgraph: error: " << e.what() << '\n';
        return k_exit_usage;
    } catch (const std::exception& e) {
        std::cerr << "convgraph: internal error: " << e.what() << '\n';
        return k_exit_usage;
    }
    return k_exit_usage;
}
