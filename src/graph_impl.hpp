// Graph internals: the Boost.Graph CSR graph behind convgraph::Graph (private header).
#pragma once

#include "convgraph/graph.hpp"

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include <cstdint>
#include <map>

namespace convgraph {

// Built once and never edited, so a compressed sparse row graph with 32-bit vertex and edge
// indices: about 20 bytes per edge for both directions, where an adjacency_list took about 150.
// Its edge index is the position of the edge in CSR order, which is our edge order because
// edges are sorted by source and CSR construction keeps the order of edges with the same
// source (checked by check_invariants()).
using BoostGraph = boost::compressed_sparse_row_graph<boost::bidirectionalS, boost::no_property, boost::no_property,
                                                      boost::no_property, std::uint32_t, std::uint32_t>;

struct Graph::Impl {
    std::vector<std::string> files;
    std::vector<Node> nodes;
    Edges edges;
    std::map<std::string, NodeIndex, std::less<>> by_id;
    std::vector<std::pair<std::string, NodeIndex>> aliases;
    BoostGraph g;
};

}  // namespace convgraph
