// Graph binary: the binary twin of a graph file, so that a query loads a large graph without
// parsing JSON. Same content as the JSON (graph_file.hpp), in a length-prefixed layout.
#pragma once

#include "convgraph/io.hpp"
#include "convgraph/pipeline.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <ostream>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

namespace convgraph {

// GraphFileStamp (build_record.hpp, through pipeline.hpp): the size and modification time of
// the JSON graph file a twin was written with. A twin whose stamp differs from the JSON file
// beside it is stale and is not used.

// The stamp of the file at `path`, or nullopt when it cannot be stat'ed.
std::optional<GraphFileStamp> graph_file_stamp(const std::filesystem::path& path);
// The stamp of a file whose stat is `stat`.
GraphFileStamp stamp_of(const FileStat& stat);

// Writes the twin of `result`, stamped with `stamp`, to `out`.
void write_graph_binary(const BuildResult& result, const GraphFileStamp& stamp, std::ostream& out);

// Overwrites the stamp in the header of a twin being written to `out` (any position), so the
// twin can be written alongside the JSON and stamped once the JSON file is in place.
void restamp_graph_binary(std::ostream& out, const GraphFileStamp& stamp);

// The undecoded details (label, description, attributes, places) of the edges of a twin read
// lazily: views into the twin's data, which must stay mapped while they are used.
struct TwinEdgeDetails {
    std::string_view offsets;  // u64 per edge: where its details start in `details`
    std::string_view details;
};

// Reads a twin; nullopt when it is not one, is truncated or corrupt, was written by another
// format version, or carries another stamp than `expected`. Never throws on bad data.
// With `lazy`, edges are read with their relation and ends only (all that searching the graph
// needs) and *lazy is set to decode the details of the edges a command prints, with
// read_edge_details: a query on a million edges then decodes a handful.
std::optional<BuildResult> read_graph_binary(std::string_view data, const GraphFileStamp& expected,
                                             TwinEdgeDetails* lazy = nullptr);

// Fills in the details of `edges` of `graph`, read lazily from the twin `details` belongs to.
// False, with the graph unchanged, when that part of the twin is damaged.
bool read_edge_details(const TwinEdgeDetails& details, Graph& graph, std::span<const EdgeIndex> edges);

// What a rebuild that changed nothing but notes' byte counts needs from a twin: the documents
// (and where each one's byte count lies in the twin), the node and edge counts, the diagnostics.
struct TwinSummary {
    std::vector<DocumentInfo> documents;
    std::vector<std::size_t> bytes_at;
    std::size_t nodes = 0;
    std::size_t edges = 0;
    std::vector<Diagnostic> diagnostics;
};

// nullopt as read_graph_binary.
std::optional<TwinSummary> read_twin_summary(std::string_view data, const GraphFileStamp& expected);

// Twin `data` (summarised by `summary`) with the byte counts of some documents replaced,
// (document index, bytes), in document order, and a new stamp: pieces of a new file (io.hpp).
std::vector<FilePiece> twin_with_bytes(std::string_view data, const TwinSummary& summary,
                                       const std::vector<std::pair<std::size_t, std::uint64_t>>& bytes,
                                       const GraphFileStamp& stamp);

// Where the twin of the graph file `json_path` lives: "graph.json" → "graph.bin".
std::filesystem::path graph_binary_path(const std::filesystem::path& json_path);

}  // namespace convgraph
