// Config: convgraph.json — conventions, aliases, ignore globs, per-check severities, limits.
#pragma once

#include "convgraph/conventions.hpp"
#include "convgraph/diagnostics.hpp"
#include "convgraph/normalize.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace convgraph {

inline constexpr std::string_view k_config_file_name = "convgraph.json";

struct Config {
    std::string path;  // where it was read from ("" for the defaults)
    std::string text;  // the file's text, to place diagnostics about it
    Conventions conventions;
    AliasTable aliases;
    std::vector<std::pair<std::string, std::string>> alias_spellings;  // as written: alias → target
    std::vector<std::string> ignore;                                    // globs over corpus paths
    std::map<std::string, std::optional<Severity>> checks;              // nullopt = off
    std::optional<std::uintmax_t> max_file_size;
};

// Parses a configuration. Throws Error naming the key on an unknown key, a wrong type, an
// unknown check code or severity.
Config parse_config(std::string_view text, const std::string& path);

// Reads `explicit_path` when given; else `<root>/convgraph.json` when it exists; else defaults.
Config load_config(const std::optional<std::filesystem::path>& explicit_path, const std::filesystem::path& root);

// The nearest convgraph.json in `dir` or one of its parents, for a single note (inspect).
std::optional<std::filesystem::path> find_config_upwards(const std::filesystem::path& dir);

// True when the corpus path matches a glob: '*' and '?' within a path segment, '**' across
// segments; a pattern without '/' also matches the file name alone.
bool glob_match(std::string_view pattern, std::string_view path);

}  // namespace convgraph
