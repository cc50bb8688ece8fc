// Resolve: mentions and relations → nodes and merged edges.
#include "convgraph/resolve.hpp"

#include "convgraph/error.hpp"

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
#include <unordered_map>

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>
#include <absl/hash/hash.h>

namespace convgraph {

namespace {

// An edge's identity (source, target, relation) packed into 64 bits: 28 bits per node index
// (268 million nodes) and 8 for the relation.
constexpr unsigned k_node_bits = 28;

struct EdgeId {
    std::uint64_t bits;
    bool operator==(const EdgeId&) const = default;
};

EdgeId edge_id(NodeIndex from, NodeIndex to, Relation rel) {
    if (from >> k_node_bits || to >> k_node_bits)
        throw Error("the graph has more than 2^28 nodes, more than convgraph can merge");
    return EdgeId{(std::uint64_t{from} << (k_node_bits + 8)) | (std::uint64_t{to} << 8) | static_cast<std::uint8_t>(rel)};
}

// The merge's index of edges by identity is a set of 32-bit edge indices, hashed and compared
// through a dense array of the edges' identities and looked up by EdgeId: 5 bytes per slot
// instead of a map's 17 (6 million edges for 50,000 notes), plus 8 bytes per edge while merging.
// The identities sit apart from the 56-byte edges so that a probe or a rehash reads 8 bytes from
// blocks of 64 (a deque: growing never copies them, nor doubles their memory).
using EdgeIds = std::deque<EdgeId>;

struct EdgeIndexHash {
    using is_transparent = void;
    const EdgeIds* ids;
    std::size_t operator()(EdgeId id) const { return absl::Hash<std::uint64_t>{}(id.bits); }
    std::size_t operator()(std::uint32_t i) const { return (*this)((*ids)[i]); }
};

struct EdgeIndexEq {
    using is_transparent = void;
    const EdgeIds* ids;
    bool operator()(std::uint32_t a, std::uint32_t b) const { return a == b; }
    bool operator()(std::uint32_t a, EdgeId b) const { return (*ids)[a] == b; }
    bool operator()(EdgeId a, std::uint32_t b) const { return (*this)(b, a); }
};

struct NodeAcc {
    Node node;
    std::vector<bool> has_role = std::vector<bool>(k_all_roles.size(), false);
};

class Resolver {
public:
    explicit Resolver(const AliasTable& aliases)
        : m_aliases(aliases), m_edge_index(0, EdgeIndexHash{&m_edge_ids}, EdgeIndexEq{&m_edge_ids}) {}
    Resolver(const Resolver&) = delete;  // m_edge_index points at m_edge_ids
    Resolver& operator=(const Resolver&) = delete;

    NodeIndex concept_node(const std::string& name) {
        // The same spellings recur across notes: normalise each spelling once.
        auto known = m_by_spelling.find(name);
        if (known != m_by_spelling.end()) return known->second;
        std::string key = m_aliases.resolve(normalize_name(name));
        auto [it, inserted] = m_index.emplace(key, m_nodes.size());
        m_by_spelling.emplace(name, it->second);
        if (inserted) {
            NodeAcc acc;
            acc.node.id = key;
            const std::string* target = m_aliases.display(key);
            acc.node.label = target ? *target : clean_label(name);
            m_nodes.push_back(std::move(acc));
        }
        return it->second;
    }

    NodeIndex document_node(const NoteFacts& note, std::uint32_t file) {
        std::string key = document_node_id(note.path);
        auto [it, inserted] = m_index.emplace(key, m_nodes.size());
        if (inserted) {
            NodeAcc acc;
            acc.node.id = key;
            acc.node.label = note.title.empty() ? note.path : note.title;
            m_nodes.push_back(std::move(acc));
            add_role(it->second, Role::document,
                     note.title_loc.line > 0 ? Place{file, note.title_loc.line, note.title_loc.column} : Place{file, 0, 0});
        }
        return it->second;
    }

    void add_role(NodeIndex v, Role role, const Place& at, const std::string& description = {}) {
        auto& acc = m_nodes[v];
        acc.has_role[static_cast<std::size_t>(role)] = true;
        acc.node.provenance.push_back(Mention{at, role});
        if (acc.node.description.empty() && !description.empty()) acc.node.description = description;
    }

    // Brings the index slot an add_edge of this edge will probe into the cache (the index is far
    // larger than the cache: each probe was a miss).
    void prefetch_edge(Relation rel, NodeIndex from, NodeIndex to) const { m_edge_index.prefetch(edge_id(from, to, rel)); }

    void add_edge(Relation rel, NodeIndex from, NodeIndex to, const Place& at, const std::string& label = {},
                  const std::string& description = {},
                  const std::vector<std::pair<std::string, std::string>>& attributes = {}) {
        const EdgeId id = edge_id(from, to, rel);
        auto it = m_edge_index.find(id);
        std::uint32_t index;
        if (it != m_edge_index.end()) {
            index = *it;
        } else {
            if (m_edges.size() >= std::numeric_limits<std::uint32_t>::max())
                throw Error("the graph has more than 2^32 edges, more than convgraph can merge");
            index = static_cast<std::uint32_t>(m_edges.size());
            Edge e;
            e.relation = rel;
            e.source = static_cast<std::uint32_t>(from);
            e.target = static_cast<std::uint32_t>(to);
            m_edges.push_back(std::move(e));
            try {
                m_edge_ids.push_back(id);
                m_edge_index.insert(index);
            } catch (...) {
                m_edges.pop_back();  // never an edge the index does not know
                if (m_edge_ids.size() > m_edges.size()) m_edge_ids.pop_back();
                throw;
            }
        }
        Edge& e = m_edges[index];
        e.provenance.push_back(at);
        if (e.label.empty()) e.label = label;
        if (e.description.empty()) e.description = description;
        if (e.attributes.empty()) e.attributes = attributes;
    }

    Graph finish(std::vector<std::string> files) {
        std::vector<Node> nodes;
        nodes.reserve(m_nodes.size());
        for (auto& acc : m_nodes) {
            Node& n = acc.node;
            // "concept" is the role of a Mermaid node that plays no other role.
            bool other = false;
            for (Role r : k_all_roles)
                if (r != Role::concept_ && acc.has_role[static_cast<std::size_t>(r)]) other = true;
            if (other) acc.has_role[static_cast<std::size_t>(Role::concept_)] = false;
            for (Role r : k_all_roles)
                if (acc.has_role[static_cast<std::size_t>(r)]) n.roles.push_back(r);
            if (n.roles.empty()) n.roles.push_back(Role::concept_);
            n.kind = n.roles.front();
            std::sort(n.provenance.begin(), n.provenance.end());
            n.provenance.erase(std::unique(n.provenance.begin(), n.provenance.end()), n.provenance.end());
            nodes.push_back(std::move(n));
        }
        // The indexes are not needed any more: free them before the graph takes its own memory.
        m_edge_index = EdgeIndexSet(0, EdgeIndexHash{&m_edge_ids}, EdgeIndexEq{&m_edge_ids});
        m_edge_ids = {};
        m_by_spelling = {};
        m_index = {};
        for (auto& e : m_edges) {
            std::sort(e.provenance.begin(), e.provenance.end());
            e.provenance.erase(std::unique(e.provenance.begin(), e.provenance.end()), e.provenance.end());
        }
        Graph g(std::move(files), std::move(nodes), std::move(m_edges));
        // The aliases whose target became a node: a query then finds the node by either name.
        // An alias that is itself the id of a node (aliases are not chained) names that node.
        std::vector<std::pair<std::string, NodeIndex>> aliases;
        for (const auto& [alias, target] : m_aliases.entries()) {
            if (alias == target || g.find(alias)) continue;
            if (auto v = g.find(target)) aliases.emplace_back(alias, *v);
        }
        g.set_aliases(std::move(aliases));
        return g;
    }

private:
    const AliasTable& m_aliases;
    std::vector<NodeAcc> m_nodes;
    // Abseil's open-addressing maps: the merge looks up every statement of every note, and a
    // node-based std::unordered_map cost a cache miss per bucket hop (6 % of a build).
    absl::flat_hash_map<std::string, NodeIndex> m_index;
    absl::flat_hash_map<std::string, NodeIndex> m_by_spelling;
    Edges m_edges;  // a deque: never copied by a reallocation (see graph.hpp)
    EdgeIds m_edge_ids;  // m_edge_ids[i] is edge_id(m_edges[i]), while merging
    using EdgeIndexSet = absl::flat_hash_set<std::uint32_t, EdgeIndexHash, EdgeIndexEq>;
    EdgeIndexSet m_edge_index;
};

}  // namespace

std::string document_node_id(std::string_view path) { return "doc:" + std::string(path); }

namespace {

// Where in document `file` a statement of a note was made.
Place place_in(std::uint32_t file, const SourceLoc& loc) { return Place{file, loc.line, loc.column}; }

// A note's statements as (relation, ends) with their places and texts, in merge order. They
// point into the note's facts, which travel with them when the edges are merged on the edge
// thread (`owned`).
struct NoteStatements {
    struct Statement {
        Relation relation;
        NodeIndex from, to;
        const SourceLoc* loc;
        const RelationFact* fact;  // null for a mention
    };
    NoteFacts owned;
    std::uint32_t file = 0;
    std::vector<Statement> statements;
};

// Merges a note's statements into the resolver's edges. Statements are in merge order, so each
// edge sees the same sequence of statements as if they were merged one by one; the index
// probes are prefetched a few statements ahead.
void merge_edges(Resolver& r, const NoteStatements& note) {
    const std::uint32_t file = note.file;
    const auto& statements = note.statements;
    constexpr std::size_t k_ahead = 8;
    for (std::size_t i = 0; i < statements.size(); ++i) {
        if (i + k_ahead < statements.size()) {
            const auto& next = statements[i + k_ahead];
            r.prefetch_edge(next.relation, next.from, next.to);
        }
        const auto& s = statements[i];
        if (s.fact)
            r.add_edge(s.relation, s.from, s.to, place_in(file, *s.loc), s.fact->label, s.fact->description, s.fact->attributes);
        else
            r.add_edge(s.relation, s.from, s.to, place_in(file, *s.loc));
    }
}

// The edge thread of a pipelined builder: merges the notes' edges in the order they are pushed
// while the caller resolves the next notes' concepts. It touches only the resolver's edges; the
// caller touches only its nodes until drain() returns. At most k_depth notes wait to be merged
// and 2 × k_depth wait to be freed, so memory stays bounded; a failure is kept and rethrown to
// the caller by the next push or drain.
class EdgeStage {
public:
    explicit EdgeStage(Resolver& resolver) : m_resolver(resolver), m_thread([this] { run(); }) {}
    EdgeStage(const EdgeStage&) = delete;
    EdgeStage& operator=(const EdgeStage&) = delete;
    ~EdgeStage() {
        {
            std::lock_guard lock(m_mutex);
            m_closed = m_abandoned = true;
        }
        m_ready.notify_all();
        if (m_thread.joinable()) m_thread.join();
    }

    void push(std::unique_ptr<NoteStatements> note) {
        std::vector<std::unique_ptr<NoteStatements>> spent;  // freed here, after the lock is released
        std::unique_lock lock(m_mutex);
        m_space.wait(lock, [this] { return m_queue.size() < k_depth || m_failure; });
        if (m_failure) std::rethrow_exception(m_failure);
        m_queue.push_back(std::move(note));
        m_ready.notify_one();
        if (m_spent.size() >= 2 * k_depth) spent.swap(m_spent);  // nobody calls release(): bound them
    }

    // Frees the notes whose edges are merged.
    void release() {
        std::vector<std::unique_ptr<NoteStatements>> spent;
        std::lock_guard lock(m_mutex);
        spent.swap(m_spent);
    }

    // Returns once every pushed note is merged, with the thread stopped.
    void drain() {
        {
            std::lock_guard lock(m_mutex);
            m_closed = true;
        }
        m_ready.notify_all();
        if (m_thread.joinable()) m_thread.join();
        m_spent.clear();
        if (m_failure) std::rethrow_exception(m_failure);
    }

private:
    static constexpr std::size_t k_depth = 64;

    // Merged notes are handed back to be freed elsewhere (m_spent, release()): freeing a note's
    // facts (strings per fact and place) cost the edge thread, the slower of the two, a fifth of
    // its time.
    void run() {
        std::unique_ptr<NoteStatements> note;
        for (;;) {
            {
                std::unique_lock lock(m_mutex);
                if (note) {
                    try {
                        m_spent.push_back(std::move(note));
                    } catch (...) {
                        note.reset();  // no memory to hand it back: free it here
                    }
                }
                m_ready.wait(lock, [this] { return !m_queue.empty() || m_closed; });
                if (m_abandoned || m_queue.empty()) return;
                note = std::move(m_queue.front());
                m_queue.pop_front();
                m_space.notify_one();
            }
            try {
                merge_edges(m_resolver, *note);
            } catch (...) {
                std::lock_guard lock(m_mutex);
                m_failure = std::current_exception();
                m_queue.clear();
                m_space.notify_all();
                return;
            }
        }
    }

    Resolver& m_resolver;
    std::mutex m_mutex;
    std::condition_variable m_ready;  // a note was pushed, or the stage closed
    std::condition_variable m_space;  // a note was taken, or the stage failed
    std::deque<std::unique_ptr<NoteStatements>> m_queue;
    std::vector<std::unique_ptr<NoteStatements>> m_spent;  // merged, to be freed by the caller
    bool m_closed = false;
    bool m_abandoned = false;  // destroyed before drain(): drop what waits
    std::exception_ptr m_failure;
    std::thread m_thread;  // last: started once everything above exists
};

}  // namespace

class GraphBuilder::Impl {
public:
    Impl(const AliasTable& aliases, bool pipelined) : resolver(aliases) {
        if (!pipelined) return;
        try {
            edge_stage.emplace(resolver);
        } catch (const std::system_error&) {
            // No thread to be had: merge each note's edges on the calling thread.
        }
    }

    // The nodes of `facts` (owned by `note` when it is queued), and its statements into `note`.
    void resolve_concepts(const NoteFacts& facts, NoteStatements& note) {
        Resolver& r = resolver;
        const auto file = static_cast<std::uint32_t>(files.size());
        files.push_back(facts.path);
        NodeIndex doc = r.document_node(facts, file);
        doc_nodes[facts.path] = {doc, file};
        note.file = file;
        // Mentions first, in source order, so labels are the first spelling in corpus order.
        std::vector<const ConceptMention*> ordered;
        ordered.reserve(facts.mentions.size());
        for (const auto& m : facts.mentions) ordered.push_back(&m);
        std::stable_sort(ordered.begin(), ordered.end(),
                         [](const ConceptMention* a, const ConceptMention* b) { return a->loc < b->loc; });
        // Nodes first, then the edges, in the same order as the statements.
        note.statements.reserve(ordered.size() + facts.relations.size());
        for (const ConceptMention* m : ordered) {
            NodeIndex v = r.concept_node(m->name);
            r.add_role(v, m->role, place_in(file, m->loc), m->description);
            note.statements.push_back({Relation::mentions, doc, v, &m->loc, nullptr});
        }
        for (const auto& f : facts.relations) {
            NodeIndex a = r.concept_node(f.from);
            NodeIndex b = r.concept_node(f.to);
            note.statements.push_back({f.relation, a, b, &f.loc, &f});
        }
    }

    // Every queued note's edges merged; the edges belong to the calling thread again.
    void drain() {
        if (!edge_stage) return;
        edge_stage->drain();  // rethrows a failure of the edge thread
        edge_stage.reset();
    }

    Resolver resolver;
    std::vector<std::string> files;
    std::unordered_map<std::string, std::pair<NodeIndex, std::uint32_t>> doc_nodes;  // path → node, file
    std::optional<EdgeStage> edge_stage;
};

GraphBuilder::GraphBuilder(const AliasTable& aliases, bool pipelined)
    : m_impl(std::make_unique<Impl>(aliases, pipelined)) {}
GraphBuilder::~GraphBuilder() = default;

void GraphBuilder::add_note(const NoteFacts& note) {
    if (m_impl->edge_stage) {
        add_note(NoteFacts(note));  // queued: the edge thread needs a copy that outlives the call
        return;
    }
    NoteStatements statements;
    m_impl->resolve_concepts(note, statements);
    merge_edges(m_impl->resolver, statements);
}

void GraphBuilder::add_note(NoteFacts&& note) {
    if (!m_impl->edge_stage) {
        add_note(static_cast<const NoteFacts&>(note));
        return;
    }
    auto queued = std::make_unique<NoteStatements>();
    queued->owned = std::move(note);
    m_impl->resolve_concepts(queued->owned, *queued);
    m_impl->edge_stage->push(std::move(queued));
}

void GraphBuilder::release_merged() {
    if (m_impl->edge_stage) m_impl->edge_stage->release();
}

void GraphBuilder::add_links(const std::vector<DocumentLink>& links) {
    m_impl->drain();
    for (const auto& l : links) {
        auto a = m_impl->doc_nodes.find(l.from_path);
        auto b = m_impl->doc_nodes.find(l.to_path);
        if (a != m_impl->doc_nodes.end() && b != m_impl->doc_nodes.end())
            m_impl->resolver.add_edge(Relation::links_to, a->second.first, b->second.first,
                                      Place{a->second.second, l.loc.line, l.loc.column});
    }
}

Graph GraphBuilder::finish() {
    m_impl->drain();
    Graph g = m_impl->resolver.finish(std::move(m_impl->files));
    m_impl->files.clear();
    m_impl->doc_nodes.clear();
    return g;
}

Graph resolve_graph(const std::vector<NoteFacts>& notes, const std::vector<DocumentLink>& links,
                    const AliasTable& aliases) {
    GraphBuilder builder(aliases);
    for (const auto& note : notes) builder.add_note(note);
    builder.add_links(links);
    return builder.finish();
}

}  // namespace convgraph
