// Graph: construction in canonical order, lookups, invariants.
#include "convgraph/graph.hpp"

#include "graph_impl.hpp"

#include "convgraph/error.hpp"

#include <boost/iterator/transform_iterator.hpp>

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <limits>
#include <numeric>
#include <set>
#include <tuple>

namespace convgraph {

Graph::Graph() : m_impl(std::make_unique<Impl>()) {}
Graph::Graph(Graph&&) noexcept = default;
Graph& Graph::operator=(Graph&&) noexcept = default;
Graph::~Graph() = default;

Graph::Graph(std::vector<std::string> files, std::vector<Node> nodes, std::vector<Edge> edges)
    : Graph(std::move(files), std::move(nodes), Edges(std::make_move_iterator(edges.begin()), std::make_move_iterator(edges.end()))) {}

Graph::Graph(std::vector<std::string> files, std::vector<Node> nodes, Edges edges)
    : m_impl(std::make_unique<Impl>()) {
    if (nodes.size() >= std::numeric_limits<std::uint32_t>::max() || edges.size() >= std::numeric_limits<std::uint32_t>::max())
        throw Error("the graph has 2^32 nodes or edges or more, more than convgraph can hold");
    m_impl->files = std::move(files);
    // Inputs read back from a graph file are already in order: checking is linear, sorting is not.
    std::vector<NodeIndex> order(nodes.size());
    std::iota(order.begin(), order.end(), NodeIndex{0});
    auto by_id = [&](NodeIndex a, NodeIndex b) { return nodes[a].id < nodes[b].id; };
    if (!std::is_sorted(order.begin(), order.end(), by_id)) std::sort(order.begin(), order.end(), by_id);
    std::vector<NodeIndex> new_index(nodes.size());
    m_impl->nodes.reserve(nodes.size());
    for (NodeIndex i = 0; i < order.size(); ++i) {
        new_index[order[i]] = i;
        m_impl->nodes.push_back(std::move(nodes[order[i]]));
    }
    for (auto& e : edges) {
        e.source = new_index[e.source];
        e.target = new_index[e.target];
    }
    auto edge_order = [](const Edge& a, const Edge& b) {
        return std::tie(a.source, a.target, a.relation) < std::tie(b.source, b.target, b.relation);
    };
    if (!std::is_sorted(edges.begin(), edges.end(), edge_order)) {
        // Sort 16-byte keys, not 80-byte edges, then apply the permutation in place, cycle by
        // cycle: each edge is moved about once and no second copy of the edges is made.
        struct Key {
            std::uint32_t source, target, relation, index;
        };
        std::vector<Key> keys;
        keys.reserve(edges.size());
        for (std::size_t i = 0; i < edges.size(); ++i)
            keys.push_back({edges[i].source, edges[i].target, static_cast<std::uint32_t>(edges[i].relation),
                            static_cast<std::uint32_t>(i)});
        std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
            return std::tie(a.source, a.target, a.relation, a.index) < std::tie(b.source, b.target, b.relation, b.index);
        });
        std::vector<std::uint32_t> from(edges.size());  // position i receives edge from[i]
        for (std::size_t i = 0; i < keys.size(); ++i) from[i] = keys[i].index;
        keys = {};
        for (std::size_t start = 0; start < from.size(); ++start) {
            if (from[start] == start) continue;
            Edge held = std::move(edges[start]);
            std::size_t i = start;
            while (from[i] != start) {
                edges[i] = std::move(edges[from[i]]);
                std::size_t next = from[i];
                from[i] = static_cast<std::uint32_t>(i);
                i = next;
            }
            edges[i] = std::move(held);
            from[i] = static_cast<std::uint32_t>(i);
        }
    }
    m_impl->edges = std::move(edges);
    for (NodeIndex i = 0; i < m_impl->nodes.size(); ++i) m_impl->by_id.emplace(m_impl->nodes[i].id, i);
    // The CSR graph reads the ends straight from the edges: no list of pairs beside them.
    auto ends = [](const Edge& e) { return std::pair<std::uint32_t, std::uint32_t>(e.source, e.target); };
    const auto& edges_in_order = m_impl->edges;
    m_impl->g = BoostGraph(boost::edges_are_unsorted_multi_pass,
                           boost::make_transform_iterator(edges_in_order.begin(), ends),
                           boost::make_transform_iterator(edges_in_order.end(), ends),
                           static_cast<std::uint32_t>(m_impl->nodes.size()));
}

std::size_t Graph::node_count() const { return m_impl->nodes.size(); }
std::size_t Graph::edge_count() const { return m_impl->edges.size(); }
const Node& Graph::node(NodeIndex i) const { return m_impl->nodes.at(i); }
const Edge& Graph::edge(EdgeIndex i) const { return m_impl->edges.at(i); }
const std::vector<Node>& Graph::nodes() const { return m_impl->nodes; }
const Edges& Graph::edges() const { return m_impl->edges; }

const std::vector<std::string>& Graph::files() const { return m_impl->files; }
const std::string& Graph::file(const Place& p) const { return m_impl->files.at(p.file); }
SourceLoc Graph::location(const Place& p) const { return SourceLoc{file(p), p.line, p.column}; }

std::vector<SourceLoc> Graph::locations(const Places& places) const {
    std::vector<SourceLoc> out;
    out.reserve(places.size());
    for (const Place& p : places) out.push_back(location(p));
    return out;
}

void Graph::set_edge_details(EdgeIndex i, Edge&& details) {
    Edge& e = m_impl->edges.at(i);
    e.label = std::move(details.label);
    e.description = std::move(details.description);
    e.attributes = std::move(details.attributes);
    e.provenance = std::move(details.provenance);
}

std::optional<NodeIndex> Graph::find(std::string_view id) const {
    auto it = m_impl->by_id.find(id);
    if (it == m_impl->by_id.end()) return std::nullopt;
    return it->second;
}

void Graph::set_aliases(std::vector<std::pair<std::string, NodeIndex>> aliases) {
    for (std::size_t i = 0; i < aliases.size(); ++i) {
        if (aliases[i].second >= node_count())
            throw Error("alias '" + aliases[i].first + "' names node " + std::to_string(aliases[i].second) + ", which does not exist");
        if (i > 0 && !(aliases[i - 1].first < aliases[i].first))
            throw Error("aliases are not sorted and unique at '" + aliases[i].first + "'");
    }
    m_impl->aliases = std::move(aliases);
}

const std::vector<std::pair<std::string, NodeIndex>>& Graph::aliases() const { return m_impl->aliases; }

std::optional<NodeIndex> Graph::find_alias(std::string_view normalized) const {
    const auto& aliases = m_impl->aliases;
    auto it = std::lower_bound(aliases.begin(), aliases.end(), normalized,
                               [](const auto& a, std::string_view key) { return a.first < key; });
    if (it == aliases.end() || it->first != normalized) return std::nullopt;
    return it->second;
}

std::vector<EdgeIndex> Graph::out_edges(NodeIndex v) const {
    std::vector<EdgeIndex> out;
    for (auto [it, end] = boost::out_edges(static_cast<std::uint32_t>(v), m_impl->g); it != end; ++it) out.push_back(boost::get(boost::edge_index, m_impl->g, *it));
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<EdgeIndex> Graph::in_edges(NodeIndex v) const {
    std::vector<EdgeIndex> out;
    for (auto [it, end] = boost::in_edges(static_cast<std::uint32_t>(v), m_impl->g); it != end; ++it) out.push_back(boost::get(boost::edge_index, m_impl->g, *it));
    std::sort(out.begin(), out.end());
    return out;
}

std::size_t Graph::degree(NodeIndex v) const {
    return boost::out_degree(static_cast<std::uint32_t>(v), m_impl->g) + boost::in_degree(static_cast<std::uint32_t>(v), m_impl->g);
}

std::optional<std::string> Graph::check_invariants() const {
    std::set<std::tuple<NodeIndex, NodeIndex, Relation>> seen;
    if (!std::is_sorted(m_impl->files.begin(), m_impl->files.end())) return "file table not sorted";
    auto in_files = [&](const Place& p) { return p.file < m_impl->files.size(); };
    for (const auto& n : m_impl->nodes) {
        for (const auto& m : n.provenance)
            if (!in_files(m.place)) return "node '" + n.id + "' has a place outside the file table";
        if (n.roles.empty()) return "node '" + n.id + "' has no role";
        if (n.kind != n.roles.front()) return "node '" + n.id + "' kind is not its first role";
        if (!std::is_sorted(n.roles.begin(), n.roles.end())) return "node '" + n.id + "' roles out of order";
        if (!std::is_sorted(n.provenance.begin(), n.provenance.end())) return "node '" + n.id + "' provenance unsorted";
        if (std::adjacent_find(n.provenance.begin(), n.provenance.end()) != n.provenance.end())
            return "node '" + n.id + "' has duplicate provenance";
    }
    for (NodeIndex v = 0; v < node_count(); ++v)
        for (auto [it, end] = boost::out_edges(static_cast<std::uint32_t>(v), m_impl->g); it != end; ++it) {
            EdgeIndex i = boost::get(boost::edge_index, m_impl->g, *it);
            if (i >= edge_count() || m_impl->edges[i].source != v || m_impl->edges[i].target != boost::target(*it, m_impl->g))
                return "Boost edge index does not match the edge order";
        }
    for (const auto& e : m_impl->edges) {
        if (e.source >= node_count() || e.target >= node_count()) return "edge endpoint out of range";
        if (!std::all_of(e.provenance.begin(), e.provenance.end(), in_files))
            return "edge from '" + node(e.source).id + "' has a place outside the file table";
        if (!std::is_sorted(e.provenance.begin(), e.provenance.end()) ||
            std::adjacent_find(e.provenance.begin(), e.provenance.end()) != e.provenance.end())
            return "edge from '" + node(e.source).id + "' has unsorted or duplicate provenance";
        if (e.provenance.empty())
            return "edge " + std::string(to_string(e.relation)) + " from '" + node(e.source).id + "' has no provenance";
        if (!seen.emplace(e.source, e.target, e.relation).second)
            return "duplicate edge " + std::string(to_string(e.relation)) + " '" + node(e.source).id + "' -> '" +
                   node(e.target).id + "'";
    }
    return std::nullopt;
}

}  // namespace convgraph
