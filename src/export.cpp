// Export: the format table, the shared selection logic and the writers' text helpers.
#include "convgraph/export.hpp"

#include "convgraph/error.hpp"
#include "convgraph/query.hpp"
#include "convgraph/unicode.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <deque>

namespace convgraph {

namespace {

bool contains(const std::vector<Role>& v, Role r) { return std::find(v.begin(), v.end(), r) != v.end(); }
bool contains(const std::vector<Relation>& v, Relation r) { return std::find(v.begin(), v.end(), r) != v.end(); }

// The corpus-relative path of the note `file` names (resolve_document: the same forms as
// `query --doc`).
std::string resolve_doc(const Graph& g, std::string_view file) {
    NameResolution res = resolve_document(g, file);
    if (res.status == NameResolution::Status::found) return g.node(res.node).id.substr(4);
    std::string list;
    for (NodeIndex v : res.candidates) list += (list.empty() ? "'" : ", '") + g.node(v).id.substr(4) + "'";
    if (res.status == NameResolution::Status::ambiguous)
        throw Error("--doc '" + std::string(file) + "' is ambiguous; it matches " + list);
    throw Error("--doc '" + std::string(file) + "': no note with that path in the graph" +
                (list.empty() ? "" : "; did you mean " + list + "?"));
}

NodeIndex resolve_centre(const Graph& g, const std::string& name, bool with_documents) {
    NameResolution res = resolve_name(g, name, with_documents);
    if (res.status == NameResolution::Status::found) return res.node;
    std::string list;
    for (NodeIndex v : res.candidates) list += (list.empty() ? "'" : ", '") + g.node(v).label + "'";
    if (res.status == NameResolution::Status::ambiguous)
        throw Error("--around '" + name + "' is ambiguous; it matches " + list);
    throw Error("--around: no concept named '" + name + "'" + (list.empty() ? "" : "; did you mean " + list + "?"));
}

}  // namespace

std::size_t ExportSelection::node_count() const { return static_cast<std::size_t>(std::count(node.begin(), node.end(), true)); }
std::size_t ExportSelection::edge_count() const { return static_cast<std::size_t>(std::count(edge.begin(), edge.end(), true)); }

ExportSelection select_for_export(const Graph& g, const ExportOptions& options) {
    bool documents = options.with_documents || contains(options.kinds, Role::document) ||
                     contains(options.relations, Relation::links_to) || contains(options.relations, Relation::mentions);
    if (options.depth < 0) throw Error("--depth must be 0 or more");
    ExportSelection sel;
    sel.node.assign(g.node_count(), false);
    sel.edge.assign(g.edge_count(), false);

    std::string doc_path;
    if (options.doc) doc_path = resolve_doc(g, *options.doc);
    for (NodeIndex v = 0; v < g.node_count(); ++v) {
        const Node& n = g.node(v);
        bool keep = documents || n.kind != Role::document;
        if (keep && !options.kinds.empty()) keep = contains(options.kinds, n.kind);
        if (keep && options.doc)
            keep = std::any_of(n.provenance.begin(), n.provenance.end(),
                               [&](const Mention& m) { return g.file(m.place) == doc_path; });
        sel.node[v] = keep;
    }
    auto edge_ok = [&](EdgeIndex e) {
        const Edge& edge = g.edge(e);
        return (options.relations.empty() || contains(options.relations, edge.relation)) && sel.node[edge.source] &&
               sel.node[edge.target];
    };

    std::optional<NodeIndex> centre;
    if (options.around) {
        centre = resolve_centre(g, *options.around, documents);
        sel.node[*centre] = true;  // the centre is shown even when a filter would hide it
        // Breadth-first over kept edges in both directions, up to `depth` edges away.
        std::vector<int> dist(g.node_count(), -1);
        dist[*centre] = 0;
        std::deque<NodeIndex> queue{*centre};
        while (!queue.empty()) {
            NodeIndex v = queue.front();
            queue.pop_front();
            if (dist[v] >= options.depth) continue;
            auto visit = [&](EdgeIndex e, NodeIndex w) {
                if (!edge_ok(e) || dist[w] >= 0) return;
                dist[w] = dist[v] + 1;
                queue.push_back(w);
            };
            for (EdgeIndex e : g.out_edges(v)) visit(e, g.edge(e).target);
            for (EdgeIndex e : g.in_edges(v)) visit(e, g.edge(e).source);
        }
        for (NodeIndex v = 0; v < g.node_count(); ++v) sel.node[v] = dist[v] >= 0;
    }
    for (EdgeIndex e = 0; e < g.edge_count(); ++e) sel.edge[e] = edge_ok(e);

    if (!options.relations.empty()) {
        std::vector<bool> touched(g.node_count(), false);
        for (EdgeIndex e = 0; e < g.edge_count(); ++e)
            if (sel.edge[e]) touched[g.edge(e).source] = touched[g.edge(e).target] = true;
        for (NodeIndex v = 0; v < g.node_count(); ++v)
            if (!touched[v] && v != centre) sel.node[v] = false;
    }
    return sel;
}

namespace {

std::vector<ExportFile> single(std::string text) { return {ExportFile{"", std::move(text)}}; }

}  // namespace

std::span<const ExportFormat> export_formats() {
    using G = const Graph&;
    using S = const ExportSelection&;
    using O = const ExportOptions&;
    static const std::array<ExportFormat, 10> formats{{
        {"graphml", ".graphml", "GraphML for Gephi, networkx, igraph, yEd (labels, kinds, colours, sizes)",
         [](G g, S s, O o) { return single(write_graphml(g, s, o)); }},
        {"gexf", ".gexf", "GEXF 1.3, Gephi's own format (colours, sizes, the relation as edge kind); --gexf-version 1.2",
         [](G g, S s, O o) { return single(write_gexf(g, s, o)); }},
        {"json", ".json", "node-link JSON for networkx node_link_graph and D3 (both 'links' and 'edges' keys)",
         [](G g, S s, O o) { return single(write_node_link_json(g, s, o)); }},
        {"dot", ".dot", "Graphviz DOT (colour and shape per kind; --cluster none|document|kind)",
         [](G g, S s, O o) { return single(write_dot(g, s, o)); }},
        {"svg", ".svg", "a picture rendered by Graphviz, coloured by kind, with a legend (--layout, --cluster)",
         [](G g, S s, O o) { return single(render_graphviz(g, s, o, "svg")); }},
        {"png", ".png", "the same picture as svg, as a PNG image",
         [](G g, S s, O o) { return single(render_graphviz(g, s, o, "png")); }},
        {"csv", ".csv", "Gephi spreadsheet tables: -o P writes P.nodes.csv (Id,Label,...) and P.edges.csv (Source,Target,...)",
         write_gephi_csv, true},
        {"neo4j", ".csv", "neo4j-admin database import CSV: -o P writes P.nodes.csv and P.relationships.csv",
         write_neo4j_csv, true},
        {"cypher", ".cypher", "a Cypher script of MERGE statements (static relationship types, no APOC)",
         [](G g, S s, O o) { return single(write_cypher(g, s, o)); }},
        {"mermaid", ".mmd", "a Mermaid flowchart to paste into a note (best with a selection)",
         [](G g, S s, O o) { return single(write_mermaid(g, s, o)); }},
    }};
    return formats;
}

const ExportFormat* find_export_format(std::string_view name) {
    for (const auto& f : export_formats())
        if (f.name == name) return &f;
    return nullptr;
}

std::vector<std::string_view> suggest_export_formats(std::string_view name) {
    std::vector<std::pair<std::size_t, std::string_view>> scored;
    for (const auto& f : export_formats()) {
        std::size_t d = edit_distance(name, f.name);
        bool prefix = !name.empty() && (f.name.starts_with(name) || name.starts_with(f.name));
        if (d <= std::max<std::size_t>(2, f.name.size() / 3) || prefix) scored.emplace_back(prefix ? 0 : d, f.name);
    }
    std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string_view> out;
    for (const auto& [d, n] : scored) out.push_back(n);
    return out;
}

namespace export_detail {

std::string clean(std::string_view text) { return strip_xml_invalid(repair_utf8(text)); }

std::string clean_line(std::string_view text) {
    std::string in = clean(text);
    std::string out;
    out.reserve(in.size());
    for (char c : in) {
        bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
        if (space) {
            if (!out.empty() && out.back() != ' ') out += ' ';
        } else {
            out += c;
        }
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

std::string edge_label(const Edge& e) { return e.label.empty() ? std::string(to_string(e.relation)) : e.label.str(); }

std::string roles_text(const Node& n) {
    std::string s;
    for (Role r : n.roles) {
        if (!s.empty()) s += ';';
        s += to_string(r);
    }
    return s;
}

std::string first_place(const Graph& g, const Node& n) {
    return n.provenance.empty() ? std::string() : to_string(g.location(n.provenance.front().place));
}
std::string first_place(const Graph& g, const Edge& e) {
    return e.provenance.empty() ? std::string() : to_string(g.location(e.provenance.front()));
}

std::vector<std::string> node_sizes(const Graph& g, const ExportSelection& sel) {
    std::vector<std::size_t> degree(g.node_count(), 0);
    for (EdgeIndex e = 0; e < g.edge_count(); ++e) {
        if (!sel.edge[e]) continue;
        ++degree[g.edge(e).source];
        ++degree[g.edge(e).target];
    }
    std::vector<std::string> sizes(g.node_count());
    for (NodeIndex v = 0; v < g.node_count(); ++v) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.1f", 10.0 + 5.0 * std::sqrt(static_cast<double>(degree[v])));
        sizes[v] = buf;
    }
    return sizes;
}

std::string hex_color(Role kind) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%06x", kind_color(kind) & 0xFFFFFFu);
    return buf;
}

std::string fill_color(Role kind) {
    unsigned rgb = kind_color(kind);
    auto mix = [](unsigned c) { return (c + 2 * 255) / 3; };
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", mix((rgb >> 16) & 0xFF), mix((rgb >> 8) & 0xFF), mix(rgb & 0xFF));
    return buf;
}

std::string role_title(Role r) {
    std::string s(to_string(r));
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}

void csv_row(std::string& out, std::initializer_list<std::string> fields, std::string_view line_end) {
    bool first = true;
    for (const auto& f : fields) {
        if (!first) out += ',';
        out += f;
        first = false;
    }
    out += line_end;
}

}  // namespace export_detail

}  // namespace convgraph
