// Export: Graphviz DOT (quoted ids, escaped labels, colour and shape per kind, optional clusters).
#include "convgraph/export.hpp"

#include <algorithm>
#include <map>
#include <string>

namespace convgraph {

namespace {

using namespace export_detail;

// A DOT double-quoted string. Inside quotes DOT only unescapes \" ; for labels Graphviz then
// reads \\ as one backslash (and \n, \l, \N ... as escapes), so backslashes are doubled too.
std::string quoted(std::string_view text) {
    std::string in = clean_line(text);
    std::string out = "\"";
    for (char c : in) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

std::string_view shape(Role kind) {
    switch (kind) {
    case Role::driver: return "box";
    case Role::mechanism: return "ellipse";
    case Role::effect: return "hexagon";
    case Role::case_: return "note";
    case Role::layer: return "tab";
    case Role::aspect: return "component";
    case Role::concept_: return "oval";
    case Role::document: return "folder";
    }
    return "ellipse";
}

void node_line(std::string& out, const Graph& g, NodeIndex v, std::string_view indent) {
    const Node& n = g.node(v);
    out += indent;
    out += quoted(n.id);
    out += " [label=" + quoted(n.label) + ", kind=" + std::string(to_string(n.kind)) + ", shape=" +
           std::string(shape(n.kind)) + ", color=\"" + hex_color(n.kind) + "\", fillcolor=\"" + fill_color(n.kind) + "\"";
    if (n.kind == Role::driver) out += ", style=\"filled,rounded,bold\"";
    out += "];\n";
}

// The cluster a node belongs to (empty: none) and its title.
std::pair<std::string, std::string> cluster_of(const Graph& g, const Node& n, DotCluster mode) {
    if (mode == DotCluster::kind) return {std::string(to_string(n.kind)), std::string(to_string(n.kind))};
    if (mode == DotCluster::document && !n.provenance.empty()) {
        const std::string& path = g.file(n.provenance.front().place);
        auto doc = g.find("doc:" + path);
        return {path, doc ? g.node(*doc).label : path};
    }
    return {};
}

void legend(std::string& out, const Graph& g, const ExportSelection& sel) {
    std::vector<bool> shown(k_all_roles.size(), false);
    for (NodeIndex v = 0; v < g.node_count(); ++v)
        if (sel.node[v]) shown[static_cast<std::size_t>(g.node(v).kind)] = true;
    out += "  subgraph cluster_legend {\n    label=\"kinds\";\n    color=\"#bbbbbb\";\n";
    out += "    \"convgraph legend\" [shape=plaintext, style=\"\", label=<<TABLE BORDER=\"0\" CELLBORDER=\"1\" "
           "CELLSPACING=\"2\" CELLPADDING=\"4\">";
    for (Role r : k_all_roles) {
        if (!shown[static_cast<std::size_t>(r)]) continue;
        out += "<TR><TD BGCOLOR=\"" + fill_color(r) + "\" COLOR=\"" + hex_color(r) + "\">  </TD><TD BORDER=\"0\" ALIGN=\"LEFT\">" +
               std::string(to_string(r)) + "</TD></TR>";
    }
    out += "</TABLE>>];\n  }\n";
}

}  // namespace

namespace export_detail {

std::string dot_source(const Graph& g, const ExportSelection& sel, const ExportOptions& options, bool with_legend) {
    std::string out = "digraph convgraph {\n";
    // With clusters (the picture's legend is one), Graphviz 2.43's default ranking can fail
    // ("trouble in init_rank") and drop an edge; its single global ranking does not.
    const bool clustered = with_legend || options.cluster != DotCluster::none;
    out += std::string("  graph [rankdir=LR, fontname=\"sans-serif\", fontsize=12, outputorder=edgesfirst") +
           (clustered ? ", newrank=true" : "") + "];\n";
    out += "  node [style=filled, penwidth=1.5, fontname=\"sans-serif\", fontsize=11];\n";
    out += "  edge [color=\"#777777\", fontcolor=\"#555555\", fontname=\"sans-serif\", fontsize=8];\n";
    // An empty selection has no kinds to show: a legend without rows is an HTML table Graphviz
    // cannot parse.
    if (with_legend && std::find(sel.node.begin(), sel.node.end(), true) != sel.node.end()) legend(out, g, sel);
    // Clusters in key order, then the nodes outside any cluster.
    std::map<std::string, std::pair<std::string, std::vector<NodeIndex>>> clusters;
    std::vector<NodeIndex> loose;
    for (NodeIndex v = 0; v < g.node_count(); ++v) {
        if (!sel.node[v]) continue;
        auto [key, title] = cluster_of(g, g.node(v), options.cluster);
        if (key.empty()) {
            loose.push_back(v);
        } else {
            auto& c = clusters[key];
            c.first = title;
            c.second.push_back(v);
        }
    }
    std::size_t i = 0;
    for (const auto& [key, c] : clusters) {
        out += "  subgraph \"cluster_" + std::to_string(i++) + "\" {\n    label=" + quoted(c.first) +
               ";\n    color=\"#bbbbbb\";\n";
        for (NodeIndex v : c.second) node_line(out, g, v, "    ");
        out += "  }\n";
    }
    for (NodeIndex v : loose) node_line(out, g, v, "  ");
    for (EdgeIndex e = 0; e < g.edge_count(); ++e) {
        if (!sel.edge[e]) continue;
        const Edge& edge = g.edge(e);
        out += "  " + quoted(g.node(edge.source).id) + " -> " + quoted(g.node(edge.target).id) + " [id=\"e" +
               std::to_string(e) + "\", relation=" + std::string(to_string(edge.relation)) +
               ", label=" + quoted(edge_label(edge));
        if (edge.relation == Relation::leads_to) out += ", style=dashed";
        if (edge.relation == Relation::mentions) out += ", color=\"#cccccc\"";
        out += "];\n";
    }
    out += "}\n";
    return out;
}

}  // namespace export_detail

// Not `strict`: parallel relations between one pair stay separate edges.
std::string write_dot(const Graph& g, const ExportSelection& sel, const ExportOptions& options) {
    return dot_source(g, sel, options, false);
}

}  // namespace convgraph
