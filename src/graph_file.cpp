// Graph file: BuildResult ⇄ JSON, schema 2 — one item per line, places as [document, line, column].
#include "convgraph/graph_file.hpp"

#include "convgraph/error.hpp"
#include "convgraph/unicode.hpp"

#include "ordered_blocks.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <string>
#include <vector>
#include <unordered_map>

namespace convgraph {

using Json = nlohmann::ordered_json;  // keeps attribute order as written

namespace {

// ---- writing ----------------------------------------------------------------------------------
//
// The file is written item by item into a buffer that is flushed to the output stream as it
// fills, so a graph of a million edges never exists as a JSON tree or as one string. Strings go
// through json_string(), below: nlohmann has no public way to escape a string without first
// building a json value holding a copy of it, which cost a fifth of a large build.

// Appends `s` as a JSON string literal: quotes, backslashes and control characters escaped,
// UTF-8 kept as is, an invalid UTF-8 sequence replaced by U+FFFD (as nlohmann's
// error_handler_t::replace does), so the output is always valid JSON and valid UTF-8.
void json_string(std::string& out, std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    std::size_t run = 0;  // start of the bytes not yet copied
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x80) {
            // One pass: validate as we go. Valid sequences are copied, each invalid byte replaced.
            if (const std::size_t n = utf8_sequence_length(s, i)) {
                i += n;
                continue;
            }
            out.append(s, run, i - run);
            out += "\xEF\xBF\xBD";
            run = ++i;
            continue;
        }
        if (c >= 0x20 && c != '"' && c != '\\') {
            ++i;
            continue;
        }
        out.append(s, run, i - run);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 0xF];
        }
        run = ++i;
    }
    out.append(s, run, std::string_view::npos);
    out += '"';
}

// `"key": ` then the string.
void member(std::string& out, std::string_view key, std::string_view value, bool first = false) {
    if (!first) out += ", ";
    out += '"';
    out += key;
    out += "\": ";
    json_string(out, value);
}

void member(std::string& out, std::string_view key, std::uint64_t value, bool first = false) {
    if (!first) out += ", ";
    out += '"';
    out += key;
    out += "\": ";
    out += std::to_string(value);
}

// `[file, line, column` (", " first unless `first`), in one append: it runs for every place of
// every node and edge, millions of times, and six appends cost more than the digits.
void place(std::string& out, const Place& p, bool first) {
    char buf[80];  // room for ", [" and three 20-character numbers with their separators
    auto digits = [](char* at, std::int64_t v) { return std::to_chars(at, at + 20, v).ptr; };
    char* end = buf;
    if (!first) {
        *end++ = ',';
        *end++ = ' ';
    }
    *end++ = '[';
    end = digits(end, p.file);
    *end++ = ',';
    *end++ = ' ';
    end = digits(end, p.line);
    *end++ = ',';
    *end++ = ' ';
    end = digits(end, p.column);
    out.append(buf, end);
}

void document_line(std::string& out, const DocumentInfo& d) {
    out += '{';
    member(out, "path", d.path, true);
    member(out, "node", "doc:" + d.path);
    member(out, "title", d.title);
    member(out, "series", d.series);
    member(out, "subject", d.subject);
    member(out, "bytes", d.bytes);
    out += '}';
}

void node_line(std::string& out, const Node& n) {
    out += '{';
    member(out, "id", n.id, true);
    member(out, "label", n.label);
    member(out, "kind", to_string(n.kind));
    out += ", \"roles\": [";
    for (std::size_t i = 0; i < n.roles.size(); ++i) {
        if (i) out += ", ";
        json_string(out, to_string(n.roles[i]));
    }
    out += ']';
    if (!n.description.empty()) member(out, "description", n.description);
    // `, "<role>"]` for each role, made once: a popular concept has thousands of places.
    static const auto role_tails = [] {
        std::array<std::string, k_all_roles.size()> t;
        for (Role r : k_all_roles) {
            std::string& tail = t[static_cast<std::size_t>(r)];
            json_string(tail.append(", "), to_string(r));
            tail += ']';
        }
        return t;
    }();
    out += ", \"at\": [";
    for (std::size_t i = 0; i < n.provenance.size(); ++i) {
        place(out, n.provenance[i].place, i == 0);
        out += role_tails[static_cast<std::size_t>(n.provenance[i].role)];
    }
    out += "]}";
}

// `quoted_ids[i]` is node i's id as a JSON string: escaped once, not once per edge end.
void edge_line(std::string& out, const std::vector<std::string>& quoted_ids, const Edge& e) {
    // `{"kind": "<relation>", "source": ` for each relation, made once: relation names need no
    // escaping, and one append of the whole head is cheaper than five.
    static const auto heads = [] {
        std::array<std::string, k_all_relations.size()> h;
        for (Relation r : k_all_relations) {
            std::string& head = h[static_cast<std::size_t>(r)];
            member(head.append("{"), "kind", to_string(r), true);
            head += ", \"source\": ";
        }
        return h;
    }();
    out += heads[static_cast<std::size_t>(e.relation)];
    out += quoted_ids[e.source];
    out += ", \"target\": ";
    out += quoted_ids[e.target];
    if (!e.label.empty()) member(out, "label", e.label);
    if (!e.description.empty()) member(out, "description", e.description);
    if (!e.attributes.empty()) {
        out += ", \"attributes\": {";
        const auto attributes = e.attributes.items();
        for (std::size_t i = 0; i < attributes.size(); ++i) member(out, attributes[i].first, attributes[i].second, i == 0);
        out += '}';
    }
    out += ", \"at\": [";
    for (std::size_t i = 0; i < e.provenance.size(); ++i) {
        place(out, e.provenance[i], i == 0);
        out += ']';
    }
    out += "]}";
}

void diagnostic_line(std::string& out, const Diagnostic& d) {
    out += '{';
    member(out, "file", d.loc.path, true);
    member(out, "line", static_cast<std::uint64_t>(std::max(d.loc.line, 0)));
    member(out, "column", static_cast<std::uint64_t>(std::max(d.loc.column, 0)));
    member(out, "severity", to_string(d.severity));
    member(out, "code", d.code);
    member(out, "message", d.message);
    if (!d.hint.empty()) member(out, "hint", d.hint);
    out += '}';
}

// Writes the file through `flush`, called with each full buffer (or formatted block) and once at
// the end. Nodes and edges — nearly all of the bytes — are formatted in blocks on `threads`
// threads and flushed in order (ordered_blocks.hpp): the same bytes on any number of threads.
template <typename Flush>
void write_graph(const BuildResult& r, unsigned threads, Flush flush) {
    constexpr std::size_t k_buffer = 1 << 20;
    constexpr std::size_t k_block = 4096;  // items per block: about 0.7 MB of edges
    std::string out;
    out.reserve(k_buffer + 4096);
    auto maybe_flush = [&] {
        if (out.size() >= k_buffer) {
            flush(out);
            out.clear();
        }
    };
    // One item per line: "\n    item" for the first, ",\n    item" for the others.
    auto array = [&](std::string_view key, const auto& items, auto&& line) {
        out += "  \"";
        out += key;
        out += "\": [";
        format_in_order(
            items.size(), k_block, threads,
            [&items, &line](std::size_t begin, std::size_t end, std::string& text) {
                for (std::size_t i = begin; i < end; ++i) {
                    text += i == 0 ? "\n    " : ",\n    ";
                    line(text, items[i]);
                }
            },
            [&](const std::string& text) {
                if (!out.empty()) {
                    flush(out);
                    out.clear();
                }
                flush(text);
            });
        out += items.empty() ? "]" : "\n  ]";
        maybe_flush();
    };
    const Graph& g = r.graph;
    out += "{\n  \"format\": \"convgraph-graph\",\n  \"schema_version\": ";
    out += std::to_string(k_graph_schema_version);
    out += ",\n  \"generator\": ";
    json_string(out, std::string("convgraph ") + CONVGRAPH_VERSION);
    out += ",\n  \"summary\": {";
    member(out, "documents", r.documents.size(), true);
    member(out, "nodes", g.node_count());
    member(out, "edges", g.edge_count());
    member(out, "errors", r.count(Severity::error));
    member(out, "warnings", r.count(Severity::warning));
    out += "},\n";
    if (!g.aliases().empty()) {
        out += "  \"aliases\": {";
        for (std::size_t i = 0; i < g.aliases().size(); ++i) {
            const auto& [alias, v] = g.aliases()[i];
            out += i == 0 ? "\n    " : ",\n    ";
            json_string(out, alias);
            out += ": ";
            json_string(out, g.node(v).id);
        }
        out += "\n  },\n";
    }
    array("documents", r.documents, document_line);
    out += ",\n";
    array("nodes", g.nodes(), node_line);
    out += ",\n";
    std::vector<std::string> quoted_ids(g.node_count());
    for (NodeIndex i = 0; i < g.node_count(); ++i) json_string(quoted_ids[i], g.node(i).id);
    array("edges", g.edges(), [&quoted_ids](std::string& o, const Edge& e) { edge_line(o, quoted_ids, e); });
    out += ",\n";
    array("diagnostics", r.diagnostics, diagnostic_line);
    out += "\n}\n";
    flush(out);
}

// ---- reading ----------------------------------------------------------------------------------
//
// nlohmann's parser with a callback: each element of the top-level arrays is handed over as a
// small tree as soon as it is parsed, turned into a Node, Edge, … and dropped, so reading never
// holds the whole file as a tree either.

template <typename T, typename F>
T parse_enum(const Json& j, F from_string, const char* what) {
    auto s = j.get<std::string>();
    auto v = from_string(s);
    if (!v) throw Error(std::string("graph file: unknown ") + what + " '" + s + "'");
    return *v;
}

int non_negative(const Json& j, const char* what) {
    auto v = j.get<std::int64_t>();
    if (v < 0 || v > INT32_MAX) throw Error(std::string("graph file: ") + what + " out of range");
    return static_cast<int>(v);
}

// [document, line, column] (edges) or [document, line, column, role] (nodes); the document
// index is checked against the documents once all are read.
Place place_from(const Json& j, std::size_t size, const char* shape) {
    if (!j.is_array() || j.size() != size) throw Error(std::string("graph file: a place is not ") + shape);
    return Place{static_cast<std::uint32_t>(non_negative(j[0], "document index")), non_negative(j[1], "line"),
                 non_negative(j[2], "column")};
}

struct PendingEdge {
    Edge edge;
    std::string source, target;
};

class Reader {
public:
    // Called by the parser for every event; returns whether to keep the value in the tree.
    bool event(int depth, Json::parse_event_t e, Json& parsed) {
        using E = Json::parse_event_t;
        if (depth == 1 && e == E::key) m_key = parsed.get<std::string>();
        if (depth == 1 && e == E::value) {
            // The header comes before the arrays: a file of another kind or schema is refused
            // before its differently shaped items are looked at.
            if (m_key == "format" && parsed != "convgraph-graph")
                throw Error("not a convgraph graph file (missing \"format\": \"convgraph-graph\")");
            if (m_key == "schema_version") check_version(parsed);
        }
        if (depth == 2 && (e == E::object_end || e == E::array_end)) {
            if (m_key == "documents") document(parsed);
            else if (m_key == "nodes") node(parsed);
            else if (m_key == "edges") edge(parsed);
            else if (m_key == "diagnostics") diagnostic(parsed);
            else return true;
            return false;
        }
        return true;
    }

    BuildResult finish(const Json& root) {
        if (!root.is_object() || root.value("format", "") != "convgraph-graph")
            throw Error("not a convgraph graph file (missing \"format\": \"convgraph-graph\")");
        check_version(root.contains("schema_version") ? root.at("schema_version") : Json());
        for (const char* key : {"documents", "nodes", "edges", "diagnostics"})
            if (!root.contains(key)) throw Error(std::string("graph file: no \"") + key + "\" array");
        if (!std::is_sorted(m_files.begin(), m_files.end())) throw Error("graph file: documents are not sorted by path");
        std::unordered_map<std::string_view, NodeIndex> index;
        index.reserve(m_nodes.size());
        for (NodeIndex i = 0; i < m_nodes.size(); ++i)
            if (!index.emplace(m_nodes[i].id, i).second) throw Error("graph file: duplicate node id '" + m_nodes[i].id + "'");
        for (const auto& n : m_nodes)
            for (const auto& m : n.provenance) check_place(m.place);
        Edges edges;
        for (auto& p : m_edges) {
            auto endpoint = [&](const std::string& id, const char* which) {
                auto it = index.find(id);
                if (it == index.end()) throw Error("graph file: edge " + std::string(which) + " '" + id + "' is not a node");
                return it->second;
            };
            p.edge.source = endpoint(p.source, "source");
            p.edge.target = endpoint(p.target, "target");
            for (const auto& at : p.edge.provenance) check_place(at);
            edges.push_back(std::move(p.edge));
        }
        m_edges.clear();
        m_result.graph = Graph(std::move(m_files), std::move(m_nodes), std::move(edges));
        if (root.contains("aliases")) {
            const Json& aliases = root.at("aliases");
            if (!aliases.is_object()) throw Error("graph file: \"aliases\" is not an object");
            std::vector<std::pair<std::string, NodeIndex>> found;
            for (const auto& [alias, target] : aliases.items()) {
                if (!target.is_string()) throw Error("graph file: alias '" + alias + "' does not name a node id");
                auto v = m_result.graph.find(target.get<std::string>());
                if (!v) throw Error("graph file: alias '" + alias + "' names '" + target.get<std::string>() + "', which is not a node");
                found.emplace_back(alias, *v);
            }
            std::sort(found.begin(), found.end());
            m_result.graph.set_aliases(std::move(found));
        }
        return std::move(m_result);
    }

    // The version is checked as soon as it is seen, so an old file fails with the version
    // message, not with whatever its differently shaped items trip over first.
    static void check_version(const Json& value) {
        if (!value.is_number_integer()) throw Error("graph file has no integer schema_version");
        int version = value.get<int>();
        if (version != k_graph_schema_version)
            throw Error("graph file schema version " + std::to_string(version) + " is not supported (expected " +
                        std::to_string(k_graph_schema_version) + "); rebuild it with 'convgraph build'");
    }

private:
    void check_place(const Place& p) const {
        if (p.file >= m_files.size())
            throw Error("graph file: a place names document " + std::to_string(p.file) + ", which does not exist");
    }

    void document(const Json& j) {
        DocumentInfo d;
        d.path = j.at("path").get<std::string>();
        d.title = j.value("title", "");
        d.series = j.value("series", "");
        d.subject = j.value("subject", "");
        d.bytes = j.value("bytes", std::uint64_t{0});
        m_files.push_back(d.path);
        m_result.documents.push_back(std::move(d));
    }

    void node(const Json& j) {
        Node n;
        n.id = j.at("id").get<std::string>();
        n.label = j.at("label").get<std::string>();
        n.kind = parse_enum<Role>(j.at("kind"), role_from_string, "node kind");
        for (const auto& role : j.at("roles")) n.roles.push_back(parse_enum<Role>(role, role_from_string, "role"));
        n.description = j.value("description", "");
        const Json& at = j.at("at");
        n.provenance.reserve(at.size());
        for (const auto& p : at) {
            n.provenance.push_back(Mention{place_from(p, 4, "[document, line, column, role]"),
                                           parse_enum<Role>(p[3], role_from_string, "role")});
        }
        m_nodes.push_back(std::move(n));
    }

    void edge(const Json& j) {
        PendingEdge p;
        p.edge.relation = parse_enum<Relation>(j.at("kind"), relation_from_string, "edge kind");
        p.source = j.at("source").get<std::string>();
        p.target = j.at("target").get<std::string>();
        p.edge.label = j.value("label", "");
        p.edge.description = j.value("description", "");
        if (j.contains("attributes")) {
            std::vector<std::pair<std::string, std::string>> attributes;
            for (const auto& [k, v] : j.at("attributes").items()) attributes.emplace_back(k, v.get<std::string>());
            p.edge.attributes = EdgeAttributes(attributes);
        }
        const Json& at = j.at("at");
        p.edge.provenance.reserve(at.size());
        for (const auto& x : at) p.edge.provenance.push_back(place_from(x, 3, "[document, line, column]"));
        m_edges.push_back(std::move(p));
    }

    void diagnostic(const Json& j) {
        Diagnostic d;
        d.loc = SourceLoc{j.at("file").get<std::string>(), non_negative(j.at("line"), "line"),
                          non_negative(j.at("column"), "column")};
        d.severity = parse_enum<Severity>(j.at("severity"), severity_from_string, "severity");
        d.code = j.at("code").get<std::string>();
        d.message = j.at("message").get<std::string>();
        d.hint = j.value("hint", "");
        m_result.diagnostics.push_back(std::move(d));
    }

    std::string m_key;
    BuildResult m_result;
    std::vector<std::string> m_files;
    std::vector<Node> m_nodes;
    std::vector<PendingEdge> m_edges;
};

}  // namespace

std::string write_graph_json(const BuildResult& r, unsigned threads) {
    std::string text;
    write_graph(r, threads, [&text](const std::string& chunk) { text += chunk; });
    return text;
}

std::optional<std::vector<FilePiece>> graph_json_with_documents(
    std::string_view old_text, const std::vector<DocumentInfo>& old_documents,
    const std::vector<std::pair<std::size_t, DocumentInfo>>& changes) {
    // The documents are the first array: one per line, each line "    {…}" then "," or not.
    constexpr std::string_view k_head = ",\n  \"documents\": [\n";
    const std::size_t head = old_text.find(k_head);
    if (head == std::string_view::npos) return std::nullopt;
    std::vector<FilePiece> pieces;
    std::size_t pos = 0;  // of the old file, copied up to here
    std::size_t line = head + k_head.size();
    std::size_t index = 0;
    std::size_t first_allowed = 0;  // changes come in document order, one per document
    for (const auto& [doc, info] : changes) {
        if (doc >= old_documents.size() || doc < first_allowed) return std::nullopt;
        first_allowed = doc + 1;
        for (; index < doc; ++index) {
            line = old_text.find('\n', line);
            if (line == std::string_view::npos) return std::nullopt;
            ++line;
        }
        std::string expected = "    ";
        document_line(expected, old_documents[doc]);
        if (old_text.substr(line, expected.size()) != expected) return std::nullopt;
        const std::size_t after = line + expected.size();
        if (after >= old_text.size() || (old_text[after] != ',' && old_text[after] != '\n')) return std::nullopt;
        pieces.push_back(FilePiece{pos, line + 4 - pos, {}});
        FilePiece replaced;
        document_line(replaced.text, info);
        pieces.push_back(std::move(replaced));
        pos = after;
    }
    pieces.push_back(FilePiece{pos, old_text.size() - pos, {}});
    std::erase_if(pieces, [](const FilePiece& p) { return p.text.empty() && p.size == 0; });
    return pieces;
}

void write_graph_json(const BuildResult& r, std::ostream& out, unsigned threads) {
    write_graph(r, threads, [&out](const std::string& chunk) { out.write(chunk.data(), static_cast<std::streamsize>(chunk.size())); });
}

BuildResult read_graph_json(std::string_view text) {
    Reader reader;
    Json root;
    try {
        root = Json::parse(text.begin(), text.end(),
                           [&reader](int depth, Json::parse_event_t e, Json& parsed) { return reader.event(depth, e, parsed); });
    } catch (const Json::parse_error& e) {
        throw Error(std::string("graph file is not valid JSON: ") + e.what());
    } catch (const Json::exception& e) {
        throw Error(std::string("graph file is malformed: ") + e.what());
    }
    try {
        return reader.finish(root);
    } catch (const Json::exception& e) {
        throw Error(std::string("graph file is malformed: ") + e.what());
    }
}

}  // namespace convgraph
