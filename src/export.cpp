// Export: the format table and the shared selection logic.
#include "convgraph/export.hpp"

#include <array>

namespace convgraph {

ExportSelection select_for_export(const Graph& g, const ExportOptions& options) {
    ExportSelection sel;
    sel.node.assign(g.node_count(), false);
    sel.edge.assign(g.edge_count(), false);
    for (NodeIndex v = 0; v < g.node_count(); ++v)
        sel.node[v] = options.with_documents || g.node(v).kind != Role::document;
    for (EdgeIndex e = 0; e < g.edge_count(); ++e) {
        const Edge& edge = g.edge(e);
        sel.edge[e] = sel.node[edge.source] && sel.node[edge.target];
    }
    return sel;
}

std::span<const ExportFormat> export_formats() {
    static const std::array<ExportFormat, 1> formats{{
        {"graphml", ".graphml", "GraphML for Gephi, networkx, igraph, yEd (labels, kinds, colours, sizes)", write_graphml},
    }};
    return formats;
}

const ExportFormat* find_export_format(std::string_view name) {
    for (const auto& f : export_formats())
        if (f.name == name) return &f;
    return nullptr;
}

}  // namespace convgraph
