// Resolve: concept resolution — every mention and relation of every note merged into one
// node per concept (by normalised name and aliases) and one edge per fact.
#pragma once

#include "convgraph/extract.hpp"
#include "convgraph/graph.hpp"
#include "convgraph/normalize.hpp"

#include <string>
#include <vector>

namespace convgraph {

// A relative link from one note to another note of the corpus (already checked).
struct DocumentLink {
    std::string from_path;
    std::string to_path;
    SourceLoc loc;
};

// The id of a document's node.
std::string document_node_id(std::string_view path);

// Builds the graph. `notes` must be in corpus order (sorted by path): the first spelling of a
// concept in that order becomes its label. Adds a document node per note, `mentions` edges
// from each note to every concept it names, and `links_to` edges.
Graph resolve_graph(const std::vector<NoteFacts>& notes, const std::vector<DocumentLink>& links,
                    const AliasTable& aliases);

}  // namespace convgraph
