// Graph file: the JSON form of a build (schema-versioned, deterministic) and reading it back.
#pragma once

#include "convgraph/pipeline.hpp"

#include <filesystem>
#include <optional>
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

// The compact binary twin of a graph file (CBOR), written next to it ("graph.json" → "graph.cbor")
// so queries skip the JSON parse. It records a hash of the JSON text it was made with.
std::string write_graph_cbor(const BuildResult& result, std::string_view json_text);

// Reads a binary graph file, or nullopt when it is malformed or was not made with `json_text`.
std::optional<BuildResult> read_graph_cbor(std::string_view data, std::string_view json_text);

// Where the binary twin of the graph file `json_path` lives.
std::filesystem::path graph_cbor_path(const std::filesystem::path& json_path);

}  // namespace convgraph
