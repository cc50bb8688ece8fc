// convgraph query show: one concept — roles, aliases, description, edges by relation, places.
#include "query_common.hpp"

#include "commands.hpp"

#include <iostream>

namespace convgraph::cli::queries {

int run_show(const QueryArgs& args) {
    TableFormat format = table_format(args);
    BuildResult r = args.source.load(true);
    const Graph& g = r.graph;
    int status = k_exit_ok;
    auto found = resolve_or_report(g, args.name, status);
    if (!found) return status;
    NodeIndex v = *found;
    const Node& n = g.node(v);
    auto groups = grouped_edges(g, v);
    for (const auto& group : groups) args.source.complete_edges(r, group.edges);

    if (format == TableFormat::json) {
        Json j;
        j["id"] = n.id;
        j["label"] = n.label;
        j["kind"] = to_string(n.kind);
        j["roles"] = Json::array();
        for (Role role : n.roles) j["roles"].push_back(to_string(role));
        if (!n.description.empty()) j["description"] = n.description;
        if (auto aliases = aliases_of(g, v); !aliases.empty()) j["aliases"] = aliases;
        Json edges = Json::array();
        for (const auto& group : groups) {
            for (EdgeIndex e : group.edges) {
                const Edge& edge = g.edge(e);
                Json je;
                je["relation"] = to_string(edge.relation);
                je["direction"] = group.outgoing ? "out" : "in";
                const Node& other = g.node(group.outgoing ? edge.target : edge.source);
                je["node"] = other.label;
                je["node_id"] = other.id;
                if (!edge.label.empty()) je["label"] = edge.label.str();
                if (!edge.description.empty()) je["description"] = edge.description.str();
                je["sources"] = Json::array();
                for (const auto& at : edge.provenance) je["sources"].push_back(to_string(g.location(at)));
                edges.push_back(std::move(je));
            }
        }
        j["edges"] = std::move(edges);
        j["stated_at"] = Json::array();
        for (const auto& m : n.provenance) {
            Json p;
            p["source"] = to_string(g.location(m.place));
            p["role"] = to_string(m.role);
            j["stated_at"].push_back(std::move(p));
        }
        std::cout << dump(j, 2);
        return k_exit_ok;
    }
    if (format != TableFormat::table) {
        // label and description apart, as the JSON form has them: a script can tell which it got.
        TextTable t{{"direction", "relation", "node", "label", "description", "sources"}, {}};
        for (const auto& group : groups) {
            for (EdgeIndex e : group.edges) {
                const Edge& edge = g.edge(e);
                std::string places;
                for (const auto& at : edge.provenance) places += (places.empty() ? "" : " ") + to_string(g.location(at));
                t.rows.push_back({group.outgoing ? "out" : "in", std::string(to_string(edge.relation)),
                                  g.node(group.outgoing ? edge.target : edge.source).label,
                                  edge.label.str(), edge.description.str(), places});
            }
        }
        std::cout << render_table(t, format);
        return k_exit_ok;
    }
    std::cout << paint(args, n.label, "1") << "\n";
    std::cout << "  kind:  " << to_string(n.kind) << "\n";
    std::cout << "  roles: " << roles_text(n) << "\n";
    if (n.id != n.label) std::cout << "  id:    " << n.id << "\n";
    if (auto aliases = aliases_of(g, v); !aliases.empty()) {
        std::string text;
        for (const auto& a : aliases) text += (text.empty() ? "" : ", ") + a;
        std::cout << "  alias: " << text << "\n";
    }
    if (!n.description.empty()) std::cout << "  about: " << n.description << "\n";
    for (const auto& group : groups) {
        std::string head = std::string(group.outgoing ? "" : "← ") + std::string(to_string(group.relation)) +
                           (group.outgoing ? " →" : "");
        std::cout << "\n" << paint(args, head, "1") << "\n";
        TextTable t{{"node", "detail", "source"}, {}};
        for (EdgeIndex e : group.edges) {
            const Edge& edge = g.edge(e);
            std::string detail = (edge.label.empty() ? edge.description : edge.label).str();
            t.rows.push_back({"  " + g.node(group.outgoing ? edge.target : edge.source).label, detail, edge_place(g, edge)});
        }
        std::cout << render_table(t, TableFormat::table, false);
    }
    std::cout << "\n" << paint(args, "stated at", "1") << "\n";
    TextTable t{{"source", "role"}, {}};
    for (const auto& m : n.provenance)
        t.rows.push_back({"  " + to_string(g.location(m.place)), std::string(to_string(m.role))});
    std::cout << render_table(t, TableFormat::table, false);
    return k_exit_ok;
}

}  // namespace convgraph::cli::queries
