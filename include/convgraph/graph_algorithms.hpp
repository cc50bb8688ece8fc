// Graph algorithms for queries: reachability, shortest typed paths, feedback loops,
// centrality and components — Boost.Graph's algorithms run over the concept relations.
#pragma once

#include "convgraph/graph.hpp"

#include <cstddef>
#include <vector>

namespace convgraph {

// A set of relations an algorithm follows.
class RelationSet {
public:
    RelationSet() = default;
    // The relations between concepts: everything but links_to and mentions.
    static RelationSet concepts();
    static RelationSet all();
    void add(Relation r) { m_bits |= bit(r); }
    bool contains(Relation r) const { return (m_bits & bit(r)) != 0; }
    bool empty() const { return m_bits == 0; }

private:
    static unsigned bit(Relation r) { return 1U << static_cast<unsigned>(r); }
    unsigned m_bits = 0;
};

enum class Direction { downstream, upstream };

// One node reached from the start: how far, and the edge by which it was first reached
// (its other end is one step nearer the start).
struct Reached {
    NodeIndex node = 0;
    std::size_t depth = 0;
    EdgeIndex edge = 0;
};

// Nodes reachable from `start` along `relations` (downstream: following edges; upstream:
// against them), at most `max_depth` steps (0: no limit), the start left out. Breadth-first,
// ordered by (depth, node id).
std::vector<Reached> reachable(const Graph& g, NodeIndex start, Direction direction, const RelationSet& relations,
                               std::size_t max_depth = 0);

// A path as its edges, in order from the first node.
using Path = std::vector<EdgeIndex>;

// Shortest directed paths from `from` to `to` along `relations`: the first in edge order, or
// with `all` every shortest one, at most `max_paths`. Empty when there is none or from == to.
std::vector<Path> shortest_paths(const Graph& g, NodeIndex from, NodeIndex to, const RelationSet& relations,
                                 bool all = false, std::size_t max_paths = 1);

// A feedback loop: a strongly connected component (more than one node, or one with an edge
// to itself) and a shortest cycle through it.
struct Loop {
    std::vector<NodeIndex> members;  // id order
    Path cycle;                      // starts and ends at the same node
};

// Loops along `relations`, largest first, then by first member.
std::vector<Loop> feedback_loops(const Graph& g, const RelationSet& relations);

// Brandes betweenness centrality per node (directed, unnormalised), over `relations`;
// documents are left out (score 0).
std::vector<double> betweenness(const Graph& g, const RelationSet& relations);

// Weakly connected components over `relations`, documents left out: component sizes,
// largest first.
std::vector<std::size_t> component_sizes(const Graph& g, const RelationSet& relations);

// A node's edges along `relations`: in, out and their sum.
struct Degree {
    std::size_t in = 0, out = 0;
    std::size_t total() const { return in + out; }
};
Degree degree(const Graph& g, NodeIndex v, const RelationSet& relations);

// For every node, the distinct drivers (nodes with the driver role) within `max_depth` steps
// upstream of it along `relations`, itself excluded: how many drivers converge on it.
std::vector<std::size_t> converging_drivers(const Graph& g, const RelationSet& relations, std::size_t max_depth = 2);

}  // namespace convgraph
