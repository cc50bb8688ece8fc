// Graph binary: BuildResult ⇄ a little-endian, length-prefixed layout read in one pass.
//
//   "CVGRAPH\0"  u32 layout version  u32 graph schema version  u64 JSON size  i64 JSON mtime (ns)
//   u64 documents, then each:   str path, str title, str series, str subject, u64 bytes
//   u64 nodes, then each:       str id, str label, u8 kind, u8 n, n × u8 role, str description,
//                               u32 n, n × (u32 document, u32 line, u32 column, u8 role)
//   u64 edges, then each:       u8 relation, u32 source, u32 target
//   then for each edge:         u64 offset of its details in the block that follows
//   u64 bytes, then each edge's details: str label, str description, u32 n, n × (str key, str value),
//                               u32 n, n × (u32 document, u32 line, u32 column)
//   u64 diagnostics, then each: str file, u32 line, u32 column, u8 severity, str code, str message, str hint
//   u64 aliases, then each:     str normalised alias, u32 node
//   "END\0"
//
// str = u32 byte length + bytes. Nodes and edges are in graph order, so loading needs no lookup
// by id. Every read is bounds-checked: a damaged twin is rejected, never trusted.
//
// An edge's ends come apart from its details so that a query can read the ends of every edge
// (all that a search of the graph looks at) and decode the details of only the few edges it
// prints: a million edges' places are most of the twin.
#include "convgraph/graph_binary.hpp"

#include "convgraph/error.hpp"
#include "convgraph/graph_file.hpp"
#include "convgraph/unicode.hpp"

#include "binary_io.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <tuple>

namespace convgraph {

namespace {

constexpr std::string_view k_magic{"CVGRAPH\0", 8};
constexpr std::string_view k_end{"END\0", 4};
constexpr std::uint32_t k_layout_version = 3;  // 3: aliases

// A BinaryWriter whose buffer goes to a stream each time it passes 1 MiB.
class Writer : public BinaryWriter {
public:
    explicit Writer(std::ostream& out) : BinaryWriter(m_buf), m_out(out) { m_buf.reserve(k_chunk + 4096); }
    void item_done() {
        if (m_buf.size() >= k_chunk) flush();
    }
    void flush() {
        m_out.write(m_buf.data(), static_cast<std::streamsize>(m_buf.size()));
        m_buf.clear();
    }

private:
    static constexpr std::size_t k_chunk = 1 << 20;
    std::string m_buf;
    std::ostream& m_out;
};

using Reader = BinaryReader;
using Corrupt = BinaryCorrupt;

void write_place(Writer& w, const Place& p) { w.u32x3(p.file, p.line, p.column); }

Place read_place(Reader& r, std::size_t files) {
    const auto [file, line, column] = r.u32x3();  // as write_place wrote them
    constexpr auto k_int_max = static_cast<std::uint32_t>(std::numeric_limits<int>::max());
    if (file >= files || line > k_int_max || column > k_int_max) throw Corrupt();
    return Place{file, static_cast<int>(line), static_cast<int>(column)};
}

// An edge's label, description, attributes and places.
void read_details(Reader& r, Edge& e, std::size_t files) {
    e.label = r.str_view();
    e.description = r.str_view();
    std::vector<std::pair<std::string, std::string>> attributes(r.items(r.u32(), 8));
    for (auto& [k, v] : attributes) {
        k = r.str();
        v = r.str();
    }
    e.attributes = EdgeAttributes(attributes);
    e.provenance.resize(r.items(r.u32(), 12));
    for (Place& p : e.provenance) p = read_place(r, files);
}

std::uint64_t offset_of(const TwinEdgeDetails& d, std::size_t i) {
    return Reader(d.offsets.substr(8 * i, 8)).num<std::uint64_t>();
}

// Offsets of a lazily read twin: ascending and inside the block, so each edge's bytes are known.
void check_offsets(const TwinEdgeDetails& d) {
    Reader offsets(d.offsets);
    std::uint64_t previous = 0;
    while (!offsets.at_end()) {
        std::uint64_t o = offsets.num<std::uint64_t>();
        if (o < previous || o > d.details.size()) throw Corrupt();
        previous = o;
    }
}

// The header: magic, versions and the stamp of the JSON file this twin was written beside.
void read_header(Reader& r, const GraphFileStamp& expected) {
    if (r.raw(k_magic.size()) != k_magic) throw Corrupt();
    if (r.u32() != k_layout_version || r.u32() != static_cast<std::uint32_t>(k_graph_schema_version)) throw Corrupt();
    GraphFileStamp stamp;
    stamp.size = r.num<std::uint64_t>();
    stamp.mtime_ns = r.num<std::int64_t>();
    if (!(stamp == expected)) throw Corrupt();
}

// The documents; `bytes_at`, when given, receives where each one's byte count is in the twin.
std::vector<DocumentInfo> read_documents(Reader& r, std::vector<std::size_t>* bytes_at = nullptr) {
    std::vector<DocumentInfo> documents(r.items(r.num<std::uint64_t>(), 24));
    for (DocumentInfo& d : documents) {
        d.path = r.str();
        d.title = r.str();
        d.series = r.str();
        d.subject = r.str();
        if (bytes_at) bytes_at->push_back(r.position());
        d.bytes = r.num<std::uint64_t>();
    }
    return documents;
}

std::vector<Diagnostic> read_diagnostics(Reader& r) {
    std::vector<Diagnostic> diagnostics(r.items(r.num<std::uint64_t>(), 25));
    for (Diagnostic& d : diagnostics) d = get_diagnostic(r);
    return diagnostics;
}

// The aliases (checked against the graph when it is built) and the end mark, which must end the data.
std::vector<std::pair<std::string, NodeIndex>> read_aliases(Reader& r) {
    std::vector<std::pair<std::string, NodeIndex>> aliases(r.items(r.num<std::uint64_t>(), 8));
    for (auto& [alias, v] : aliases) {
        alias = r.str();
        v = r.u32();
    }
    if (r.raw(k_end.size()) != k_end || !r.at_end()) throw Corrupt();
    return aliases;
}

BuildResult read(std::string_view data, const GraphFileStamp& expected, TwinEdgeDetails* lazy) {
    Reader r(data);
    read_header(r, expected);
    BuildResult out;
    out.documents = read_documents(r);
    std::vector<std::string> files;
    files.reserve(out.documents.size());
    for (const DocumentInfo& d : out.documents) files.push_back(d.path);
    if (!std::is_sorted(files.begin(), files.end())) throw Corrupt();

    std::vector<Node> nodes(r.items(r.num<std::uint64_t>(), 14));
    for (Node& node : nodes) {
        node.id = r.str();
        node.label = r.str();
        node.kind = enum_at(r.u8(), k_all_roles);
        node.roles.resize(r.u8());
        for (Role& role : node.roles) role = enum_at(r.u8(), k_all_roles);
        node.description = r.str();
        node.provenance.resize(r.items(r.u32(), 13));
        for (Mention& m : node.provenance) {
            m.place = read_place(r, files.size());
            m.role = enum_at(r.u8(), k_all_roles);
        }
    }

    // In graph order, as written: the Graph keeps them where they are, so the edges' details
    // and the aliases, which go by position, stay with their nodes and edges.
    for (std::size_t i = 1; i < nodes.size(); ++i)
        if (!(nodes[i - 1].id < nodes[i].id)) throw Corrupt();

    Edges edges(r.items(r.num<std::uint64_t>(), 9 + 8 + 16));
    const Edge* previous = nullptr;
    for (Edge& e : edges) {
        e.relation = enum_at(r.u8(), k_all_relations);
        e.source = r.u32();
        e.target = r.u32();
        if (e.source >= nodes.size() || e.target >= nodes.size()) throw Corrupt();
        if (previous && !(std::tie(previous->source, previous->target, previous->relation) <
                          std::tie(e.source, e.target, e.relation)))
            throw Corrupt();
        previous = &e;
    }
    TwinEdgeDetails details;
    details.offsets = r.raw(8 * edges.size());
    details.details = r.raw(r.num<std::uint64_t>());
    if (lazy) {
        check_offsets(details);
        *lazy = details;
    } else {
        Reader block(details.details);
        Reader offsets(details.offsets);
        for (Edge& e : edges) {
            if (offsets.num<std::uint64_t>() != block.position()) throw Corrupt();
            read_details(block, e, files.size());
        }
        if (!block.at_end()) throw Corrupt();
    }

    out.diagnostics = read_diagnostics(r);
    auto aliases = read_aliases(r);
    out.graph = Graph(std::move(files), std::move(nodes), std::move(edges));
    try {
        out.graph.set_aliases(std::move(aliases));
    } catch (const Error&) {
        throw Corrupt();
    }
    return out;
}

// The bytes the details of `e` take in the twin (as the loop in write_graph_binary writes them).
std::uint64_t details_size(const Edge& e) {
    std::uint64_t n = 4 + e.label.size() + 4 + e.description.size() + 4 + 4 + 12 * std::uint64_t{e.provenance.size()};
    for (const auto& [k, v] : e.attributes.items()) n += 4 + k.size() + 4 + v.size();
    return n;
}

}  // namespace

GraphFileStamp stamp_of(const FileStat& stat) { return GraphFileStamp{stat.size, stat.mtime_ns}; }

std::optional<GraphFileStamp> graph_file_stamp(const std::filesystem::path& path) {
    const auto stat = stat_file(path);
    if (!stat) return std::nullopt;
    return stamp_of(*stat);
}

void write_graph_binary(const BuildResult& result, const GraphFileStamp& stamp, std::ostream& out) {
    // A note's path is a file name, the one text in a graph that may not be UTF-8 (the notes'
    // text is repaired when read). The graph file writes it repaired (U+FFFD), and so does the
    // twin, so a query reads the same whichever it loads.
    auto path_text = [](std::string_view s) { return repair_utf8(s); };
    const Graph& g = result.graph;
    Writer w(out);
    w.raw(k_magic);
    w.num<std::uint32_t>(k_layout_version);
    w.num<std::uint32_t>(static_cast<std::uint32_t>(k_graph_schema_version));
    w.num<std::uint64_t>(stamp.size);
    w.num<std::int64_t>(stamp.mtime_ns);
    w.num<std::uint64_t>(result.documents.size());
    for (const auto& d : result.documents) {
        w.str(path_text(d.path));
        w.str(d.title);
        w.str(d.series);
        w.str(d.subject);
        w.num<std::uint64_t>(d.bytes);
    }
    w.num<std::uint64_t>(g.node_count());
    for (const Node& n : g.nodes()) {
        if (n.kind == Role::document) {  // "doc:" + path; labelled with the path when untitled
            w.str(path_text(n.id));
            w.str(path_text(n.label));
        } else {
            w.str(n.id);
            w.str(n.label);
        }
        w.u8(static_cast<unsigned>(n.kind));
        w.u8(static_cast<unsigned>(n.roles.size()));
        for (Role role : n.roles) w.u8(static_cast<unsigned>(role));
        w.str(n.description);
        w.u32(n.provenance.size());
        for (const Mention& m : n.provenance) {
            write_place(w, m.place);
            w.u8(static_cast<unsigned>(m.role));
        }
        w.item_done();
    }
    w.num<std::uint64_t>(g.edge_count());
    for (const Edge& e : g.edges()) {
        w.u8(static_cast<unsigned>(e.relation));
        w.u32(e.source);
        w.u32(e.target);
        w.item_done();
    }
    std::uint64_t offset = 0;
    for (const Edge& e : g.edges()) {
        w.num<std::uint64_t>(offset);
        offset += details_size(e);
        w.item_done();
    }
    w.num<std::uint64_t>(offset);
    for (const Edge& e : g.edges()) {
        w.str(e.label);
        w.str(e.description);
        const auto attributes = e.attributes.items();
        w.u32(attributes.size());
        for (const auto& [k, v] : attributes) {
            w.str(k);
            w.str(v);
        }
        w.u32(e.provenance.size());
        for (const Place& p : e.provenance) write_place(w, p);
        w.item_done();
    }
    w.num<std::uint64_t>(result.diagnostics.size());
    for (const Diagnostic& d : result.diagnostics) {
        Diagnostic shown = d;
        shown.loc.path = path_text(d.loc.path);
        put_diagnostic(w, shown);
        w.item_done();
    }
    w.num<std::uint64_t>(g.aliases().size());
    for (const auto& [alias, v] : g.aliases()) {
        w.str(alias);
        w.u32(v);
        w.item_done();
    }
    w.raw(k_end);
    w.flush();
}

void restamp_graph_binary(std::ostream& out, const GraphFileStamp& stamp) {
    std::string header;
    BinaryWriter w(header);
    w.num<std::uint64_t>(stamp.size);
    w.num<std::int64_t>(stamp.mtime_ns);
    auto end = out.tellp();
    out.seekp(static_cast<std::streamoff>(k_magic.size() + 8));  // after the magic and two u32 versions
    out << header;
    out.seekp(end);
}

std::optional<BuildResult> read_graph_binary(std::string_view data, const GraphFileStamp& expected,
                                             TwinEdgeDetails* lazy) {
    try {
        return read(data, expected, lazy);
    } catch (const std::exception&) {
        return std::nullopt;  // Corrupt, or bad_alloc from a count that passed the checks
    }
}

std::optional<TwinSummary> read_twin_summary(std::string_view data, const GraphFileStamp& expected) {
    try {
        Reader r(data);
        read_header(r, expected);
        TwinSummary out;
        out.documents = read_documents(r, &out.bytes_at);
        out.nodes = r.items(r.num<std::uint64_t>(), 14);
        for (std::size_t i = 0; i < out.nodes; ++i) {  // id, label, kind, roles, description, places
            r.raw(r.u32());
            r.raw(r.u32());
            r.u8();
            r.raw(r.u8());
            r.raw(r.u32());
            r.raw(13 * std::size_t{r.u32()});
        }
        out.edges = r.items(r.num<std::uint64_t>(), 9 + 8 + 16);
        r.raw(out.edges * (9 + 8));
        r.raw(r.num<std::uint64_t>());
        out.diagnostics = read_diagnostics(r);
        read_aliases(r);
        return out;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

std::vector<FilePiece> twin_with_bytes(std::string_view data, const TwinSummary& summary,
                                       const std::vector<std::pair<std::size_t, std::uint64_t>>& bytes,
                                       const GraphFileStamp& stamp) {
    constexpr std::size_t k_stamp_at = k_magic.size() + 8;  // after the magic and two u32 versions
    if (data.size() < k_stamp_at + 16) throw std::logic_error("twin_with_bytes: not a twin");
    std::vector<FilePiece> pieces;
    pieces.push_back(FilePiece{0, k_stamp_at, {}});
    FilePiece header;
    BinaryWriter w(header.text);
    w.num<std::uint64_t>(stamp.size);
    w.num<std::int64_t>(stamp.mtime_ns);
    pieces.push_back(std::move(header));
    std::size_t pos = k_stamp_at + 16;
    for (const auto& [doc, n] : bytes) {
        const std::size_t at = summary.bytes_at.at(doc);
        if (at < pos || at + 8 > data.size()) throw std::logic_error("twin_with_bytes: documents out of order");
        if (at > pos) pieces.push_back(FilePiece{pos, at - pos, {}});
        FilePiece value;
        BinaryWriter(value.text).num<std::uint64_t>(n);
        pieces.push_back(std::move(value));
        pos = at + 8;
    }
    if (data.size() > pos) pieces.push_back(FilePiece{pos, data.size() - pos, {}});
    return pieces;
}

bool read_edge_details(const TwinEdgeDetails& details, Graph& graph, std::span<const EdgeIndex> edges) {
    const std::size_t n = details.offsets.size() / 8;
    if (n != graph.edge_count()) return false;
    std::vector<Edge> decoded(edges.size());
    try {
        for (std::size_t k = 0; k < edges.size(); ++k) {
            const EdgeIndex i = edges[k];
            if (i >= n) return false;
            const std::uint64_t begin = offset_of(details, i);
            const std::uint64_t end = i + 1 < n ? offset_of(details, i + 1) : details.details.size();
            if (begin > end || end > details.details.size()) throw Corrupt();
            Reader r(details.details.substr(begin, end - begin));
            read_details(r, decoded[k], graph.files().size());
            if (!r.at_end()) throw Corrupt();
        }
    } catch (const std::exception&) {
        return false;
    }
    for (std::size_t k = 0; k < edges.size(); ++k) graph.set_edge_details(edges[k], std::move(decoded[k]));
    return true;
}

std::filesystem::path graph_binary_path(const std::filesystem::path& json_path) {
    std::filesystem::path p = json_path;
    if (p.extension() == ".json") return p.replace_extension(".bin");
    return p += ".bin";
}

}  // namespace convgraph
