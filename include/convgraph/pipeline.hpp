// Pipeline: corpus → notes parsed in parallel → facts → resolved graph + diagnostics.
#pragma once

#include "convgraph/conventions.hpp"
#include "convgraph/corpus.hpp"
#include "convgraph/diagnostics.hpp"
#include "convgraph/document.hpp"
#include "convgraph/note_links.hpp"
#include "convgraph/extract.hpp"
#include "convgraph/graph.hpp"
#include "convgraph/normalize.hpp"
#include "convgraph/suppress.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace convgraph {

struct Config;

struct BuildOptions {
    unsigned jobs = 0;  // worker threads; 0 = all cores
    CorpusLimits limits;
    Conventions conventions;
    AliasTable aliases;
    // From the configuration file (see config.hpp):
    std::vector<std::pair<std::string, std::string>> alias_spellings;  // alias → target, as written
    std::vector<std::string> ignore;                                    // globs over corpus paths
    std::map<std::string, std::optional<Severity>> checks;              // severity per code; nullopt = off
    std::string config_path;                                            // for diagnostics about it
    std::string config_text;
    // Per-note results cached by content hash (see cache.hpp); empty = no cache.
    std::filesystem::path cache_dir;
};

struct DocumentInfo {
    std::string path;
    std::string title;
    std::string series;
    std::string subject;
    std::uint64_t bytes = 0;
};

struct BuildResult {
    Graph graph;
    std::vector<DocumentInfo> documents;  // sorted by path
    std::vector<Diagnostic> diagnostics;  // sorted by place
    std::size_t analyzed = 0;             // notes run through analyze_note (the others came from the cache)
    std::size_t count(Severity s) const;
};

// One note through the per-file stages: Markdown, Mermaid, checks, extraction.
struct NoteAnalysis {
    Document document;  // empty when the analysis comes from the cache, and dropped by a build once merged
    NoteLinks links;    // what the corpus-wide link checks need
    NoteFacts facts;
    std::vector<Diagnostic> diagnostics;
    Suppressions suppressions;
    std::uint64_t bytes = 0;
};

NoteAnalysis analyze_note(const std::string& path, const std::string& text, const BuildOptions& options);

// Build options from a configuration file (conventions, aliases, ignore globs, checks, limits).
BuildOptions options_from_config(const Config& config);

// Builds the graph of the notes under `roots`. With one root, note paths are relative to it;
// with several, each path starts with its root as given. Throws Error when a root cannot be read.
BuildResult build_graph(const std::vector<std::filesystem::path>& roots, const BuildOptions& options);

// The same from in-memory notes: (path relative to the corpus root, content).
BuildResult build_graph_from_sources(const std::vector<std::pair<std::string, std::string>>& sources,
                                     const BuildOptions& options);

}  // namespace convgraph
