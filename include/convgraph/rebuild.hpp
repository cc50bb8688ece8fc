// Rebuild: the early cutoff of a cached build. A build with a cache directory leaves a record
// (build_record.hpp) of what it read and wrote. The next build compares: when the configuration,
// the set of notes, the files links point at and the scan are the same, and every note is
// either unchanged (same stat, or same content hash) or changed in nothing but its byte count
// (same note_digest: facts, links, anchors, diagnostics, suppressions), the graph is the same
// but for those byte counts. The graph file and its twin are then patched, not rebuilt, and the
// diagnostics come from the twin. Anything else, or any doubt, and it is a full build.
#pragma once

#include "convgraph/pipeline.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace convgraph {

// What the next build must match: convgraph version, conventions, configuration, limits, roots
// and the graph file's path.
std::string build_signature(const BuildOptions& options, const std::vector<std::filesystem::path>& roots,
                            const std::filesystem::path& graph_file);

// The outcome of a rebuild that needed no full build (the graph itself is not loaded).
struct QuickRebuild {
    std::vector<DocumentInfo> documents;
    std::vector<Diagnostic> diagnostics;
    std::size_t nodes = 0;
    std::size_t edges = 0;
    std::size_t changed = 0;   // notes whose text changed (each changed in its byte count only)
    std::size_t analyzed = 0;  // of those, analysed again (the others came from the note cache)
};

// Tries the early cutoff for a build of `roots` into `graph_file` with `options.cache_dir` set.
// On success the graph file and its twin are up to date (patched or untouched) and the record
// rewritten; nullopt when a full build is needed (nothing written then). `previous`, if given,
// receives the record whenever it is of a build with the same signature, full build or not: the
// full build may take that build's unchanged plain notes from the note cache unread
// (BuildOptions::previous).
std::optional<QuickRebuild> quick_rebuild(const std::vector<std::filesystem::path>& roots, const BuildOptions& options,
                                          const std::filesystem::path& graph_file,
                                          std::shared_ptr<const BuildRecord>* previous = nullptr);

// Forgets the record (before a full build replaces the files it describes).
void forget_build(const BuildOptions& options);

// Records a full build whose graph file (and twin) were written to `graph_file`. Best effort:
// without a record the next build is a full one.
void record_build(const BuildResult& result, const BuildOptions& options, const std::vector<std::filesystem::path>& roots,
                  const std::filesystem::path& graph_file);

}  // namespace convgraph
