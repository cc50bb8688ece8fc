// Export: Gephi's spreadsheet import — a nodes table (Id,Label,...) and an edges table
// (Source,Target,Type,Kind,Id,Label,Weight,...), written as two files.
#include "convgraph/export.hpp"

#include <string>

namespace convgraph {

namespace {

using namespace export_detail;

// Gephi's CSV parser trims fields and reads '\' as an escape character, so a field is quoted
// when it holds a delimiter Gephi may detect (, ; tab), a quote, a backslash or edge spaces;
// quotes are doubled and backslashes doubled.
std::string field(std::string_view text) {
    std::string in = clean_line(text);
    bool quote = in.find_first_of(",;\"\\|") != std::string::npos || (!in.empty() && (in.front() == ' ' || in.back() == ' '));
    if (!quote) return in;
    std::string out = "\"";
    for (char c : in) {
        if (c == '"') out += '"';
        if (c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

void row(std::string& out, std::initializer_list<std::string> fields) { csv_row(out, fields, "\r\n"); }

}  // namespace

// Rows end in CRLF (RFC 4180). The edge Kind column carries the relation, so Gephi's import
// merges only rows with the same (Source, Target, Kind): parallel relations survive.
std::vector<ExportFile> write_gephi_csv(const Graph& g, const ExportSelection& sel, const ExportOptions&) {
    std::vector<std::string> sizes = node_sizes(g, sel);
    std::string nodes;
    row(nodes, {"Id", "Label", "kind", "roles", "color", "size", "description", "provenance"});
    for (NodeIndex v = 0; v < g.node_count(); ++v) {
        if (!sel.node[v]) continue;
        const Node& n = g.node(v);
        row(nodes, {field(n.id), field(n.label), std::string(to_string(n.kind)), field(roles_text(n)), hex_color(n.kind),
                    sizes[v], field(n.description), field(first_place(g, n))});
    }
    std::string edges;
    row(edges, {"Source", "Target", "Type", "Kind", "Id", "Label", "Weight", "description", "provenance"});
    for (EdgeIndex e = 0; e < g.edge_count(); ++e) {
        if (!sel.edge[e]) continue;
        const Edge& edge = g.edge(e);
        row(edges, {field(g.node(edge.source).id), field(g.node(edge.target).id), "Directed",
                    std::string(to_string(edge.relation)), "e" + std::to_string(e), field(edge_label(edge)),
                    std::to_string(edge.provenance.size()) + ".0", field(edge.description), field(first_place(g, edge))});
    }
    return {ExportFile{".nodes.csv", std::move(nodes)}, ExportFile{".edges.csv", std::move(edges)}};
}

}  // namespace convgraph
