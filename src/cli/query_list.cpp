// convgraph query list and search: selections of concepts by filters, and by spelling.
#include "query_common.hpp"

#include "commands.hpp"

#include <iostream>

namespace convgraph::cli::queries {

int run_list(const QueryArgs& args) {
    TableFormat format = table_format(args);
    NodeFilter filter;
    filter.kind = parse_role(args.kind, "kind");
    filter.role = parse_role(args.role, "role");
    if (!args.kind_word.empty()) filter.role = parse_role(args.kind_word, "role");
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
    TextTable t{{"name", "kind", "roles", "degree", "source"}, {}, {"degree"}};
    for (NodeIndex v : nodes) {
        const Node& n = g.node(v);
        t.rows.push_back({n.label, std::string(to_string(n.kind)), roles_text(n), std::to_string(list_degree(g, v)), first_place(g, n)});
    }
    std::cout << render_table(t, format);
    return nodes.empty() ? k_exit_findings : k_exit_ok;
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

}  // namespace convgraph::cli::queries
