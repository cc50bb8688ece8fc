// Graph file: the JSON form of a build (schema-versioned, deterministic) and reading it back.
#pragma once

#include "convgraph/pipeline.hpp"

#include <ostream>
#include <string>
#include <string_view>

namespace convgraph {

inline constexpr int k_graph_schema_version = 2;
inline constexpr std::string_view k_default_graph_file = ".convgraph/graph.json";

// The graph file text: keys in a fixed order, one document, node, edge or diagnostic per line,
// nodes and edges sorted, places as [document index, line, column], UTF-8, trailing newline.
// The same build gives the same bytes.
std::string write_graph_json(const BuildResult& result);
// The same bytes, streamed to `out` as they are produced.
void write_graph_json(const BuildResult& result, std::ostream& out);

// Parses a graph file. Throws Error on malformed JSON, another format or schema version,
// dangling edge endpoints or places naming no document.
BuildResult read_graph_json(std::string_view text);

}  // namespace convgraph
