// Graph: the typed concept graph — nodes with roles, merged edges with provenance — held in
// a Boost.Graph compressed sparse row graph. The only public header over Boost.Graph's storage.
#pragma once

#include "convgraph/compact_text.hpp"
#include "convgraph/edge_attributes.hpp"
#include "convgraph/model.hpp"
#include "convgraph/places.hpp"
#include "convgraph/source_loc.hpp"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace convgraph {

using NodeIndex = std::size_t;
using EdgeIndex = std::size_t;

struct Mention {
    Place place;
    Role role = Role::concept_;
    auto operator<=>(const Mention&) const = default;
    bool operator==(const Mention&) const = default;
};

struct Node {
    std::string id;               // normalised name; "doc:<path>" for a document
    std::string label;            // display name
    Role kind = Role::concept_;    // the highest-precedence role
    std::vector<Role> roles;      // every role, in precedence order
    std::string description;      // first description text seen, if any
    std::vector<Mention> provenance;  // sorted, unique
};

// 56 bytes: a large corpus has millions of edges (6 million for 50,000 notes). Node indices are
// 32 bits here (Graph refuses more than 2^32 nodes); NodeIndex elsewhere.
struct Edge {
    Relation relation = Relation::leads_to;
    std::uint32_t source = 0;
    std::uint32_t target = 0;
    CompactText label;
    CompactText description;
    EdgeAttributes attributes;
    Places provenance;  // sorted, unique; one per statement of the fact
};

// Edges live in a deque: a graph of millions of edges is built without ever holding two
// copies of them (a vector reallocates, and a vector built from a deque doubles the peak).
using Edges = std::deque<Edge>;

// An immutable graph. Nodes are sorted by id and edges by (source id, target id, relation), so
// indices and every output derived from them are deterministic.
class Graph {
public:
    Graph();
    // Takes the note paths places refer to (sorted), and nodes and edges whose source/target
    // index into `nodes`; sorts nodes and edges and re-indexes.
    Graph(std::vector<std::string> files, std::vector<Node> nodes, Edges edges);
    Graph(std::vector<std::string> files, std::vector<Node> nodes, std::vector<Edge> edges);
    Graph(Graph&&) noexcept;
    Graph& operator=(Graph&&) noexcept;
    ~Graph();

    std::size_t node_count() const;
    std::size_t edge_count() const;
    const Node& node(NodeIndex i) const;
    const Edge& edge(EdgeIndex i) const;
    const std::vector<Node>& nodes() const;
    const Edges& edges() const;

    const std::vector<std::string>& files() const;
    const std::string& file(const Place& p) const;
    SourceLoc location(const Place& p) const;
    std::vector<SourceLoc> locations(const Places& places) const;

    // Gives edge `i`, read without its details (a lazily read binary twin), the label,
    // description, attributes and places of `details`; its relation and ends stay.
    void set_edge_details(EdgeIndex i, Edge&& details);

    std::optional<NodeIndex> find(std::string_view id) const;

    // The configured aliases whose target is a node: (normalised alias, node), sorted by alias.
    // set_aliases throws Error when they are not sorted and unique or a node is out of range.
    void set_aliases(std::vector<std::pair<std::string, NodeIndex>> aliases);
    const std::vector<std::pair<std::string, NodeIndex>>& aliases() const;
    std::optional<NodeIndex> find_alias(std::string_view normalized) const;
    std::vector<EdgeIndex> out_edges(NodeIndex v) const;  // in edge order
    std::vector<EdgeIndex> in_edges(NodeIndex v) const;
    std::size_t degree(NodeIndex v) const;  // in + out

    // Checks the invariants (kind = first role, sorted unique provenance, no duplicate edge,
    // endpoints in range, every edge traced); returns a description of the first violation.
    std::optional<std::string> check_invariants() const;

    struct Impl;
    const Impl& impl() const { return *m_impl; }

private:
    std::unique_ptr<Impl> m_impl;
};

}  // namespace convgraph
