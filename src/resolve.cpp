// Resolve: mentions and relations → nodes and merged edges.
#include "convgraph/resolve.hpp"

#include "convgraph/error.hpp"

#include <algorithm>
#include <array>
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

// The merge's index of edges: each slot holds an edge's identity and its index in 12 bytes, so
// that a probe reads the slot and nothing else (13 bytes a slot with Abseil's control byte; 6
// million edges for 50,000 notes). The merge looks an edge up a few statements ahead and
// prefetches the edge itself (merge_edges), so each statement waits on no cache miss.
struct EdgeSlot {
    std::uint32_t low, high;  // the EdgeId, in two halves: 4-byte alignment keeps the slot at 12 bytes
    std::uint32_t index;
    EdgeId id() const { return EdgeId{(std::uint64_t{high} << 32) | low}; }
};

struct EdgeSlotHash {
    using is_transparent = void;
    std::size_t operator()(EdgeId id) const { return absl::Hash<std::uint64_t>{}(id.bits); }
    std::size_t operator()(const EdgeSlot& s) const { return (*this)(s.id()); }
};

struct EdgeSlotEq {
    using is_transparent = void;
    bool operator()(const EdgeSlot& a, const EdgeSlot& b) const { return a.id() == b.id(); }
    bool operator()(const EdgeSlot& a, EdgeId b) const { return a.id() == b; }
    bool operator()(EdgeId a, const EdgeSlot& b) const { return a == b.id(); }
};

struct NodeAcc {
    Node node;
    std::vector<bool> has_role = std::vector<bool>(k_all_roles.size(), false);
};

class Resolver {
public:
    explicit Resolver(const AliasTable& aliases) : m_aliases(aliases) {}
    Resolver(const Resolver&) = delete;
    Resolver& operator=(const Resolver&) = delete;

    NodeIndex concept_node(const std::string& name) {
        // The same spellings recur across notes: normalise each spelling once.
        auto known = m_by_spelling.find(name);
        if (known != m_by_spelling.end()) return known->second;
        std::string resolved = m_aliases.resolve(normalize_name(name));
        std::string key = concept_id(resolved);
        auto [it, inserted] = m_index.emplace(key, m_nodes.size());
        m_by_spelling.emplace(name, it->second);
        if (inserted) {
            NodeAcc acc;
            acc.node.id = key;
            const std::string* target = m_aliases.display(resolved);
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

    // Brings the index slot a lookup of this edge will probe into the cache (the index is far
    // larger than the cache: each probe was a miss).
    void prefetch_slot(EdgeId id) const { m_edge_index.prefetch(id); }

    // The index of the edge with this identity, if it was merged already.
    std::optional<std::uint32_t> find_edge(EdgeId id) const {
        auto it = m_edge_index.find(id);
        if (it == m_edge_index.end()) return std::nullopt;
        return it->index;
    }

    // Brings the edge at `index` into the cache, for a statement a few steps ahead.
    void prefetch_edge(std::uint32_t index) const { __builtin_prefetch(&m_edges[index], 1); }

    void add_edge(Relation rel, NodeIndex from, NodeIndex to, const Place& at, const std::string& label = {},
                  const std::string& description = {},
                  const std::vector<std::pair<std::string, std::string>>& attributes = {}) {
        add_to_edge(edge_index(edge_id(from, to, rel)), at, label, description, attributes);
    }

    // The edge with this identity: found, or appended (with no places yet).
    std::uint32_t edge_index(EdgeId id) {
        if (auto found = find_edge(id)) return *found;
        if (m_edges.size() >= std::numeric_limits<std::uint32_t>::max())
            throw Error("the graph has more than 2^32 edges, more than convgraph can merge");
        const auto index = static_cast<std::uint32_t>(m_edges.size());
        Edge e;
        e.relation = static_cast<Relation>(id.bits & 0xff);
        e.source = static_cast<std::uint32_t>(id.bits >> (k_node_bits + 8));
        e.target = static_cast<std::uint32_t>((id.bits >> 8) & ((std::uint64_t{1} << k_node_bits) - 1));
        m_edges.push_back(std::move(e));
        try {
            m_edge_index.insert(EdgeSlot{static_cast<std::uint32_t>(id.bits), static_cast<std::uint32_t>(id.bits >> 32), index});
        } catch (...) {
            m_edges.pop_back();  // never an edge the index does not know
            throw;
        }
        return index;
    }

    // One more statement of the edge at `index`: its place, and its texts if it had none.
    void add_to_edge(std::uint32_t index, const Place& at, const std::string& label = {}, const std::string& description = {},
                     const std::vector<std::pair<std::string, std::string>>& attributes = {}) {
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
        m_edge_index = EdgeIndexSet();
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
    using EdgeIndexSet = absl::flat_hash_set<EdgeSlot, EdgeSlotHash, EdgeSlotEq>;
    EdgeIndexSet m_edge_index;
};

}  // namespace

std::string document_node_id(std::string_view path) { return "doc:" + std::string(path); }

std::string concept_id(std::string normalized) {
    if (normalized.starts_with("doc:")) normalized.replace(3, 1, "\uFF1A");
    return normalized;
}

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
// edge sees the same sequence of statements as if they were merged one by one. The work is
// staged so that no statement waits on memory: the index slot of statement i + 8 is prefetched,
// statement i + 4 is looked up and its edge prefetched, statement i is merged. A statement whose
// edge was not there when it was looked up ahead (new, or made by a statement in between) is
// looked up again when merged; an index found ahead stays right, as edges are only appended.
void merge_edges(Resolver& r, const NoteStatements& note) {
    const std::uint32_t file = note.file;
    const auto& statements = note.statements;
    const std::size_t n = statements.size();
    constexpr std::size_t k_slot_ahead = 8, k_edge_ahead = 4;
    constexpr std::uint32_t k_unknown = std::numeric_limits<std::uint32_t>::max();
    std::array<std::uint32_t, k_edge_ahead> ahead{};  // the index found ahead for statement i, at i % k_edge_ahead
    auto id_of = [&](std::size_t i) { return edge_id(statements[i].from, statements[i].to, statements[i].relation); };
    auto look_ahead = [&](std::size_t i) {
        auto found = r.find_edge(id_of(i));
        ahead[i % k_edge_ahead] = found ? *found : k_unknown;
        if (found) r.prefetch_edge(*found);
    };
    for (std::size_t i = 0; i < std::min(n, k_slot_ahead); ++i) r.prefetch_slot(id_of(i));
    for (std::size_t i = 0; i < std::min(n, k_edge_ahead); ++i) look_ahead(i);
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint32_t known = ahead[i % k_edge_ahead];
        if (i + k_slot_ahead < n) r.prefetch_slot(id_of(i + k_slot_ahead));
        const auto& s = statements[i];
        const std::uint32_t index = known != k_unknown ? known : r.edge_index(id_of(i));
        if (s.fact)
            r.add_to_edge(index, place_in(file, *s.loc), s.fact->label, s.fact->description, s.fact->attributes);
        else
            r.add_to_edge(index, place_in(file, *s.loc));
        if (i + k_edge_ahead < n) look_ahead(i + k_edge_ahead);
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
