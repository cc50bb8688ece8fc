// Query: finding concepts by name (exact, normalised, label, prefix, "did you mean") and the
// questions the CLI answers over a Graph.
#pragma once

#include "convgraph/graph.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace convgraph {

struct NameResolution {
    enum class Status { found, ambiguous, unknown } status = Status::unknown;
    NodeIndex node = 0;                 // when found
    std::vector<NodeIndex> candidates;  // when ambiguous: the matches; when unknown: suggestions
};

// Resolves a user-typed name: exact id, then normalised name (which covers case, width and
// emphasis), then a unique prefix of a normalised name or label, then a unique substring.
// Unknown names come with up to five suggestions by edit distance (counted in characters).
NameResolution resolve_name(const Graph& g, std::string_view name, bool include_documents = true);

struct NodeFilter {
    std::optional<Role> kind;   // primary kind
    std::optional<Role> role;   // any role
    bool include_documents = false;
};

// Nodes passing the filter, in id order.
std::vector<NodeIndex> list_nodes(const Graph& g, const NodeFilter& filter);

// Edges of `v` grouped by relation: (relation, outgoing?, edge indices), in relation order,
// outgoing before incoming. `mentions` edges are left out unless asked for.
struct EdgeGroup {
    Relation relation;
    bool outgoing;
    std::vector<EdgeIndex> edges;
};
std::vector<EdgeGroup> grouped_edges(const Graph& g, NodeIndex v, bool include_mentions = false);

}  // namespace convgraph
