// Export: GraphML (valid against graphml.xsd; Gephi's label/colour/size conventions).
#include "convgraph/export.hpp"

#include "convgraph/xml.hpp"

#include <cmath>
#include <cstdio>
#include <string>

namespace convgraph {

namespace {

void data(std::string& out, std::string_view key, std::string_view value, std::string_view indent) {
    out += indent;
    out += "<data key=\"";
    out += key;
    out += "\">";
    out += xml_text(value);
    out += "</data>\n";
}

std::string join_roles(const Node& n) {
    std::string s;
    for (Role r : n.roles) {
        if (!s.empty()) s += ';';
        s += to_string(r);
    }
    return s;
}

std::string first_place(const std::vector<SourceLoc>& locs) { return locs.empty() ? std::string() : to_string(locs.front()); }

}  // namespace

std::string write_graphml(const Graph& g, const ExportSelection& sel) {
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
    static constexpr Key keys[] = {
        {"label", "node", "label", "string"},       {"kind", "node", "kind", "string"},
        {"roles", "node", "roles", "string"},       {"cgid", "node", "convgraph_id", "string"},
        {"description", "node", "description", "string"}, {"source", "node", "source", "string"},
        {"r", "node", "r", "int"},                  {"g", "node", "g", "int"},
        {"b", "node", "b", "int"},                  {"size", "node", "size", "float"},
        {"elabel", "edge", "label", "string"},      {"relation", "edge", "relation", "string"},
        {"edescription", "edge", "description", "string"}, {"esource", "edge", "source", "string"},
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
    std::vector<std::size_t> degree(g.node_count(), 0);
    for (EdgeIndex e = 0; e < g.edge_count(); ++e) {
        if (!sel.edge[e]) continue;
        ++degree[g.edge(e).source];
        ++degree[g.edge(e).target];
    }
    for (NodeIndex v = 0; v < g.node_count(); ++v) {
        if (!sel.node[v]) continue;
        const Node& n = g.node(v);
        out += "    <node id=\"n" + std::to_string(v) + "\">\n";
        const char* in = "      ";
        data(out, "label", n.label, in);
        data(out, "kind", to_string(n.kind), in);
        data(out, "roles", join_roles(n), in);
        data(out, "cgid", n.id, in);
        if (!n.description.empty()) data(out, "description", n.description, in);
        if (!n.provenance.empty()) data(out, "source", to_string(n.provenance.front().loc), in);
        unsigned rgb = kind_color(n.kind);
        data(out, "r", std::to_string((rgb >> 16) & 0xFF), in);
        data(out, "g", std::to_string((rgb >> 8) & 0xFF), in);
        data(out, "b", std::to_string(rgb & 0xFF), in);
        char size[32];
        std::snprintf(size, sizeof size, "%.1f", 10.0 + 5.0 * std::sqrt(static_cast<double>(degree[v])));
        data(out, "size", size, in);
        out += "    </node>\n";
    }
    for (EdgeIndex e = 0; e < g.edge_count(); ++e) {
        if (!sel.edge[e]) continue;
        const Edge& edge = g.edge(e);
        out += "    <edge id=\"e" + std::to_string(e) + "\" source=\"n" + std::to_string(edge.source) + "\" target=\"n" +
               std::to_string(edge.target) + "\">\n";
        const char* in = "      ";
        data(out, "elabel", edge.label.empty() ? to_string(edge.relation) : std::string_view(edge.label), in);
        data(out, "relation", to_string(edge.relation), in);
        if (!edge.description.empty()) data(out, "edescription", edge.description, in);
        data(out, "esource", first_place(edge.provenance), in);
        data(out, "weight", std::to_string(edge.provenance.size()) + ".0", in);
        out += "    </edge>\n";
    }
    out += "  </graph>\n</graphml>\n";
    return out;
}

}  // namespace convgraph
