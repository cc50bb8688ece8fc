// convgraph query, shared by its subcommands (private to the CLI): the options of every query,
// output helpers, name resolution with its error messages, and one runner per subcommand.
#pragma once

#include "output.hpp"

#include "convgraph/graph.hpp"
#include "convgraph/graph_algorithms.hpp"
#include "convgraph/query.hpp"
#include "convgraph/text_table.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace convgraph::cli {

struct GlobalOptions;

namespace queries {

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

std::string dump(const Json& j, int indent);
TableFormat table_format(const QueryArgs& args);
// `text` in the SGR colour `sgr` when colour is on.
std::string paint(const QueryArgs& args, const std::string& text, const char* sgr);
std::optional<Role> parse_role(const std::string& word, const char* what);
std::vector<Relation> parse_relations(const std::vector<std::string>& words);
// The relations a walk or ranking follows: all between concepts, or those named; links_to and
// mentions, which join notes, are refused (Error).
RelationSet relation_set(const std::vector<Relation>& relations);
std::string roles_text(const Node& n);
std::string first_place(const Graph& g, const Node& n);
// An edge's first place, with "(+N)" for the others.
std::string edge_place(const Graph& g, const Edge& e);
// Prints names NUL-separated (-0), for xargs -0.
int print_names(const Graph& g, const std::vector<NodeIndex>& nodes);
// Says why a name did not resolve (ambiguous: the candidates; unknown: suggestions); the exit status.
int report_unresolved(const Graph& g, const std::string& name, const NameResolution& res, const char* what = "concept");
// Resolves a name or reports why not: the node, or the exit status in `status`.
std::optional<NodeIndex> resolve_or_report(const Graph& g, const std::string& name, int& status);

int run_show(const QueryArgs& args);     // query_show.cpp
int run_list(const QueryArgs& args);     // query_list.cpp
int run_search(const QueryArgs& args);
int run_names(const QueryArgs& args);
int run_reach(const QueryArgs& args, Direction direction);  // query_walk.cpp
int run_path(const QueryArgs& args);
int run_loops(const QueryArgs& args);
int run_hubs(const QueryArgs& args);     // query_rank.cpp
int run_stats(const QueryArgs& args);
int run_where(const QueryArgs& args);    // query_where.cpp

}  // namespace queries
}  // namespace convgraph::cli
