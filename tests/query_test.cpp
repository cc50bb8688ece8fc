// Unit tests: query selections and the graph algorithms (reachability, paths, loops, centrality)
// over a small graph built from an in-memory note.
#include "convgraph/graph_algorithms.hpp"
#include "convgraph/pipeline.hpp"
#include "convgraph/query.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

using namespace convgraph;

namespace {

// 甲 acts through 机一 and 机二, which produce 乙; 乙 → 丙 → 丁 → 乙 is a feedback loop.
const char* k_note =
    "# 01.1.1-测试主题\n"
    "\n"
    "## 二、因素\n"
    "\n"
    "| 因素 | 作用机制 | 收敛效果 |\n"
    "| --- | --- | --- |\n"
    "| 甲 | 机一，机二 | 乙 |\n"
    "\n"
    "```mermaid\n"
    "graph LR\n"
    "    A[乙] --> B[丙]\n"
    "    B --> C[丁]\n"
    "    C --> A\n"
    "```\n";

const Graph& test_graph() {
    static BuildResult r = build_graph_from_sources({{"01.1.1-测试主题.md", k_note}}, BuildOptions{});
    return r.graph;
}

NodeIndex id(const std::string& name) {
    auto v = test_graph().find(name);
    REQUIRE(v);
    return *v;
}

std::vector<std::string> labels(const std::vector<NodeIndex>& nodes) {
    std::vector<std::string> out;
    for (NodeIndex v : nodes) out.push_back(test_graph().node(v).label);
    return out;
}

std::vector<std::string> reached_labels(const std::vector<Reached>& reached) {
    std::vector<NodeIndex> nodes;
    for (const auto& r : reached) nodes.push_back(r.node);
    return labels(nodes);
}

}  // namespace

TEST_CASE("the test note builds the graph the algorithm tests expect") {
    const Graph& g = test_graph();
    CHECK_FALSE(g.check_invariants());
    CHECK(g.node(id("甲")).kind == Role::driver);
    CHECK(g.node(id("机一")).kind == Role::mechanism);
    CHECK(g.node(id("乙")).kind == Role::effect);
}

TEST_CASE("downstream reaches every step with its depth and the edge that got there") {
    const Graph& g = test_graph();
    auto all = reachable(g, id("甲"), Direction::downstream, RelationSet::concepts());
    CHECK(reached_labels(all) == std::vector<std::string>{"机一", "机二", "乙", "丙", "丁"});
    CHECK(all[0].depth == 1);
    CHECK(g.edge(all[0].edge).relation == Relation::acts_through);
    CHECK(all[2].depth == 2);
    CHECK(g.edge(all[2].edge).relation == Relation::produces);
    CHECK(all[4].depth == 4);
    CHECK(g.edge(all[4].edge).source == id("丙"));

    auto two = reachable(g, id("甲"), Direction::downstream, RelationSet::concepts(), 2);
    CHECK(reached_labels(two) == std::vector<std::string>{"机一", "机二", "乙"});

    RelationSet only;
    only.add(Relation::acts_through);
    CHECK(reachable(g, id("甲"), Direction::downstream, only).size() == 2);
}

TEST_CASE("upstream follows edges backwards and a loop does not repeat nodes") {
    const Graph& g = test_graph();
    auto up = reachable(g, id("乙"), Direction::upstream, RelationSet::concepts());
    auto names = reached_labels(up);
    CHECK(std::count(names.begin(), names.end(), "丙") == 1);
    CHECK(std::find(names.begin(), names.end(), "甲") != names.end());
    CHECK(std::find(names.begin(), names.end(), "乙") == names.end());
    CHECK(up.front().depth == 1);
    for (const auto& r : up)
        if (g.node(r.node).label == "丁") CHECK(r.depth == 1);
}

TEST_CASE("shortest paths are typed, and all of them can be listed") {
    const Graph& g = test_graph();
    auto one = shortest_paths(g, id("甲"), id("丁"), RelationSet::concepts());
    REQUIRE(one.size() == 1);
    REQUIRE(one[0].size() == 4);
    CHECK(g.edge(one[0][0]).relation == Relation::acts_through);
    CHECK(g.edge(one[0][1]).relation == Relation::produces);
    CHECK(g.edge(one[0][3]).target == id("丁"));

    auto all = shortest_paths(g, id("甲"), id("丁"), RelationSet::concepts(), true, 10);
    CHECK(all.size() == 2);
    CHECK(shortest_paths(g, id("甲"), id("丁"), RelationSet::concepts(), true, 1).size() == 1);
    CHECK(shortest_paths(g, id("丁"), id("甲"), RelationSet::concepts()).empty());
    CHECK(shortest_paths(g, id("甲"), id("甲"), RelationSet::concepts()).empty());
    RelationSet leads;
    leads.add(Relation::leads_to);
    CHECK(shortest_paths(g, id("甲"), id("丁"), leads).empty());
}

TEST_CASE("a feedback loop is found with a shortest cycle through it") {
    const Graph& g = test_graph();
    auto loops = feedback_loops(g, RelationSet::concepts());
    REQUIRE(loops.size() == 1);
    CHECK(labels(loops[0].members) == std::vector<std::string>{"丁", "丙", "乙"});
    REQUIRE(loops[0].cycle.size() == 3);
    CHECK(g.edge(loops[0].cycle.front()).source == g.edge(loops[0].cycle.back()).target);
    for (std::size_t i = 1; i < loops[0].cycle.size(); ++i)
        CHECK(g.edge(loops[0].cycle[i]).source == g.edge(loops[0].cycle[i - 1]).target);
    RelationSet produces;
    produces.add(Relation::produces);
    CHECK(feedback_loops(g, produces).empty());
}

TEST_CASE("betweenness, components and converging drivers") {
    const Graph& g = test_graph();
    auto b = betweenness(g, RelationSet::concepts());
    CHECK(b[id("乙")] > b[id("机一")]);
    CHECK(b[id("甲")] > 0.0);
    CHECK(b[*g.find("doc:01.1.1-测试主题.md")] == 0.0);

    auto sizes = component_sizes(g, RelationSet::concepts());
    REQUIRE_FALSE(sizes.empty());
    CHECK(sizes.front() == g.node_count() - 1);  // every concept; the document left out

    auto drivers = converging_drivers(g, RelationSet::concepts(), 2);
    CHECK(drivers[id("乙")] >= 1);
    CHECK(drivers[id("机一")] >= 1);
    CHECK(drivers[id("丁")] == 0);
}

TEST_CASE("list filters compose") {
    const Graph& g = test_graph();
    NodeFilter f;
    f.from = id("甲");
    f.relations = {Relation::acts_through};
    CHECK(labels(list_nodes(g, f)) == std::vector<std::string>{"机一", "机二"});
    NodeFilter to;
    to.to = id("乙");
    to.kind = Role::mechanism;
    CHECK(labels(list_nodes(g, to)) == std::vector<std::string>{"机一", "机二"});
    NodeFilter match;
    match.match = "机";
    match.limit = 1;
    CHECK(labels(list_nodes(g, match)) == std::vector<std::string>{"机一"});
    NodeFilter doc;
    doc.document = "01.1.1-测试主题.md";
    doc.sort = NodeSort::degree;
    auto by_degree = list_nodes(g, doc);
    REQUIRE(by_degree.size() >= 2);
    CHECK(g.degree(by_degree[0]) >= g.degree(by_degree[1]));
    NodeFilter other;
    other.document = "nope.md";
    CHECK(list_nodes(g, other).empty());
}

TEST_CASE("search finds substrings and near spellings, best first") {
    const Graph& g = test_graph();
    auto hits = search_nodes(g, "机");
    REQUIRE(hits.size() == 2);
    CHECK(hits[0].how == "prefix");
    CHECK(search_nodes(g, "丙丁").empty());  // no near spellings for short text
    auto exact = search_nodes(g, "测试主题");
    REQUIRE_FALSE(exact.empty());
    CHECK(exact[0].how == "exact");
    CHECK(search_nodes(g, "").empty());
}

TEST_CASE("a configured alias names its target in queries and in search") {
    BuildOptions options;
    options.aliases.add("Second Mechanism", "机二");
    BuildResult r = build_graph_from_sources({{"01.1.1-测试主题.md", k_note}}, options);
    const Graph& g = r.graph;
    const NodeIndex target = *g.find("机二");
    auto found = resolve_name(g, "ＳＥＣＯＮＤ  mechanism");  // normalised like any name
    REQUIRE(found.status == NameResolution::Status::found);
    CHECK(found.node == target);
    CHECK(aliases_of(g, target) == std::vector<std::string>{"second mechanism"});
    CHECK(aliases_of(g, *g.find("机一")).empty());
    auto hits = search_nodes(g, "second mech");
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].node == target);
    CHECK(hits[0].how == "prefix");
    auto fuzzy = search_nodes(g, "secund mechanism");
    REQUIRE_FALSE(fuzzy.empty());
    CHECK(fuzzy[0].node == target);
    CHECK(fuzzy[0].how == "fuzzy");
    // A near spelling of an alias suggests its concept.
    auto near = resolve_name(g, "second mechanisn");
    REQUIRE(near.status == NameResolution::Status::unknown);
    REQUIRE_FALSE(near.candidates.empty());
    CHECK(near.candidates.front() == target);
    // Without the alias the name is unknown, and nothing is near it.
    auto plain = resolve_name(test_graph(), "second mechanism");
    CHECK(plain.status == NameResolution::Status::unknown);
    CHECK(plain.candidates.empty());
}

TEST_CASE("documents resolve by path, file name or series number") {
    const Graph& g = test_graph();
    for (const char* name : {"01.1.1-测试主题.md", "doc:01.1.1-测试主题.md", "01.1.1-测试主题", "01.1.1"}) {
        auto r = resolve_document(g, name);
        CHECK(r.status == NameResolution::Status::found);
    }
    CHECK(resolve_document(g, "zz").status == NameResolution::Status::unknown);
}
