// Export: node-link JSON for networkx's node_link_graph (every version) and D3.
#include "convgraph/export.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace convgraph {

namespace {

using namespace export_detail;
using Json = nlohmann::ordered_json;

std::string dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

void write_list(std::string& out, std::string_view key, const std::vector<std::string>& items, bool last) {
    out += "  \"";
    out += key;
    out += "\": [";
    for (std::size_t i = 0; i < items.size(); ++i) {
        out += i ? ",\n    " : "\n    ";
        out += items[i];
    }
    out += items.empty() ? "]" : "\n  ]";
    out += last ? "\n" : ",\n";
}

}  // namespace

// One node or link per line so diffs stay readable. The edge list is written twice, under
// "links" (networkx < 3.6's default, D3) and "edges" (networkx >= 3.6's default); each reader
// uses the key it asks for and ignores the other. Node ids are convgraph ids, edge keys are
// relation names (unique per pair), so G[u][v]["produces"] works in networkx.
std::string write_node_link_json(const Graph& g, const ExportSelection& sel, const ExportOptions&) {
    std::vector<std::string> sizes = node_sizes(g, sel);
    std::vector<std::string> nodes;
    for (NodeIndex v = 0; v < g.node_count(); ++v) {
        if (!sel.node[v]) continue;
        const Node& n = g.node(v);
        Json j;
        j["id"] = clean(n.id);
        j["label"] = clean(n.label);
        j["kind"] = to_string(n.kind);
        j["roles"] = Json::array();
        for (Role r : n.roles) j["roles"].push_back(to_string(r));
        j["color"] = hex_color(n.kind);
        j["size"] = std::stod(sizes[v]);
        if (!n.description.empty()) j["description"] = clean(n.description);
        j["provenance"] = Json::array();
        std::string last;  // a place mentioned in two roles is listed once
        for (const Mention& m : n.provenance) {
            std::string place = clean(to_string(g.location(m.place)));
            if (place != last) j["provenance"].push_back(place);
            last = std::move(place);
        }
        nodes.push_back(dump(j));
    }
    std::vector<std::string> links;
    for (EdgeIndex e = 0; e < g.edge_count(); ++e) {
        if (!sel.edge[e]) continue;
        const Edge& edge = g.edge(e);
        Json j;
        j["source"] = clean(g.node(edge.source).id);
        j["target"] = clean(g.node(edge.target).id);
        j["key"] = to_string(edge.relation);
        j["id"] = "e" + std::to_string(e);
        j["relation"] = to_string(edge.relation);
        j["label"] = clean(edge_label(edge));
        j["weight"] = static_cast<double>(edge.provenance.size());
        if (!edge.description.empty()) j["description"] = clean(edge.description);
        if (!edge.attributes.empty()) {
            Json attrs = Json::object();
            for (const auto& [k, val] : edge.attributes.items()) attrs[clean(k)] = clean(val);
            j["attributes"] = attrs;
        }
        j["provenance"] = Json::array();
        for (const Place& at : edge.provenance) j["provenance"].push_back(clean(to_string(g.location(at))));
        links.push_back(dump(j));
    }
    std::string out = "{\n  \"directed\": true,\n  \"multigraph\": true,\n  \"graph\": {\"name\": \"convgraph\"},\n";
    write_list(out, "nodes", nodes, false);
    write_list(out, "links", links, false);
    write_list(out, "edges", links, true);
    out += "}\n";
    return out;
}

}  // namespace convgraph
