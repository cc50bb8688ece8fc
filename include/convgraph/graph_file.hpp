// Graph file: the JSON form of a build (schema-versioned, deterministic) and reading it back.
#pragma once

#include "convgraph/pipeline.hpp"

#include <string>
#include <string_view>

namespace convgraph {

inline constexpr int k_graph_schema_version = 1;
inline constexpr std::string_view k_default_graph_file = ".convgraph/graph.json";

// The graph file text: keys in a fixed order, nodes and edges sorted, UTF-8, two-space indent,
// trailing newline. The same build gives the same bytes.
std::string write_graph_json(const BuildResult& result);

// Parses a graph file. Throws Error on malformed JSON, an unknown schema version or
// dangling edge endpoints.
BuildResult read_graph_json(std::string_view text);

}  // namespace convgraph
