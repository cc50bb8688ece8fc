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
// emphasis), then a configured alias (Graph::aliases), then "doc:" + name, then a label, then a
// unique prefix of an id or a normalised label, then a unique substring of an id.
// Unknown names come with up to five suggestions by edit distance (counted in characters).
NameResolution resolve_name(const Graph& g, std::string_view name, bool include_documents = true);

// The configured aliases (normalised) that name node `v`, sorted.
std::vector<std::string> aliases_of(const Graph& g, NodeIndex v);

// Resolves a note: its path relative to the corpus root, "doc:<path>", that path with the corpus
// directory (or an absolute one) in front, or a unique suffix or prefix of the path (a file
// name with or without ".md", a series number) or part of it. `query --doc` and `export --doc`.
NameResolution resolve_document(const Graph& g, std::string_view name);

enum class NodeSort { name, degree, kind };

// Filters compose: a node must pass every one that is set.
struct NodeFilter {
    std::optional<Role> kind;            // primary kind
    std::optional<Role> role;            // any role
    std::vector<Relation> relations;     // with --from/--to: edges of these; alone: has such an edge
    std::optional<NodeIndex> from;       // targets of an edge from this node
    std::optional<NodeIndex> to;         // sources of an edge to this node
    std::optional<std::string> document; // stated in this note (a path as in provenance)
    std::string match;                   // substring of the normalised name or label, or of the description
    bool include_documents = false;
    NodeSort sort = NodeSort::name;
    std::size_t limit = 0;               // 0: no limit
};

// The degree `list` shows and sorts by: a concept's edges to and from other concepts
// (links_to and mentions, which join notes, not counted); a document's links_to and mentions.
std::size_t list_degree(const Graph& g, NodeIndex v);

// Nodes passing the filter, sorted (name: id order; degree: highest first; kind: precedence),
// ties in id order, at most `limit`.
std::vector<NodeIndex> list_nodes(const Graph& g, const NodeFilter& filter);

// A search hit: lower scores are better (0 exact, 1 prefix, 2 substring, 3 all characters in
// order, 4 + edit distance for near spellings).
struct SearchHit {
    NodeIndex node = 0;
    std::size_t score = 0;
    std::string how;  // "exact", "prefix", "substring", "subsequence", "fuzzy"
};

// Searches labels and normalised names for `text`: substring, then fuzzy (characters in order,
// or, for three characters or more, within an edit distance of a third of the text's length,
// counted in characters).
// Best first, ties in id order.
std::vector<SearchHit> search_nodes(const Graph& g, std::string_view text, bool include_documents = false);

// Edges of `v` grouped by relation: (relation, outgoing?, edge indices), in relation order,
// outgoing before incoming. `mentions` edges are left out unless asked for.
struct EdgeGroup {
    Relation relation;
    bool outgoing;
    std::vector<EdgeIndex> edges;
};
std::vector<EdgeGroup> grouped_edges(const Graph& g, NodeIndex v, bool include_mentions = false);

}  // namespace convgraph
