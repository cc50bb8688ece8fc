// Pipeline: corpus → notes parsed in parallel → facts → resolved graph + diagnostics.
#pragma once

#include "convgraph/conventions.hpp"
#include "convgraph/corpus.hpp"
#include "convgraph/diagnostics.hpp"
#include "convgraph/document.hpp"
#include "convgraph/extract.hpp"
#include "convgraph/graph.hpp"
#include "convgraph/normalize.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace convgraph {

struct BuildOptions {
    unsigned jobs = 0;  // worker threads; 0 = all cores
    CorpusLimits limits;
    Conventions conventions;
    AliasTable aliases;
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
    std::size_t count(Severity s) const;
};

// One note through the per-file stages: Markdown, Mermaid, checks, extraction.
struct NoteAnalysis {
    Document document;
    NoteFacts facts;
    std::vector<Diagnostic> diagnostics;
    std::uint64_t bytes = 0;
};

NoteAnalysis analyze_note(const std::string& path, const std::string& text, const BuildOptions& options);

// Builds the graph of the notes under `roots`. With one root, note paths are relative to it;
// with several, each path starts with its root as given. Throws Error when a root cannot be read.
BuildResult build_graph(const std::vector<std::filesystem::path>& roots, const BuildOptions& options);

// The same from in-memory notes: (path relative to the corpus root, content).
BuildResult build_graph_from_sources(const std::vector<std::pair<std::string, std::string>>& sources,
                                     const BuildOptions& options);

}  // namespace convgraph
