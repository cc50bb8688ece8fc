// Graph file: the JSON form of a build (schema-versioned, deterministic) and reading it back.
#pragma once

#include "convgraph/io.hpp"
#include "convgraph/pipeline.hpp"

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace convgraph {

inline constexpr int k_graph_schema_version = 2;
inline constexpr std::string_view k_default_graph_file = ".convgraph/graph.json";

// The graph file text: keys in a fixed order, one document, node, edge or diagnostic per line,
// nodes and edges sorted, places as [document index, line, column], UTF-8, trailing newline.
// The same build gives the same bytes, on any number of `threads` (nodes and edges are
// formatted in blocks on that many threads, the caller's included, and written in order).
std::string write_graph_json(const BuildResult& result, unsigned threads = 1);
// The same bytes, streamed to `out` as they are produced.
void write_graph_json(const BuildResult& result, std::ostream& out, unsigned threads = 1);

// Graph file `old_text` with some documents' lines replaced, (index, document), as pieces of a
// new file (io.hpp): every other byte is a range of the old file. nullopt unless `old_text`
// holds exactly the lines `old_documents` give at those indices (a graph file written by this
// version for these documents).
std::optional<std::vector<FilePiece>> graph_json_with_documents(
    std::string_view old_text, const std::vector<DocumentInfo>& old_documents,
    const std::vector<std::pair<std::size_t, DocumentInfo>>& changes);

// Parses a graph file. Throws Error on malformed JSON, another format or schema version,
// dangling edge endpoints or places naming no document.
BuildResult read_graph_json(std::string_view text);

}  // namespace convgraph
