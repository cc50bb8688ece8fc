// convgraph query upstream, downstream, path and loops: walks along the relations.
#include "query_common.hpp"

#include "commands.hpp"

#include <algorithm>
#include <iostream>

namespace convgraph::cli::queries {

namespace {

std::string cycle_text(const Graph& g, const Path& cycle) {
    if (cycle.empty()) return "";
    std::string s = g.node(g.edge(cycle.front()).source).label;
    for (EdgeIndex e : cycle) s += " -" + std::string(to_string(g.edge(e).relation)) + "-> " + g.node(g.edge(e).target).label;
    return s;
}

}  // namespace

int run_reach(const QueryArgs& args, Direction direction) {
    TableFormat format = table_format(args);
    RelationSet relations = relation_set(parse_relations(args.relations));
    BuildResult r = args.source.load(true);
    const Graph& g = r.graph;
    int status = k_exit_ok;
    auto start = resolve_or_report(g, args.name, status);
    if (!start) return status;
    auto reached = reachable(g, *start, direction, relations, args.depth);
    std::vector<NodeIndex> nodes;
    std::vector<EdgeIndex> edges;
    for (const auto& x : reached) {
        nodes.push_back(x.node);
        edges.push_back(x.edge);
    }
    if (args.nul) return print_names(g, nodes);
    args.source.complete_edges(r, edges);
    bool down = direction == Direction::downstream;
    TextTable t{{"depth", "name", "kind", "relation", down ? "from" : "to", "source"}, {}, {"depth"}};
    for (const auto& x : reached) {
        const Edge& e = g.edge(x.edge);
        t.rows.push_back({std::to_string(x.depth), g.node(x.node).label, std::string(to_string(g.node(x.node).kind)),
                          std::string(to_string(e.relation)), g.node(down ? e.source : e.target).label, edge_place(g, e)});
    }
    if (format == TableFormat::table && !reached.empty())
        std::cout << (down ? "downstream of " : "upstream of ") << paint(args, g.node(*start).label, "1") << ": "
                  << reached.size() << (reached.size() == 1 ? " concept\n" : " concepts\n");
    std::cout << render_table(t, format);
    if (reached.empty())
        std::cerr << "convgraph: nothing " << (down ? "downstream of '" : "upstream of '") << g.node(*start).label << "'\n";
    return reached.empty() ? k_exit_findings : k_exit_ok;
}

int run_path(const QueryArgs& args) {
    TableFormat format = table_format(args);
    RelationSet relations = relation_set(parse_relations(args.relations));
    BuildResult r = args.source.load(true);
    const Graph& g = r.graph;
    int status = k_exit_ok;
    auto from = resolve_or_report(g, args.name, status);
    if (!from) return status;
    auto to = resolve_or_report(g, args.target, status);
    if (!to) return status;
    std::size_t max = args.all_shortest ? args.max_paths : 1;
    auto paths = shortest_paths(g, *from, *to, relations, args.all_shortest, max);
    TextTable t{{"path", "step", "from", "relation", "to", "source"}, {}, {"path", "step"}};
    if (paths.empty()) {
        // Scripts get the empty result in their format ([] or a header), as the other queries give.
        if (format != TableFormat::table && !args.nul) std::cout << render_table(t, format);
        std::cerr << "convgraph: no path from '" << g.node(*from).label << "' to '" << g.node(*to).label << "'";
        if (*from == *to) std::cerr << " (they are the same concept)";
        else if (!shortest_paths(g, *to, *from, relations).empty()) std::cerr << " (there is one the other way: path '" << g.node(*to).label << "' '" << g.node(*from).label << "')";
        std::cerr << '\n';
        return k_exit_findings;
    }
    if (args.nul) {
        std::vector<NodeIndex> nodes{*from};
        for (const auto& p : paths)
            for (EdgeIndex e : p)
                if (std::find(nodes.begin(), nodes.end(), g.edge(e).target) == nodes.end()) nodes.push_back(g.edge(e).target);
        return print_names(g, nodes);
    }
    for (const auto& p : paths) args.source.complete_edges(r, p);
    for (std::size_t i = 0; i < paths.size(); ++i)
        for (std::size_t s = 0; s < paths[i].size(); ++s) {
            const Edge& e = g.edge(paths[i][s]);
            t.rows.push_back({std::to_string(i + 1), std::to_string(s + 1), g.node(e.source).label,
                              std::string(to_string(e.relation)), g.node(e.target).label, edge_place(g, e)});
        }
    if (format == TableFormat::table) {
        for (std::size_t i = 0; i < paths.size(); ++i) {
            std::string line = g.node(*from).label;
            for (EdgeIndex e : paths[i]) line += " -" + std::string(to_string(g.edge(e).relation)) + "-> " + g.node(g.edge(e).target).label;
            std::cout << paint(args, std::to_string(i + 1) + ".", "1") << " " << line << "\n";
        }
        std::cout << "\n";
    }
    std::cout << render_table(t, format);
    return k_exit_ok;
}

int run_loops(const QueryArgs& args) {
    TableFormat format = table_format(args);
    RelationSet relations = relation_set(parse_relations(args.relations));
    BuildResult r = args.source.load(true);
    const Graph& g = r.graph;
    auto loops = feedback_loops(g, relations);
    if (args.limit && loops.size() > args.limit) loops.resize(args.limit);
    if (args.nul) {
        std::vector<NodeIndex> nodes;
        for (const auto& l : loops) nodes.insert(nodes.end(), l.members.begin(), l.members.end());
        return print_names(g, nodes);
    }
    if (format == TableFormat::table) {
        for (std::size_t i = 0; i < loops.size(); ++i) {
            const Loop& l = loops[i];
            std::cout << (i ? "\n" : "") << paint(args, "loop " + std::to_string(i + 1), "1") << ": " << l.members.size()
                      << (l.members.size() == 1 ? " concept" : " concepts") << "; shortest cycle, " << l.cycle.size()
                      << (l.cycle.size() == 1 ? " step:\n" : " steps:\n");
            std::cout << "  " << cycle_text(g, l.cycle) << "\n";
            TextTable t{{"member", "kind", "roles"}, {}};
            for (NodeIndex v : l.members) t.rows.push_back({"  " + g.node(v).label, std::string(to_string(g.node(v).kind)), roles_text(g.node(v))});
            std::cout << render_table(t, TableFormat::table, false);
        }
    } else {
        TextTable t{{"loop", "size", "cycle", "members"}, {}, {"loop", "size"}};
        for (std::size_t i = 0; i < loops.size(); ++i) {
            std::string members;
            for (NodeIndex v : loops[i].members) members += (members.empty() ? "" : "; ") + g.node(v).label;
            t.rows.push_back({std::to_string(i + 1), std::to_string(loops[i].members.size()), cycle_text(g, loops[i].cycle), members});
        }
        std::cout << render_table(t, format);
    }
    if (loops.empty()) std::cerr << "convgraph: no feedback loops\n";
    return loops.empty() ? k_exit_findings : k_exit_ok;
}

}  // namespace convgraph::cli::queries
