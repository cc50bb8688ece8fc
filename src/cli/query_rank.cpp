// convgraph query hubs and stats: rankings (converging drivers, degree, betweenness) and counts.
#include "query_common.hpp"

#include "commands.hpp"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <map>
#include <tuple>

namespace convgraph::cli::queries {

namespace {

// Each node's converging drivers, betweenness and degree, all along the relations followed.
struct Ranking {
    Ranking(const Graph& g, const RelationSet& relations)
        : drivers(converging_drivers(g, relations, 2)), between(betweenness(g, relations)) {
        degrees.reserve(g.node_count());
        for (NodeIndex v = 0; v < g.node_count(); ++v) degrees.push_back(degree(g, v, relations));
    }
    std::vector<std::size_t> drivers;
    std::vector<double> between;
    std::vector<Degree> degrees;
};

std::string fixed1(double x) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", x);
    return buf;
}

// Concepts ranked by `by` (drivers, degree, betweenness), ties by the others, then id.
std::vector<NodeIndex> ranked(const Graph& g, const Ranking& rk, const std::string& by, std::size_t top) {
    std::vector<NodeIndex> nodes;
    for (NodeIndex v = 0; v < g.node_count(); ++v)
        if (g.node(v).kind != Role::document) nodes.push_back(v);
    auto key = [&](NodeIndex v) {
        std::size_t deg = rk.degrees[v].total();
        if (by == "degree") return std::tuple<double, double, double>(double(deg), double(rk.drivers[v]), rk.between[v]);
        if (by == "betweenness") return std::tuple<double, double, double>(rk.between[v], double(rk.drivers[v]), double(deg));
        return std::tuple<double, double, double>(double(rk.drivers[v]), double(deg), rk.between[v]);
    };
    std::stable_sort(nodes.begin(), nodes.end(), [&](NodeIndex a, NodeIndex b) { return key(a) > key(b); });
    if (top && nodes.size() > top) nodes.resize(top);
    return nodes;
}

TextTable hub_table(const Graph& g, const Ranking& rk, const std::vector<NodeIndex>& nodes) {
    TextTable t{{"name", "kind", "drivers", "in", "out", "degree", "betweenness"}, {}, {"drivers", "in", "out", "degree", "betweenness"}};
    for (NodeIndex v : nodes) {
        const Degree& d = rk.degrees[v];
        t.rows.push_back({g.node(v).label, std::string(to_string(g.node(v).kind)), std::to_string(rk.drivers[v]),
                          std::to_string(d.in), std::to_string(d.out), std::to_string(d.total()), fixed1(rk.between[v])});
    }
    return t;
}

}  // namespace

int run_hubs(const QueryArgs& args) {
    TableFormat format = table_format(args);
    RelationSet relations = relation_set(parse_relations(args.relations));
    BuildResult r = args.source.load(true);
    const Graph& g = r.graph;
    const Ranking rk(g, relations);
    auto nodes = ranked(g, rk, args.by, args.top);
    if (args.nul) return print_names(g, nodes);
    std::cout << render_table(hub_table(g, rk, nodes), format);
    return nodes.empty() ? k_exit_findings : k_exit_ok;
}

int run_stats(const QueryArgs& args) {
    TableFormat format = table_format(args);
    RelationSet relations = relation_set(parse_relations(args.relations));
    BuildResult r = args.source.load(true);
    const Graph& g = r.graph;
    std::map<Role, std::size_t> kinds;
    for (const Node& n : g.nodes()) ++kinds[n.kind];
    std::map<Relation, std::size_t> rels;
    for (const Edge& e : g.edges()) ++rels[e.relation];
    auto sizes = component_sizes(g, relations);
    auto loops = feedback_loops(g, relations);
    const Ranking rk(g, relations);

    TextTable counts{{"section", "name", "count"}, {}, {"count"}};
    counts.rows.push_back({"total", "nodes", std::to_string(g.node_count())});
    counts.rows.push_back({"total", "edges", std::to_string(g.edge_count())});
    for (Role k : k_all_roles)
        if (kinds.count(k)) counts.rows.push_back({"kind", std::string(to_string(k)), std::to_string(kinds[k])});
    for (Relation x : k_all_relations)
        if (rels.count(x)) counts.rows.push_back({"relation", std::string(to_string(x)), std::to_string(rels[x])});
    counts.rows.push_back({"components", "count", std::to_string(sizes.size())});
    counts.rows.push_back({"components", "largest", std::to_string(sizes.empty() ? 0 : sizes.front())});
    counts.rows.push_back({"components", "isolated", std::to_string(std::count(sizes.begin(), sizes.end(), std::size_t{1}))});
    counts.rows.push_back({"loops", "count", std::to_string(loops.size())});
    counts.rows.push_back({"loops", "largest", std::to_string(loops.empty() ? 0 : loops.front().members.size())});
    const char* rankings[] = {"drivers", "degree", "betweenness"};

    if (format == TableFormat::table) {
        std::cout << render_table(counts, format);
        for (const char* by : rankings) {
            std::cout << "\n" << paint(args, std::string("top ") + std::to_string(args.top) + " by " + by, "1") << "\n";
            std::cout << render_table(hub_table(g, rk, ranked(g, rk, by, args.top)), format);
        }
        return k_exit_ok;
    }
    if (format == TableFormat::json) {
        Json j;
        for (const auto& row : counts.rows) j[row[0]][row[1]] = std::stoull(row[2]);
        for (const char* by : rankings) {
            // The rows as `hubs --format json` gives them, numbers as numbers.
            TextTable t = hub_table(g, rk, ranked(g, rk, by, args.top));
            j[std::string("top_by_") + by] = Json::parse(render_table(t, TableFormat::json));
        }
        std::cout << dump(j, 2);
        return k_exit_ok;
    }
    // tsv, csv, jsonl: one flat table of (section, name, count), rankings as "top_by_X" rows.
    for (const char* by : rankings) {
        for (NodeIndex v : ranked(g, rk, by, args.top))
            counts.rows.push_back({std::string("top_by_") + by, g.node(v).label,
                                   std::string(by) == "betweenness" ? fixed1(rk.between[v])
                                   : std::string(by) == "degree"    ? std::to_string(rk.degrees[v].total())
                                                                    : std::to_string(rk.drivers[v])});
    }
    std::cout << render_table(counts, format);
    return k_exit_ok;
}

}  // namespace convgraph::cli::queries
