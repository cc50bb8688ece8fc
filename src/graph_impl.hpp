// Graph internals: the Boost.Graph adjacency list behind convgraph::Graph (private header).
#pragma once

#include "convgraph/graph.hpp"

#include <boost/graph/adjacency_list.hpp>

#include <map>

namespace convgraph {

// The graph is built once and never edited, so the global edge list is a vector (vecS) rather
// than the default std::list: one allocation per edge less, which was most of loading a graph.
using BoostGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, boost::no_property,
                                         boost::property<boost::edge_index_t, EdgeIndex>, boost::no_property,
                                         boost::vecS>;

struct Graph::Impl {
    std::vector<std::string> files;
    std::vector<Node> nodes;
    Edges edges;
    std::map<std::string, NodeIndex, std::less<>> by_id;
    BoostGraph g;
};

}  // namespace convgraph
