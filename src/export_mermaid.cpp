// Export: a Mermaid flowchart of the graph or of a selection, to paste into a note.
#include "convgraph/export.hpp"

#include <string>

namespace convgraph {

namespace {

using namespace export_detail;

// A quoted Mermaid label: characters Mermaid's grammar or its HTML rendering would take as
// syntax are written as entity codes (#quot; #35; ...), which Mermaid and convgraph decode.
std::string label(std::string_view text) {
    std::string in = clean_line(text);
    std::string out = "\"";
    for (char c : in) {
        switch (c) {
        case '"': out += "#quot;"; break;
        case '#': out += "#35;"; break;
        case '&': out += "#amp;"; break;
        case '<': out += "#lt;"; break;
        case '>': out += "#gt;"; break;
        case '|': out += "#124;"; break;
        case '`': out += "#96;"; break;
        default: out += c;
        }
    }
    return out + "\"";
}

}  // namespace

// Node ids are "n<index>" (always safe; Mermaid reserves words such as `end`); the label is
// the display name; one classDef per kind colours the nodes as the other formats do.
std::string write_mermaid(const Graph& g, const ExportSelection& sel, const ExportOptions&) {
    std::string out = "flowchart LR\n";
    std::vector<std::vector<NodeIndex>> by_kind(k_all_roles.size());
    for (NodeIndex v = 0; v < g.node_count(); ++v) {
        if (!sel.node[v]) continue;
        const Node& n = g.node(v);
        out += "    n" + std::to_string(v) + "[" + label(n.label) + "]\n";
        by_kind[static_cast<std::size_t>(n.kind)].push_back(v);
    }
    for (EdgeIndex e = 0; e < g.edge_count(); ++e) {
        if (!sel.edge[e]) continue;
        const Edge& edge = g.edge(e);
        out += "    n" + std::to_string(edge.source) + (edge.relation == Relation::leads_to ? " -.->|" : " -->|") +
               label(edge_label(edge)) + "| n" + std::to_string(edge.target) + "\n";
    }
    for (Role r : k_all_roles) {
        const auto& members = by_kind[static_cast<std::size_t>(r)];
        if (members.empty()) continue;
        std::string name(to_string(r));
        out += "    classDef " + name + " fill:" + fill_color(r) + ",stroke:" + hex_color(r) + "\n";
        out += "    class ";
        for (std::size_t i = 0; i < members.size(); ++i) out += (i ? "," : "") + ("n" + std::to_string(members[i]));
        out += " " + name + "\n";
    }
    return out;
}

}  // namespace convgraph
