// Graph file: BuildResult ⇄ JSON (nlohmann ordered_json, so keys keep a fixed order).
#include "convgraph/graph_file.hpp"

#include "convgraph/cache.hpp"
#include "convgraph/error.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <map>

namespace convgraph {

using Json = nlohmann::ordered_json;

namespace {

Json loc_json(const SourceLoc& loc) {
    Json j;
    j["file"] = loc.path;
    j["line"] = loc.line;
    j["column"] = loc.column;
    return j;
}

SourceLoc loc_from(const Json& j) {
    return SourceLoc{j.at("file").get<std::string>(), j.at("line").get<int>(), j.at("column").get<int>()};
}

template <typename T, typename F>
T parse_enum(const Json& j, F from_string, const char* what) {
    auto s = j.get<std::string>();
    auto v = from_string(s);
    if (!v) throw Error(std::string("graph file: unknown ") + what + " '" + s + "'");
    return *v;
}

Json summary_json(const BuildResult& r) {
    Json summary;
    summary["documents"] = r.documents.size();
    summary["nodes"] = r.graph.node_count();
    summary["edges"] = r.graph.edge_count();
    summary["errors"] = r.count(Severity::error);
    summary["warnings"] = r.count(Severity::warning);
    return summary;
}

Json document_json(const DocumentInfo& d) {
    Json j;
    j["path"] = d.path;
    j["node"] = "doc:" + d.path;
    j["title"] = d.title;
    j["series"] = d.series;
    j["subject"] = d.subject;
    j["bytes"] = d.bytes;
    return j;
}

Json node_json(const Graph& g, const Node& n) {
    Json j;
    j["id"] = n.id;
    j["label"] = n.label;
    j["kind"] = to_string(n.kind);
    Json roles = Json::array();
    for (Role role : n.roles) roles.push_back(to_string(role));
    j["roles"] = std::move(roles);
    if (!n.description.empty()) j["description"] = n.description;
    Json prov = Json::array();
    for (const auto& m : n.provenance) {
        Json p = loc_json(g.location(m.place));
        p["role"] = to_string(m.role);
        prov.push_back(std::move(p));
    }
    j["provenance"] = std::move(prov);
    return j;
}

Json edge_json(const Graph& g, const Edge& e) {
    Json j;
    j["kind"] = to_string(e.relation);
    j["source"] = g.node(e.source).id;
    j["target"] = g.node(e.target).id;
    if (!e.label.empty()) j["label"] = e.label;
    if (!e.description.empty()) j["description"] = e.description;
    if (!e.attributes.empty()) {
        Json attrs = Json::object();
        for (const auto& [k, v] : e.attributes) attrs[k] = v;
        j["attributes"] = std::move(attrs);
    }
    Json prov = Json::array();
    for (const auto& at : e.provenance) prov.push_back(loc_json(g.location(at)));
    j["provenance"] = std::move(prov);
    return j;
}

Json diagnostic_json(const Diagnostic& d) {
    Json j = loc_json(d.loc);
    j["severity"] = to_string(d.severity);
    j["code"] = d.code;
    j["message"] = d.message;
    if (!d.hint.empty()) j["hint"] = d.hint;
    return j;
}

Json graph_to_json(const BuildResult& r) {
    const Graph& g = r.graph;
    Json root;
    root["format"] = "convgraph-graph";
    root["schema_version"] = k_graph_schema_version;
    root["generator"] = std::string("convgraph ") + CONVGRAPH_VERSION;
    root["summary"] = summary_json(r);
    Json docs = Json::array();
    for (const auto& d : r.documents) docs.push_back(document_json(d));
    root["documents"] = std::move(docs);
    Json nodes = Json::array();
    for (const auto& n : g.nodes()) nodes.push_back(node_json(g, n));
    root["nodes"] = std::move(nodes);
    Json edges = Json::array();
    for (const auto& e : g.edges()) edges.push_back(edge_json(g, e));
    root["edges"] = std::move(edges);
    Json diags = Json::array();
    for (const auto& d : r.diagnostics) diags.push_back(diagnostic_json(d));
    root["diagnostics"] = std::move(diags);
    return root;
}

// Appends `j` as dump(2) would print it nested `indent` spaces deep (JSON strings hold no raw
// newline, so every '\n' of the dump starts a line to indent).
void append_nested(std::string& out, const Json& j, int indent) {
    std::string text = j.dump(2, ' ', false, Json::error_handler_t::replace);
    std::size_t start = 0;
    for (std::size_t nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', start)) {
        out.append(text, start, nl + 1 - start);
        out.append(static_cast<std::size_t>(indent), ' ');
        start = nl + 1;
    }
    out.append(text, start, std::string::npos);
}

// Appends `"key": [ … ]` the way dump(2) prints a member array of the root object, one element
// at a time, so the whole graph never exists as one JSON tree.
template <typename Range, typename F>
void append_array(std::string& out, const char* key, const Range& items, F to_json) {
    out += "  \"";
    out += key;
    out += "\": [";
    bool first = true;
    for (const auto& item : items) {
        out += first ? "\n    " : ",\n    ";
        first = false;
        append_nested(out, to_json(item), 4);
    }
    out += first ? "]" : "\n  ]";
}

BuildResult graph_from_json(const Json& root) {
    try {
        if (!root.is_object() || root.value("format", "") != "convgraph-graph")
            throw Error("not a convgraph graph file (missing \"format\": \"convgraph-graph\")");
        int version = root.at("schema_version").get<int>();
        if (version != k_graph_schema_version)
            throw Error("graph file schema version " + std::to_string(version) + " is not supported (expected " +
                        std::to_string(k_graph_schema_version) + "); rebuild it with 'convgraph build'");
        BuildResult r;
        std::vector<std::string> files;
        std::map<std::string, std::uint32_t, std::less<>> file_index;
        auto place = [&](const Json& p) {
            SourceLoc loc = loc_from(p);
            auto it = file_index.find(loc.path);
            if (it == file_index.end()) throw Error("graph file: place in '" + loc.path + "', which is not a document");
            return Place{it->second, loc.line, loc.column};
        };
        for (const auto& j : root.at("documents")) {
            DocumentInfo d;
            d.path = j.at("path").get<std::string>();
            d.title = j.value("title", "");
            d.series = j.value("series", "");
            d.subject = j.value("subject", "");
            d.bytes = j.value("bytes", std::uint64_t{0});
            if (!file_index.emplace(d.path, static_cast<std::uint32_t>(files.size())).second)
                throw Error("graph file: duplicate document '" + d.path + "'");
            files.push_back(d.path);
            r.documents.push_back(std::move(d));
        }
        std::vector<Node> nodes;
        std::map<std::string, NodeIndex> index;
        for (const auto& j : root.at("nodes")) {
            Node n;
            n.id = j.at("id").get<std::string>();
            n.label = j.at("label").get<std::string>();
            n.kind = parse_enum<Role>(j.at("kind"), role_from_string, "node kind");
            for (const auto& role : j.at("roles")) n.roles.push_back(parse_enum<Role>(role, role_from_string, "role"));
            n.description = j.value("description", "");
            for (const auto& p : j.at("provenance"))
                n.provenance.push_back(Mention{place(p), parse_enum<Role>(p.at("role"), role_from_string, "role")});
            if (!index.emplace(n.id, nodes.size()).second) throw Error("graph file: duplicate node id '" + n.id + "'");
            nodes.push_back(std::move(n));
        }
        std::vector<Edge> edges;
        for (const auto& j : root.at("edges")) {
            Edge e;
            e.relation = parse_enum<Relation>(j.at("kind"), relation_from_string, "edge kind");
            auto endpoint = [&](const char* key) {
                auto id = j.at(key).get<std::string>();
                auto it = index.find(id);
                if (it == index.end()) throw Error("graph file: edge " + std::string(key) + " '" + id + "' is not a node");
                return it->second;
            };
            e.source = endpoint("source");
            e.target = endpoint("target");
            e.label = j.value("label", "");
            e.description = j.value("description", "");
            if (j.contains("attributes"))
                for (const auto& [k, v] : j.at("attributes").items()) e.attributes.emplace_back(k, v.get<std::string>());
            for (const auto& p : j.at("provenance")) e.provenance.push_back(place(p));
            edges.push_back(std::move(e));
        }
        if (!std::is_sorted(files.begin(), files.end())) throw Error("graph file: documents are not sorted by path");
        r.graph = Graph(std::move(files), std::move(nodes), std::move(edges));
        for (const auto& j : root.at("diagnostics")) {
            Diagnostic d;
            d.loc = loc_from(j);
            d.severity = parse_enum<Severity>(j.at("severity"), severity_from_string, "severity");
            d.code = j.at("code").get<std::string>();
            d.message = j.at("message").get<std::string>();
            d.hint = j.value("hint", "");
            r.diagnostics.push_back(std::move(d));
        }
        return r;
    } catch (const Json::exception& e) {
        throw Error(std::string("graph file is malformed: ") + e.what());
    }
}

}  // namespace

std::string write_graph_json(const BuildResult& r) {
    // Streams the same bytes as graph_to_json(r).dump(2) + "\n", item by item: building the
    // whole tree first cost most of a build's time and memory on large corpora.
    const Graph& g = r.graph;
    std::string out = "{\n  \"format\": \"convgraph-graph\",\n  \"schema_version\": ";
    out += std::to_string(k_graph_schema_version);
    out += ",\n  \"generator\": ";
    append_nested(out, Json(std::string("convgraph ") + CONVGRAPH_VERSION), 2);
    out += ",\n  \"summary\": ";
    append_nested(out, summary_json(r), 2);
    out += ",\n";
    append_array(out, "documents", r.documents, document_json);
    out += ",\n";
    append_array(out, "nodes", g.nodes(), [&g](const Node& n) { return node_json(g, n); });
    out += ",\n";
    append_array(out, "edges", g.edges(), [&g](const Edge& e) { return edge_json(g, e); });
    out += ",\n";
    append_array(out, "diagnostics", r.diagnostics, diagnostic_json);
    out += "\n}\n";
    return out;
}

BuildResult read_graph_json(std::string_view text) {
    Json root;
    try {
        root = Json::parse(text.begin(), text.end());
    } catch (const Json::parse_error& e) {
        throw Error(std::string("graph file is not valid JSON: ") + e.what());
    }
    return graph_from_json(root);
}

std::string write_graph_cbor(const BuildResult& r, std::string_view json_text) {
    Json root = graph_to_json(r);
    root["json_hash"] = content_hash(json_text);
    std::string out;
    Json::to_cbor(root, out);
    return out;
}

std::optional<BuildResult> read_graph_cbor(std::string_view data, std::string_view json_text) {
    try {
        Json root = Json::from_cbor(data.begin(), data.end());
        if (!root.is_object() || root.value("json_hash", "") != content_hash(json_text)) return std::nullopt;
        return graph_from_json(root);
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

std::filesystem::path graph_cbor_path(const std::filesystem::path& json_path) {
    std::filesystem::path p = json_path;
    if (p.extension() == ".json") return p.replace_extension(".cbor");
    return p += ".cbor";
}

}  // namespace convgraph
