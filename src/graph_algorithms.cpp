// Graph algorithms: Boost.Graph's BFS, strong components, connected components and Brandes
// centrality over views of the adjacency list filtered to the relations asked for.
#include "convgraph/graph_algorithms.hpp"

#include "graph_impl.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/betweenness_centrality.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/graph/reverse_graph.hpp>
#include <boost/graph/strong_components.hpp>
#include <boost/pending/queue.hpp>

#include <algorithm>
#include <limits>
#include <map>
#include <tuple>

namespace convgraph {

RelationSet RelationSet::concepts() {
    RelationSet s;
    for (Relation r : k_all_relations)
        if (r != Relation::links_to && r != Relation::mentions) s.add(r);
    return s;
}

RelationSet RelationSet::all() {
    RelationSet s;
    for (Relation r : k_all_relations) s.add(r);
    return s;
}

namespace {

constexpr std::size_t k_unreached = std::numeric_limits<std::size_t>::max();

using BaseEdge = boost::graph_traits<BoostGraph>::edge_descriptor;

// The adjacency-list edge behind an edge of the graph or of its reverse view.
const BaseEdge& base_edge(const BaseEdge& e) { return e; }
template <class E>
const BaseEdge& base_edge(const boost::detail::reverse_graph_edge_descriptor<E>& e) {
    return e.underlying_descx;
}

EdgeIndex edge_index_of(const Graph& graph, const BaseEdge& e) {
    return boost::get(boost::edge_index, graph.impl().g, e);
}

// Keeps the edges whose relation is in the set. Default-constructible as filtered_graph needs.
struct RelationFilter {
    const Graph* graph = nullptr;
    RelationSet relations;
    template <class E>
    bool operator()(const E& e) const {
        return relations.contains(graph->edge(edge_index_of(*graph, base_edge(e))).relation);
    }
};

// Keeps the vertices marked true.
struct VertexMask {
    const std::vector<char>* keep = nullptr;
    bool operator()(std::size_t v) const { return (*keep)[v] != 0; }
};

template <class G>
auto filter_relations(const G& g, const Graph& graph, const RelationSet& relations) {
    return boost::filtered_graph<G, RelationFilter>(g, RelationFilter{&graph, relations});
}

struct StopSearch {};

// Breadth-first search from one vertex with a depth limit, reusable across many starts: it
// only resets the vertices it touched, so a search costs what it reaches, not the graph size.
template <class G>
class LimitedBfs {
public:
    LimitedBfs(const G& g, const Graph& graph)
        : m_g(g), m_graph(graph), m_color(boost::num_vertices(g), boost::white_color), m_depth(boost::num_vertices(g), k_unreached),
          m_via(boost::num_vertices(g), 0) {}

    // Vertices reached from `start` (start first), in discovery order. With `stop_at`, the
    // search also ends with the level on which that vertex is found (a shortest path needs no
    // vertex farther away).
    const std::vector<NodeIndex>& run(NodeIndex start, std::size_t max_depth, NodeIndex stop_at = k_unreached) {
        m_max_depth = max_depth;
        m_stop_at = stop_at;
        for (NodeIndex v : m_touched) {
            m_color[v] = boost::white_color;
            m_depth[v] = k_unreached;
        }
        m_touched.clear();
        m_depth[start] = 0;
        boost::queue<NodeIndex> queue;
        Visitor vis{this};
        auto color = boost::make_iterator_property_map(m_color.begin(), boost::get(boost::vertex_index, m_g));
        try {
            boost::breadth_first_visit(m_g, start, queue, vis, color);
        } catch (const StopSearch&) {
        }
        return m_touched;
    }
    std::size_t depth(NodeIndex v) const { return m_depth[v]; }
    EdgeIndex via(NodeIndex v) const { return m_via[v]; }

private:
    struct Visitor : boost::default_bfs_visitor {
        LimitedBfs* self = nullptr;
        explicit Visitor(LimitedBfs* s) : self(s) {}
        void discover_vertex(NodeIndex v, const G&) const {
            self->m_touched.push_back(v);
            if (v == self->m_stop_at && v != self->m_touched.front() &&
                (self->m_max_depth == 0 || self->m_depth[v] < self->m_max_depth))
                self->m_max_depth = self->m_depth[v];
        }
        void examine_vertex(NodeIndex u, const G&) const {
            // BFS examines vertices by depth: once one at the limit comes up, all are found.
            if (self->m_max_depth != 0 && self->m_depth[u] >= self->m_max_depth) throw StopSearch{};
        }
        template <class E>
        void tree_edge(const E& e, const G& g) const {
            NodeIndex u = boost::source(e, g);
            NodeIndex v = boost::target(e, g);
            self->m_depth[v] = self->m_depth[u] + 1;
            self->m_via[v] = edge_index_of(self->m_graph, base_edge(e));
        }
    };

    const G& m_g;
    const Graph& m_graph;
    std::vector<boost::default_color_type> m_color;
    std::vector<std::size_t> m_depth;
    std::vector<EdgeIndex> m_via;
    std::vector<NodeIndex> m_touched;
    std::size_t m_max_depth = 0;  // 0: no limit
    NodeIndex m_stop_at = k_unreached;
};

template <class G>
std::vector<Reached> collect_reached(const G& view, const Graph& graph, NodeIndex start, std::size_t max_depth) {
    LimitedBfs<G> bfs(view, graph);
    std::vector<Reached> out;
    for (NodeIndex v : bfs.run(start, max_depth)) {
        if (v == start) continue;
        if (max_depth != 0 && bfs.depth(v) > max_depth) continue;
        out.push_back({v, bfs.depth(v), bfs.via(v)});
    }
    std::sort(out.begin(), out.end(),
              [](const Reached& a, const Reached& b) { return std::tie(a.depth, a.node) < std::tie(b.depth, b.node); });
    return out;
}

// Distances from `start` in `view`, for the vertices within `max_depth` (0: any) and, with
// `stop_at`, no farther than that vertex; k_unreached for the others.
template <class G>
std::vector<std::size_t> distances_from(const G& view, const Graph& graph, NodeIndex start, std::size_t max_depth = 0,
                                        NodeIndex stop_at = k_unreached) {
    LimitedBfs<G> bfs(view, graph);
    std::vector<std::size_t> dist(boost::num_vertices(view), k_unreached);
    for (NodeIndex v : bfs.run(start, max_depth, stop_at)) dist[v] = bfs.depth(v);
    return dist;
}

}  // namespace

std::vector<Reached> reachable(const Graph& g, NodeIndex start, Direction direction, const RelationSet& relations,
                               std::size_t max_depth) {
    const BoostGraph& bg = g.impl().g;
    if (direction == Direction::downstream) return collect_reached(filter_relations(bg, g, relations), g, start, max_depth);
    auto reversed = boost::make_reverse_graph(bg);
    return collect_reached(filter_relations(reversed, g, relations), g, start, max_depth);
}

std::vector<Path> shortest_paths(const Graph& g, NodeIndex from, NodeIndex to, const RelationSet& relations, bool all,
                                 std::size_t max_paths) {
    std::vector<Path> paths;
    if (from == to || max_paths == 0) return paths;
    const BoostGraph& bg = g.impl().g;
    auto forward = filter_relations(bg, g, relations);
    auto reversed_base = boost::make_reverse_graph(bg);
    auto backward = filter_relations(reversed_base, g, relations);
    // Both searches end at the length of the shortest path: no vertex farther from either end
    // can lie on one.
    std::vector<std::size_t> d_from = distances_from(forward, g, from, 0, to);
    if (d_from[to] == k_unreached) return paths;
    const std::size_t length = d_from[to];
    std::vector<std::size_t> d_to = distances_from(backward, g, to, length);
    if (!all) max_paths = 1;
    // Walk the shortest-path DAG (edges u→v with d_from[u] + 1 + d_to[v] == length) in edge order.
    auto on_dag = [&](EdgeIndex e) {
        const Edge& edge = g.edge(e);
        return relations.contains(edge.relation) && d_from[edge.source] != k_unreached &&
               d_to[edge.target] != k_unreached && d_from[edge.source] + 1 + d_to[edge.target] == length;
    };
    Path current;
    auto extend = [&](auto&& self, NodeIndex u) -> void {
        if (paths.size() >= max_paths) return;
        if (u == to) {
            paths.push_back(current);
            return;
        }
        for (EdgeIndex e : g.out_edges(u)) {
            if (!on_dag(e) || d_from[g.edge(e).target] != d_from[u] + 1) continue;
            current.push_back(e);
            self(self, g.edge(e).target);
            current.pop_back();
            if (paths.size() >= max_paths) return;
        }
    };
    extend(extend, from);
    return paths;
}

std::vector<Loop> feedback_loops(const Graph& g, const RelationSet& relations) {
    const BoostGraph& bg = g.impl().g;
    auto view = filter_relations(bg, g, relations);
    std::vector<int> component(boost::num_vertices(bg), 0);
    auto vindex = boost::get(boost::vertex_index, view);
    int count = boost::strong_components(view, boost::make_iterator_property_map(component.begin(), vindex));
    std::vector<std::vector<NodeIndex>> members(static_cast<std::size_t>(count));
    for (NodeIndex v = 0; v < component.size(); ++v) members[static_cast<std::size_t>(component[v])].push_back(v);

    std::vector<Loop> loops;
    std::vector<char> keep(boost::num_vertices(bg), 0);
    for (auto& group : members) {
        if (group.empty()) continue;
        if (group.size() == 1) {
            bool self_loop = false;
            for (EdgeIndex e : g.out_edges(group.front()))
                if (g.edge(e).target == group.front() && relations.contains(g.edge(e).relation)) {
                    loops.push_back({group, {e}});
                    self_loop = true;
                    break;
                }
            (void)self_loop;
            continue;
        }
        // Shortest cycle through the component: BFS inside it from each of (at most 64) members.
        for (NodeIndex v : group) keep[v] = 1;
        auto inside = boost::filtered_graph<decltype(view), boost::keep_all, VertexMask>(view, boost::keep_all{},
                                                                                        VertexMask{&keep});
        LimitedBfs<decltype(inside)> bfs(inside, g);
        Path best;
        for (std::size_t i = 0; i < group.size() && i < 64; ++i) {
            NodeIndex s = group[i];
            bfs.run(s, 0);
            for (EdgeIndex e : g.in_edges(s)) {
                const Edge& back = g.edge(e);
                if (!relations.contains(back.relation) || !keep[back.source] || bfs.depth(back.source) == k_unreached)
                    continue;
                std::size_t len = bfs.depth(back.source) + 1;
                if (!best.empty() && len >= best.size()) continue;
                Path cycle{e};
                for (NodeIndex u = back.source; u != s; u = g.edge(bfs.via(u)).source) cycle.push_back(bfs.via(u));
                std::reverse(cycle.begin(), cycle.end());
                best = std::move(cycle);
            }
        }
        for (NodeIndex v : group) keep[v] = 0;
        loops.push_back({group, std::move(best)});
    }
    std::sort(loops.begin(), loops.end(), [](const Loop& a, const Loop& b) {
        if (a.members.size() != b.members.size()) return a.members.size() > b.members.size();
        return a.members.front() < b.members.front();
    });
    return loops;
}

std::vector<double> betweenness(const Graph& g, const RelationSet& relations) {
    const BoostGraph& bg = g.impl().g;
    auto view = filter_relations(bg, g, relations);
    std::vector<char> keep(boost::num_vertices(bg), 0);
    for (NodeIndex v = 0; v < g.node_count(); ++v) keep[v] = g.node(v).kind != Role::document;
    auto concepts = boost::filtered_graph<decltype(view), boost::keep_all, VertexMask>(view, boost::keep_all{},
                                                                                      VertexMask{&keep});
    std::vector<double> centrality(boost::num_vertices(bg), 0.0);
    auto vindex = boost::get(boost::vertex_index, concepts);
    boost::brandes_betweenness_centrality(
        concepts, boost::centrality_map(boost::make_iterator_property_map(centrality.begin(), vindex)).vertex_index_map(vindex));
    return centrality;
}

std::vector<std::size_t> component_sizes(const Graph& g, const RelationSet& relations) {
    using Undirected = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
    Undirected u(g.node_count());
    for (const Edge& e : g.edges())
        if (relations.contains(e.relation) && g.node(e.source).kind != Role::document &&
            g.node(e.target).kind != Role::document)
            boost::add_edge(e.source, e.target, u);
    std::vector<int> component(g.node_count(), 0);
    int count = g.node_count() == 0 ? 0 : boost::connected_components(u, component.data());
    std::vector<std::size_t> sizes(static_cast<std::size_t>(count), 0);
    for (NodeIndex v = 0; v < g.node_count(); ++v)
        if (g.node(v).kind != Role::document) ++sizes[static_cast<std::size_t>(component[v])];
    sizes.erase(std::remove(sizes.begin(), sizes.end(), std::size_t{0}), sizes.end());
    std::sort(sizes.rbegin(), sizes.rend());
    return sizes;
}

Degree degree(const Graph& g, NodeIndex v, const RelationSet& relations) {
    Degree d;
    for (EdgeIndex e : g.in_edges(v)) d.in += relations.contains(g.edge(e).relation);
    for (EdgeIndex e : g.out_edges(v)) d.out += relations.contains(g.edge(e).relation);
    return d;
}

std::vector<std::size_t> converging_drivers(const Graph& g, const RelationSet& relations, std::size_t max_depth) {
    std::vector<std::size_t> counts(g.node_count(), 0);
    auto reversed = boost::make_reverse_graph(g.impl().g);
    auto view = filter_relations(reversed, g, relations);
    LimitedBfs<decltype(view)> bfs(view, g);
    auto is_driver = [&](NodeIndex u) {
        const auto& roles = g.node(u).roles;
        return std::find(roles.begin(), roles.end(), Role::driver) != roles.end();
    };
    for (NodeIndex v = 0; v < g.node_count(); ++v) {
        if (g.node(v).kind == Role::document) continue;
        for (NodeIndex u : bfs.run(v, max_depth))
            if (u != v && (max_depth == 0 || bfs.depth(u) <= max_depth) && is_driver(u)) ++counts[v];
    }
    return counts;
}

}  // namespace convgraph
