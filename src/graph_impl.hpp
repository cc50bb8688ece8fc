// Graph internals: the Boost.Graph adjacency list behind convgraph::Graph (private header).
#pragma once

#include "convgraph/graph.hpp"

#include <boost/graph/adjacency_list.hpp>

#include <map>

namespace convgraph {

using BoostGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, boost::no_property,
                                         boost::property<boost::edge_index_t, EdgeIndex>>;

struct Graph::Impl {
    std::vector<std::string> files;
    std::vector<Node> nodes;
    std::vector<Edge> edges;
    std::map<std::string, NodeIndex, std::less<>> by_id;
    BoostGraph g;
};

}  // namespace convgraph
