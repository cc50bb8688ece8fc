// Export: GraphML (valid against graphml.xsd; Gephi's label/colour/size conventions).
#include "convgraph/export.hpp"

#include "convgraph/xml.hpp"

#include <string>

namespace convgraph {

namespace {

using namespace export_detail;

void data(std::string& out, std::string_view key, std::string_view value) {
    out += "      <data key=\"";
    out += key;
    out += "\">";
    out += xml_text(value);
    out += "</data>\n";
}

}  // namespace

// Node ids are "n<index>" and edge ids "e<index>": GraphML ids are NMTOKENs (no spaces), so the
// convgraph id travels in the `convgraph_id` attribute. Parallel relations between one pair stay
// separate edges, each with its relation in `relation` (see docs/export.md for Gephi's merge).
std::string write_graphml(const Graph& g, const ExportSelection& sel, const ExportOptions&) {
    std::string out;
    out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n";
    out += "         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n";
    out += "         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
           "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
    struct Key {
        const char* id;
        const char* domain;
        const char* name;
        const char* type;
    };
    // Gephi reads label, r, g, b and size (node) and label, weight (edge) as properties by key id
    // or attr.name; everything else becomes a Data Laboratory column.
    static constexpr Key keys[] = {
        {"label", "node", "label", "string"},
        {"kind", "node", "kind", "string"},
        {"roles", "node", "roles", "string"},
        {"cgid", "node", "convgraph_id", "string"},
        {"description", "node", "description", "string"},
        {"provenance", "node", "provenance", "string"},
        {"r", "node", "r", "int"},
        {"g", "node", "g", "int"},
        {"b", "node", "b", "int"},
        {"size", "node", "size", "float"},
        {"elabel", "edge", "label", "string"},
        {"relation", "edge", "relation", "string"},
        {"edescription", "edge", "description", "string"},
        {"eprovenance", "edge", "provenance", "string"},
        {"weight", "edge", "weight", "double"},
    };
    for (const auto& k : keys) {
        out += "  <key id=\"";
        out += k.id;
        out += "\" for=\"";
        out += k.domain;
        out += "\" attr.name=\"";
        out += k.name;
        out += "\" attr.type=\"";
        out += k.type;
        out += "\"/>\n";
    }
    out += "  <graph id=\"convgraph\" edgedefault=\"directed\">\n";
    std::vector<std::string> sizes = node_sizes(g, sel);
    for (NodeIndex v = 0; v < g.node_count(); ++v) {
        if (!sel.node[v]) continue;
        const Node& n = g.node(v);
        out += "    <node id=\"n" + std::to_string(v) + "\">\n";
        data(out, "label", n.label);
        data(out, "kind", to_string(n.kind));
        data(out, "roles", roles_text(n));
        data(out, "cgid", n.id);
        if (!n.description.empty()) data(out, "description", n.description);
        if (!n.provenance.empty()) data(out, "provenance", first_place(g, n));
        unsigned rgb = kind_color(n.kind);
        data(out, "r", std::to_string((rgb >> 16) & 0xFF));
        data(out, "g", std::to_string((rgb >> 8) & 0xFF));
        data(out, "b", std::to_string(rgb & 0xFF));
        data(out, "size", sizes[v]);
        out += "    </node>\n";
    }
    for (EdgeIndex e = 0; e < g.edge_count(); ++e) {
        if (!sel.edge[e]) continue;
        const Edge& edge = g.edge(e);
        out += "    <edge id=\"e" + std::to_string(e) + "\" source=\"n" + std::to_string(edge.source) + "\" target=\"n" +
               std::to_string(edge.target) + "\">\n";
        data(out, "elabel", edge_label(edge));
        data(out, "relation", to_string(edge.relation));
        if (!edge.description.empty()) data(out, "edescription", edge.description);
        if (!edge.provenance.empty()) data(out, "eprovenance", first_place(g, edge));
        data(out, "weight", std::to_string(edge.provenance.size()) + ".0");
        out += "    </edge>\n";
    }
    out += "  </graph>\n</graphml>\n";
    return out;
}

}  // namespace convgraph
