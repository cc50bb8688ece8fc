// Export: GEXF 1.3 (Gephi's own format; RELAX NG-valid) and 1.2draft (for networkx < 3.6).
#include "convgraph/export.hpp"

#include "convgraph/error.hpp"
#include "convgraph/xml.hpp"

#include <string>

namespace convgraph {

namespace {

using namespace export_detail;

void attvalue(std::string& out, std::string_view id, std::string_view value) {
    out += "          <attvalue for=\"";
    out += id;
    out += "\" value=\"";
    out += xml_escape_attr(value);
    out += "\"/>\n";
}

void attribute(std::string& out, std::string_view id, std::string_view type) {
    out += "      <attribute id=\"";
    out += id;
    out += "\" title=\"";
    out += id;
    out += "\" type=\"";
    out += type;
    out += "\"/>\n";
}

}  // namespace

// Node ids are convgraph ids; the relation is the 1.3 edge `kind` (so Gephi keeps parallel
// relations apart) and, in both versions, the `relation` attribute. No date, no version stamp.
std::string write_gexf(const Graph& g, const ExportSelection& sel, const ExportOptions& options) {
    bool v13 = options.gexf_version == "1.3";
    if (!v13 && options.gexf_version != "1.2")
        throw Error("unknown GEXF version '" + options.gexf_version + "' (expected 1.3 or 1.2)");
    std::string out;
    out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    if (v13)
        out += "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" version=\"1.3\">\n";
    else
        out += "<gexf xmlns=\"http://www.gexf.net/1.2draft\" xmlns:viz=\"http://www.gexf.net/1.2draft/viz\" "
               "version=\"1.2\">\n";
    out += "  <meta>\n    <creator>convgraph</creator>\n    <description>convergence-driver concept graph</description>\n"
           "  </meta>\n";
    out += "  <graph defaultedgetype=\"directed\" mode=\"static\">\n";
    out += "    <attributes class=\"node\" mode=\"static\">\n";
    attribute(out, "kind", "string");
    attribute(out, "roles", "string");
    attribute(out, "description", "string");
    attribute(out, "provenance", "string");
    out += "    </attributes>\n";
    out += "    <attributes class=\"edge\" mode=\"static\">\n";
    attribute(out, "relation", "string");
    attribute(out, "description", "string");
    attribute(out, "provenance", "string");
    out += "    </attributes>\n";

    std::vector<std::string> sizes = node_sizes(g, sel);
    out += "    <nodes count=\"" + std::to_string(sel.node_count()) + "\">\n";
    for (NodeIndex v = 0; v < g.node_count(); ++v) {
        if (!sel.node[v]) continue;
        const Node& n = g.node(v);
        out += "      <node id=\"" + xml_escape_attr(n.id) + "\" label=\"" + xml_escape_attr(clean_line(n.label)) + "\">\n";
        out += "        <attvalues>\n";
        attvalue(out, "kind", to_string(n.kind));
        attvalue(out, "roles", roles_text(n));
        if (!n.description.empty()) attvalue(out, "description", clean_line(n.description));
        if (!n.provenance.empty()) attvalue(out, "provenance", first_place(g, n));
        out += "        </attvalues>\n";
        unsigned rgb = kind_color(n.kind);
        out += "        <viz:color r=\"" + std::to_string((rgb >> 16) & 0xFF) + "\" g=\"" + std::to_string((rgb >> 8) & 0xFF) +
               "\" b=\"" + std::to_string(rgb & 0xFF) + "\"/>\n";
        out += "        <viz:size value=\"" + sizes[v] + "\"/>\n";
        out += "      </node>\n";
    }
    out += "    </nodes>\n";
    out += "    <edges count=\"" + std::to_string(sel.edge_count()) + "\">\n";
    for (EdgeIndex e = 0; e < g.edge_count(); ++e) {
        if (!sel.edge[e]) continue;
        const Edge& edge = g.edge(e);
        out += "      <edge id=\"e" + std::to_string(e) + "\" source=\"" + xml_escape_attr(g.node(edge.source).id) +
               "\" target=\"" + xml_escape_attr(g.node(edge.target).id) + "\"";
        if (v13) out += " kind=\"" + std::string(to_string(edge.relation)) + "\"";
        out += " label=\"" + xml_escape_attr(clean_line(edge_label(edge))) + "\"";
        out += " weight=\"" + std::to_string(edge.provenance.size()) + ".0\">\n";
        out += "        <attvalues>\n";
        attvalue(out, "relation", to_string(edge.relation));
        if (!edge.description.empty()) attvalue(out, "description", clean_line(edge.description));
        if (!edge.provenance.empty()) attvalue(out, "provenance", first_place(g, edge));
        out += "        </attvalues>\n";
        out += "      </edge>\n";
    }
    out += "    </edges>\n  </graph>\n</gexf>\n";
    return out;
}

}  // namespace convgraph
