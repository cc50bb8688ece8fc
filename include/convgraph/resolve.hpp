// Resolve: concept resolution — every mention and relation of every note merged into one
// node per concept (by normalised name and aliases) and one edge per fact.
#pragma once

#include "convgraph/extract.hpp"
#include "convgraph/graph.hpp"
#include "convgraph/normalize.hpp"

#include <memory>
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

// A concept's id from its normalised (and alias-resolved) name. Ids starting "doc:" are the
// notes' (document_node_id): a concept whose name reads like one takes a full-width colon
// instead ("doc：…"), which no normalised name contains, so it never replaces a note's node.
std::string concept_id(std::string normalized);

// Builds the graph one note at a time, so a note's facts can be dropped as soon as they are
// merged: the pipeline feeds notes as their analysis finishes, in corpus order.
//
// A pipelined builder merges each note in two steps on two threads: the caller resolves the
// note's concepts into nodes, and a thread of the builder's own merges its statements into
// edges while the caller goes on with the next note. The graph is the same either way. (Without
// a thread to be had, a pipelined builder merges serially.)
class GraphBuilder {
public:
    explicit GraphBuilder(const AliasTable& aliases, bool pipelined = false);
    GraphBuilder(const GraphBuilder&) = delete;
    GraphBuilder& operator=(const GraphBuilder&) = delete;
    ~GraphBuilder();

    // Merges one note. Notes must come in corpus order (sorted by path): the first spelling of
    // a concept in that order becomes its label. A pipelined builder keeps the facts until the
    // edge thread is done with them (a copy, unless they are moved in). Rethrows a failure of
    // the edge thread.
    void add_note(const NoteFacts& note);
    void add_note(NoteFacts&& note);
    // Frees the facts of notes whose edges are merged: a pipelined builder's edge thread hands
    // them back instead of spending its own time on it. Call it outside any lock the callers of
    // add_note hold; from any thread, also while another thread is in add_note, but not during
    // add_links or finish.
    void release_merged();
    // Adds `links_to` edges between notes already added; links naming other notes are ignored.
    void add_links(const std::vector<DocumentLink>& links);
    // The graph, with the aliases whose target is one of its nodes (Graph::aliases); the builder
    // is empty afterwards.
    Graph finish();

private:
    class Impl;
    std::unique_ptr<Impl> m_impl;
};

// Builds the graph in one go (GraphBuilder over `notes`, then `links`). `notes` must be in corpus order (sorted by path): the first spelling of a
// concept in that order becomes its label. Adds a document node per note, `mentions` edges
// from each note to every concept it names, and `links_to` edges.
Graph resolve_graph(const std::vector<NoteFacts>& notes, const std::vector<DocumentLink>& links,
                    const AliasTable& aliases);

}  // namespace convgraph
