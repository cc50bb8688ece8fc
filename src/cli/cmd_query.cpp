// convgraph query: the questions asked of the graph — show, list, upstream/downstream, path,
// loops, hubs, stats, where, search — as an aligned table, TSV, CSV, JSON or JSON lines.
#include "commands.hpp"
#include "output.hpp"

#include "convgraph/error.hpp"
#include "convgraph/graph_algorithms.hpp"
#include "convgraph/io.hpp"
#include "convgraph/query.hpp"
#include "convgraph/unicode.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>

namespace convgraph::cli {

namespace {

struct QueryArgs {
    const GlobalOptions* global = nullptr;
    GraphSource source;
    std::string format = "table";
    bool nul = false;
    // list
    std::string kind_word, kind, role, from, to, doc, match, sort = "name";
    std::vector<std::string> relations;
    std::size_t limit = 0;
    bool documents = false;
    // show, where, upstream, downstream, path
    std::string name, target, root;
    std::size_t depth = 0;
    bool all_shortest = false;
    std::size_t max_paths = 10;
    // search, hubs, stats
    std::string text, by = "drivers";
    std::size_t top = 10;
};

using Json = nlohmann::ordered_json;

std::string dump(const Json& j, int indent) {
    return j.dump(indent, ' ', false, Json::error_handler_t::replace) + "\n";
}

TableFormat table_format(const QueryArgs& args) {
    auto f = parse_table_format(args.format);
    if (!f) throw Error("unknown format '" + args.format + "' (expected table, tsv, csv, json or jsonl)");
    return *f;
}

bool colored(const QueryArgs& args) { return use_color(*args.global, stdout_is_terminal()); }

std::string paint(const QueryArgs& args, const std::string& text, const char* sgr) {
    return colored(args) ? std::string("\033[") + sgr + "m" + text + "\033[0m" : text;
}

std::optional<Role> parse_role(const std::string& word, const char* what) {
    if (word.empty()) return std::nullopt;
    auto r = role_from_string(word);
    if (!r) {
        std::string names;
        for (Role x : k_all_roles) names += (names.empty() ? "" : ", ") + std::string(to_string(x));
        throw Error(std::string("unknown ") + what + " '" + word + "' (expected one of " + names + ")");
    }
    return r;
}

std::vector<Relation> parse_relations(const std::vector<std::string>& words) {
    std::vector<Relation> out;
    for (const auto& w : words) {
        auto r = relation_from_string(w);
        if (!r) {
            std::string names, nearest;
            std::size_t best = 3;
            for (Relation x : k_all_relations) {
                names += (names.empty() ? "" : ", ") + std::string(to_string(x));
                if (std::size_t d = edit_distance(w, to_string(x)); d < best) best = d, nearest = to_string(x);
            }
            throw Error("unknown relation '" + w + "'" + (nearest.empty() ? "" : "; did you mean '" + nearest + "'?") +
                        " (expected one of " + names + ")");
        }
        out.push_back(*r);
    }
    return out;
}

RelationSet relation_set(const std::vector<Relation>& relations) {
    if (relations.empty()) return RelationSet::concepts();
    RelationSet s;
    for (Relation r : relations) s.add(r);
    return s;
}

std::string roles_text(const Node& n) {
    std::string s;
    for (Role r : n.roles) s += (s.empty() ? "" : ",") + std::string(to_string(r));
    return s;
}

std::string first_place(const Graph& g, const Node& n) {
    return n.provenance.empty() ? std::string() : to_string(g.location(n.provenance.front().place));
}

std::string edge_place(const Graph& g, const Edge& e) {
    std::string place = e.provenance.empty() ? std::string() : to_string(g.location(e.provenance.front()));
    if (e.provenance.size() > 1) place += " (+" + std::to_string(e.provenance.size() - 1) + ")";
    return place;
}

// Prints names NUL-separated (-0), for xargs -0.
int print_names(const Graph& g, const std::vector<NodeIndex>& nodes) {
    for (NodeIndex v : nodes) std::cout << g.node(v).label << '\0';
    return nodes.empty() ? k_exit_findings : k_exit_ok;
}

int report_unresolved(const Graph& g, const std::string& name, const NameResolution& res, const char* what = "concept") {
    if (res.status == NameResolution::Status::ambiguous) {
        std::cerr << "convgraph: '" << name << "' is ambiguous; it matches:\n";
        for (NodeIndex v : res.candidates)
            std::cerr << "  " << g.node(v).label << "  (" << to_string(g.node(v).kind) << ")\n";
        return k_exit_usage;
    }
    std::cerr << "convgraph: no " << what << " named '" << name << "'";
    if (!res.candidates.empty()) {
        std::cerr << "; did you mean ";
        for (std::size_t i = 0; i < res.candidates.size(); ++i)
            std::cerr << (i ? ", " : "") << "'" << g.node(res.candidates[i]).label << "'";
        std::cerr << "?";
    }
    std::cerr << '\n';
    return k_exit_findings;
}

// Resolves a name or reports why not: the node, or the exit status in `status`.
std::optional<NodeIndex> resolve_or_report(const Graph& g, const std::string& name, int& status) {
    NameResolution res = resolve_name(g, name);
    if (res.status == NameResolution::Status::found) return res.node;
    status = report_unresolved(g, name, res);
    return std::nullopt;
}

int run_list(const QueryArgs& args) {
    TableFormat format = table_format(args);
    NodeFilter filter;
    filter.kind = parse_role(args.kind, "kind");
    filter.role = parse_role(args.role, "role");
    if (!args.kind_word.empty()) filter.role = parse_role(args.kind_word, "kind");
    filter.relations = parse_relations(args.relations);
    filter.include_documents = args.documents;
    filter.match = args.match;
    filter.limit = args.limit;
    filter.sort = args.sort == "degree" ? NodeSort::degree : args.sort == "kind" ? NodeSort::kind : NodeSort::name;
    BuildResult r = args.source.load(true);
    const Graph& g = r.graph;
    int status = k_exit_ok;
    if (!args.from.empty() && !(filter.from = resolve_or_report(g, args.from, status))) return status;
    if (!args.to.empty() && !(filter.to = resolve_or_report(g, args.to, status))) return status;
    if (!args.doc.empty()) {
        NameResolution res = resolve_document(g, args.doc);
        if (res.status != NameResolution::Status::found) return report_unresolved(g, args.doc, res, "note");
        filter.document = g.node(res.node).id.substr(4);
    }
    auto nodes = list_nodes(g, filter);
    if (args.nul) return print_names(g, nodes);
    TextTable t{{"name", "kind", "roles", "degree", "source"}, {}};
    for (NodeIndex v : nodes) {
        const Node& n = g.node(v);
        t.rows.push_back({n.label, std::string(to_string(n.kind)), roles_text(n), std::to_string(g.degree(v)), first_place(g, n)});
    }
    std::cout << render_table(t, format);
    return nodes.empty() ? k_exit_findings : k_exit_ok;
}

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
        TextTable t{{"direction", "relation", "node", "label", "sources"}, {}};
        for (const auto& group : groups) {
            for (EdgeIndex e : group.edges) {
                const Edge& edge = g.edge(e);
                std::string places;
                for (const auto& at : edge.provenance) places += (places.empty() ? "" : " ") + to_string(g.location(at));
                t.rows.push_back({group.outgoing ? "out" : "in", std::string(to_string(edge.relation)),
                                  g.node(group.outgoing ? edge.target : edge.source).label,
                                  (edge.label.empty() ? edge.description : edge.label).str(), places});
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
    TextTable t{{"depth", "name", "kind", "relation", down ? "from" : "to", "source"}, {}};
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
    if (paths.empty()) {
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
    TextTable t{{"path", "step", "from", "relation", "to", "source"}, {}};
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

std::string cycle_text(const Graph& g, const Path& cycle) {
    if (cycle.empty()) return "";
    std::string s = g.node(g.edge(cycle.front()).source).label;
    for (EdgeIndex e : cycle) s += " -" + std::string(to_string(g.edge(e).relation)) + "-> " + g.node(g.edge(e).target).label;
    return s;
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
        TextTable t{{"loop", "size", "cycle", "members"}, {}};
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

struct Ranking {
    std::vector<std::size_t> drivers;
    std::vector<double> between;
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
        std::size_t deg = g.degree(v);
        if (by == "degree") return std::tuple<double, double, double>(double(deg), double(rk.drivers[v]), rk.between[v]);
        if (by == "betweenness") return std::tuple<double, double, double>(rk.between[v], double(rk.drivers[v]), double(deg));
        return std::tuple<double, double, double>(double(rk.drivers[v]), double(deg), rk.between[v]);
    };
    std::stable_sort(nodes.begin(), nodes.end(), [&](NodeIndex a, NodeIndex b) { return key(a) > key(b); });
    if (top && nodes.size() > top) nodes.resize(top);
    return nodes;
}

TextTable hub_table(const Graph& g, const Ranking& rk, const std::vector<NodeIndex>& nodes) {
    TextTable t{{"name", "kind", "drivers", "in", "out", "degree", "betweenness"}, {}};
    for (NodeIndex v : nodes) {
        std::size_t in = 0, out = 0;
        for (EdgeIndex e : g.in_edges(v)) in += g.edge(e).relation != Relation::mentions;
        for (EdgeIndex e : g.out_edges(v)) out += g.edge(e).relation != Relation::mentions;
        t.rows.push_back({g.node(v).label, std::string(to_string(g.node(v).kind)), std::to_string(rk.drivers[v]),
                          std::to_string(in), std::to_string(out), std::to_string(g.degree(v)), fixed1(rk.between[v])});
    }
    return t;
}

int run_hubs(const QueryArgs& args) {
    TableFormat format = table_format(args);
    RelationSet relations = relation_set(parse_relations(args.relations));
    BuildResult r = args.source.load(true);
    const Graph& g = r.graph;
    Ranking rk{converging_drivers(g, relations, 2), betweenness(g, relations)};
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
    Ranking rk{converging_drivers(g, relations, 2), betweenness(g, relations)};

    TextTable counts{{"section", "name", "count"}, {}};
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
            TextTable t = hub_table(g, rk, ranked(g, rk, by, args.top));
            Json list = Json::array();
            for (const auto& row : t.rows) {
                Json o;
                for (std::size_t c = 0; c < t.columns.size(); ++c) o[t.columns[c]] = row[c];
                list.push_back(std::move(o));
            }
            j[std::string("top_by_") + by] = std::move(list);
        }
        std::cout << dump(j, 2);
        return k_exit_ok;
    }
    // tsv, csv, jsonl: one flat table of (section, name, count), rankings as "top_by_X" rows.
    for (const char* by : rankings) {
        for (NodeIndex v : ranked(g, rk, by, args.top))
            counts.rows.push_back({std::string("top_by_") + by, g.node(v).label,
                                   std::string(by) == "betweenness" ? fixed1(rk.between[v])
                                   : std::string(by) == "degree"    ? std::to_string(g.degree(v))
                                                                    : std::to_string(rk.drivers[v])});
    }
    std::cout << render_table(counts, format);
    return k_exit_ok;
}

std::string where_root(const QueryArgs& args) {
    if (!args.root.empty()) return args.root;
    if (args.source.corpus.size() == 1) return args.source.corpus.front();
    return ".";
}

int run_where(const QueryArgs& args) {
    TableFormat format = table_format(args);
    BuildResult r = args.source.load(true);
    const Graph& g = r.graph;
    int status = k_exit_ok;
    auto found = resolve_or_report(g, args.name, status);
    if (!found) return status;
    std::filesystem::path root = where_root(args);
    std::map<std::string, std::vector<std::string>> files;
    auto line_text = [&](const std::string& path, int line) -> std::string {
        auto it = files.find(path);
        if (it == files.end()) {
            std::vector<std::string> lines;
            try {
                std::istringstream in(read_file(root / path));
                for (std::string l; std::getline(in, l);) {
                    if (!l.empty() && l.back() == '\r') l.pop_back();
                    lines.push_back(std::move(l));
                }
            } catch (const Error&) {
                std::cerr << "convgraph: warning: cannot read '" << (root / path).string()
                          << "'; pass --root DIR, the corpus directory the graph was built from\n";
            }
            it = files.emplace(path, std::move(lines)).first;
        }
        return line >= 1 && std::size_t(line) <= it->second.size() ? it->second[std::size_t(line) - 1] : std::string();
    };
    const Node& n = g.node(*found);
    std::string prefix = root == "." ? "" : root.string() + (root.string().back() == '/' ? "" : "/");
    TextTable t{{"file", "line", "column", "role", "text"}, {}};
    for (std::size_t i = 0; i < n.provenance.size(); ++i) {
        const Mention& m = n.provenance[i];
        // One row per place; a place stated in several roles lists them all.
        if (i > 0 && n.provenance[i - 1].place == m.place) {
            t.rows.back()[3] += "," + std::string(to_string(m.role));
            continue;
        }
        const std::string& path = g.file(m.place);
        t.rows.push_back({prefix + path, std::to_string(m.place.line), std::to_string(m.place.column),
                          std::string(to_string(m.role)), line_text(path, m.place.line)});
    }
    if (format == TableFormat::table) {
        for (const auto& row : t.rows)
            std::cout << paint(args, row[0], "35") << ":" << paint(args, row[1], "32") << ":" << row[2] << ": " << row[4] << "\n";
    } else {
        std::cout << render_table(t, format);
    }
    return t.rows.empty() ? k_exit_findings : k_exit_ok;
}

int run_search(const QueryArgs& args) {
    TableFormat format = table_format(args);
    BuildResult r = args.source.load(true);
    const Graph& g = r.graph;
    auto hits = search_nodes(g, args.text, args.documents);
    if (args.limit && hits.size() > args.limit) hits.resize(args.limit);
    std::vector<NodeIndex> nodes;
    for (const auto& h : hits) nodes.push_back(h.node);
    if (args.nul) return print_names(g, nodes);
    TextTable t{{"name", "kind", "match", "id"}, {}};
    for (const auto& h : hits)
        t.rows.push_back({g.node(h.node).label, std::string(to_string(g.node(h.node).kind)), h.how, g.node(h.node).id});
    std::cout << render_table(t, format);
    if (hits.empty()) std::cerr << "convgraph: nothing matches '" << args.text << "'\n";
    return hits.empty() ? k_exit_findings : k_exit_ok;
}

// Hidden: every concept label, one per line, for shell completion.
int run_names(const QueryArgs& args) {
    BuildResult r = args.source.load(true);
    for (const Node& n : r.graph.nodes())
        if (n.kind != Role::document) std::cout << n.label << '\n';
    return k_exit_ok;
}

}  // namespace

Runner setup_query(CLI::App& app, const GlobalOptions& global) {
    auto args = std::make_shared<QueryArgs>();
    args->global = &global;
    app.require_subcommand(1);
    auto add_common = [&](CLI::App* sub, bool names) {
        args->source.add_options(*sub);
        sub->add_option("-f,--format", args->format, "Output: table (default), tsv, csv, json or jsonl")
            ->check(CLI::IsMember({"table", "tsv", "csv", "json", "jsonl"}));
        if (names) sub->add_flag("-0,--null", args->nul, "Print only the names, each ended by a NUL byte (for xargs -0)");
    };
    auto add_relations = [&](CLI::App* sub, const char* help) {
        sub->add_option("-r,--relation", args->relations, help)->delimiter(',')->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    };
    const char* follow = "Follow only this relation (repeatable; default: all but links_to and mentions)";
    using Entry = std::pair<CLI::App*, std::function<int()>>;
    std::vector<Entry> subs;

    CLI::App* show = app.add_subcommand("show", "Show one concept: roles, description, edges by relation, where it is stated");
    add_common(show, false);
    show->add_option("name", args->name, "Concept name (exact, normalised, alias, or unique prefix)")->required();
    subs.emplace_back(show, [args] { return run_show(*args); });

    CLI::App* list = app.add_subcommand("list", "List concepts; the filters compose");
    add_common(list, true);
    list->add_option("kind", args->kind_word, "A role to list: drivers, mechanisms, effects, cases, layers, aspects, concepts, documents");
    list->add_option("-k,--kind", args->kind, "Only concepts whose primary kind is this");
    list->add_option("--role", args->role, "Only concepts that play this role");
    add_relations(list, "Only concepts with an edge of this relation (with --from/--to: only such edges; repeatable)");
    list->add_option("--from", args->from, "Only concepts that NAME has an edge to");
    list->add_option("--to", args->to, "Only concepts that have an edge to NAME");
    list->add_option("--doc", args->doc, "Only concepts stated in this note (path, file name or unique part of it)");
    list->add_option("-m,--match", args->match, "Only concepts whose name or description contains TEXT");
    list->add_option("-s,--sort", args->sort, "Order: name (default), degree or kind")->check(CLI::IsMember({"name", "degree", "kind"}));
    list->add_option("-n,--limit", args->limit, "At most N concepts");
    list->add_flag("--documents", args->documents, "Include document nodes");
    subs.emplace_back(list, [args] { return run_list(*args); });

    for (auto [word, dir] : {std::pair{"upstream", Direction::upstream}, std::pair{"downstream", Direction::downstream}}) {
        CLI::App* sub = app.add_subcommand(word, dir == Direction::upstream ? "What leads to NAME, directly or down a chain"
                                                                           : "What NAME leads to, directly or down a chain");
        add_common(sub, true);
        sub->add_option("name", args->name, "Concept name")->required();
        sub->add_option("-d,--depth", args->depth, "At most N steps (default: no limit)");
        add_relations(sub, follow);
        Direction d = dir;
        subs.emplace_back(sub, [args, d] { return run_reach(*args, d); });
    }

    CLI::App* path = app.add_subcommand("path", "The shortest typed path from A to B");
    add_common(path, true);
    path->add_option("from", args->name, "Start concept")->required();
    path->add_option("to", args->target, "End concept")->required();
    path->add_flag("-a,--all-shortest", args->all_shortest, "Every shortest path, not only the first");
    path->add_option("--max", args->max_paths, "With --all-shortest, at most N paths (default 10)");
    add_relations(path, follow);
    subs.emplace_back(path, [args] { return run_path(*args); });

    CLI::App* loops = app.add_subcommand("loops", "Feedback loops: strongly connected components and a shortest cycle through each");
    add_common(loops, true);
    add_relations(loops, follow);
    loops->add_option("-n,--limit", args->limit, "At most N loops");
    subs.emplace_back(loops, [args] { return run_loops(*args); });

    CLI::App* hubs = app.add_subcommand("hubs", "The concepts most drivers converge on, by degree or betweenness");
    add_common(hubs, true);
    hubs->add_option("--by", args->by, "Rank by drivers (default: drivers within two steps upstream), degree or betweenness")
        ->check(CLI::IsMember({"drivers", "degree", "betweenness"}));
    hubs->add_option("-n,--top", args->top, "How many (default 10; 0: all)");
    add_relations(hubs, follow);
    subs.emplace_back(hubs, [args] { return run_hubs(*args); });

    CLI::App* stats = app.add_subcommand("stats", "Counts per kind and relation, components, loops, top concepts");
    add_common(stats, false);
    stats->add_option("-n,--top", args->top, "How many in each ranking (default 10)");
    add_relations(stats, follow);
    subs.emplace_back(stats, [args] { return run_stats(*args); });

    CLI::App* where = app.add_subcommand("where", "Every place NAME is stated, with the line's text, like grep");
    add_common(where, false);
    where->add_option("name", args->name, "Concept name")->required();
    where->add_option("--root", args->root, "Corpus directory the graph was built from (default: the --corpus directory, else .)");
    subs.emplace_back(where, [args] { return run_where(*args); });

    CLI::App* search = app.add_subcommand("search", "Find concepts by substring or fuzzy match (Chinese and English)");
    add_common(search, true);
    search->add_option("text", args->text, "Text to look for")->required();
    search->add_option("-n,--limit", args->limit, "At most N hits");
    search->add_flag("--documents", args->documents, "Include document nodes");
    subs.emplace_back(search, [args] { return run_search(*args); });

    CLI::App* names = app.add_subcommand("names", "Every concept name, one per line (for shell completion)");
    names->group("");
    args->source.add_options(*names);
    subs.emplace_back(names, [args] { return run_names(*args); });

    app.footer("Exit status: 0 results, 1 nothing matched or unknown name, 2 usage error or ambiguous name.");
    return [subs]() -> int {
        for (const auto& [sub, run] : subs)
            if (sub->parsed()) return run();
        return k_exit_usage;
    };
}

}  // namespace convgraph::cli
