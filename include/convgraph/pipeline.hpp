// Pipeline: corpus → notes parsed in parallel → facts → resolved graph + diagnostics.
#pragma once

#include "convgraph/build_record.hpp"
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
#include <functional>
#include <map>
#include <memory>
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
    // The record of the previous build into this cache, when it had the same signature
    // (rebuild.hpp): a note it recorded as plain, whose stat is unchanged since
    // (unchanged_since), is taken from the note cache by its recorded key without being read.
    std::shared_ptr<const BuildRecord> previous;
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

    // With a cache directory, what the next build needs to tell whether anything shaping the
    // graph changed (build_record.hpp): each note's stat, key and digest, the files links
    // were checked against, the scan's diagnostics, when the build began.
    std::vector<NoteRecord> notes;
    std::vector<std::pair<std::string, bool>> link_targets;
    std::uint64_t scan_digest = 0;
    std::int64_t started_ns = 0;
};

// The threads `jobs` asks for: `jobs` itself, or every hardware thread for 0.
unsigned thread_count(unsigned jobs);

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

// The notes a build of `roots` reads (sorted, ignore globs applied), the scan's diagnostics, and
// whether a path relative to the corpus (a link target that is not a note) names a file.
struct CorpusScan {
    std::vector<CorpusFile> files;
    std::vector<Diagnostic> diagnostics;
    std::function<bool(const std::string&)> file_exists;
    std::vector<std::string> root_prefixes;  // with several roots, "A/" for each; empty with one
};
CorpusScan scan_roots(const std::vector<std::filesystem::path>& roots, const BuildOptions& options);

// Builds the graph of the notes under `roots`. With one root, note paths are relative to it;
// with several, each path starts with its root as given. Throws Error when a root cannot be read.
BuildResult build_graph(const std::vector<std::filesystem::path>& roots, const BuildOptions& options);

// The same from in-memory notes: (path relative to the corpus root, content).
BuildResult build_graph_from_sources(const std::vector<std::pair<std::string, std::string>>& sources,
                                     const BuildOptions& options);

}  // namespace convgraph
