// Unit tests: name resolution, node listing and grouped edges over a small hand-built graph.
// (query_test.cpp covers the graph algorithms and search over a built note.)
#include "convgraph/query.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace convgraph;

namespace {

Graph sample() {
    auto node = [](std::string id, std::string label, std::vector<Role> roles) {
        Node n;
        n.id = std::move(id);
        n.label = std::move(label);
        n.roles = std::move(roles);
        n.kind = n.roles.front();
        return n;
    };
    std::vector<Node> nodes{node("scaling law", "Scaling Law", {Role::driver, Role::effect}),
                            node("scale effect", "Scale effect", {Role::mechanism}),
                            node("架构同质化", "架构同质化", {Role::effect}),
                            node("架构统一", "架构统一", {Role::mechanism}),
                            node("doc:a.md", "01-A", {Role::document})};
    auto edge = [](Relation rel, NodeIndex a, NodeIndex b) {
        Edge e;
        e.relation = rel;
        e.source = a;
        e.target = b;
        e.provenance = {{0, 1, 1}};
        return e;
    };
    std::vector<Edge> edges{edge(Relation::acts_through, 0, 1), edge(Relation::produces, 1, 2),
                            edge(Relation::leads_to, 3, 2),     edge(Relation::mentions, 4, 0),
                            edge(Relation::mentions, 4, 1),     edge(Relation::results_in, 0, 2)};
    Graph g({"a.md"}, std::move(nodes), std::move(edges));
    REQUIRE_FALSE(g.check_invariants().has_value());
    return g;
}

std::string id_of(const Graph& g, NodeIndex v) { return g.node(v).id; }

}  // namespace

TEST_CASE("resolve_name finds exact and normalised names", "[query]") {
    Graph g = sample();
    auto r = resolve_name(g, "scaling law");
    REQUIRE(r.status == NameResolution::Status::found);
    CHECK(id_of(g, r.node) == "scaling law");
    r = resolve_name(g, "**SCALING   Law**");
    REQUIRE(r.status == NameResolution::Status::found);
    CHECK(id_of(g, r.node) == "scaling law");
    r = resolve_name(g, "ｓｃａｌｉｎｇ ｌａｗ");
    REQUIRE(r.status == NameResolution::Status::found);
    CHECK(id_of(g, r.node) == "scaling law");
}

TEST_CASE("resolve_name takes a unique prefix and reports ambiguity", "[query]") {
    Graph g = sample();
    auto r = resolve_name(g, "Scali");
    REQUIRE(r.status == NameResolution::Status::found);
    CHECK(id_of(g, r.node) == "scaling law");
    r = resolve_name(g, "scal");
    REQUIRE(r.status == NameResolution::Status::ambiguous);
    REQUIRE(r.candidates.size() == 2);
    CHECK(id_of(g, r.candidates[0]) == "scale effect");
    CHECK(id_of(g, r.candidates[1]) == "scaling law");
    r = resolve_name(g, "架构");
    CHECK(r.status == NameResolution::Status::ambiguous);
    CHECK(r.candidates.size() == 2);
    r = resolve_name(g, "同质");  // unique substring
    REQUIRE(r.status == NameResolution::Status::found);
    CHECK(id_of(g, r.node) == "架构同质化");
}

TEST_CASE("resolve_name suggests near names for unknown ones", "[query]") {
    Graph g = sample();
    auto r = resolve_name(g, "scaling lwa");
    REQUIRE(r.status == NameResolution::Status::unknown);
    REQUIRE_FALSE(r.candidates.empty());
    CHECK(id_of(g, r.candidates[0]) == "scaling law");
    r = resolve_name(g, "架构同值化");
    REQUIRE(r.status == NameResolution::Status::unknown);
    REQUIRE_FALSE(r.candidates.empty());
    CHECK(id_of(g, r.candidates[0]) == "架构同质化");
    r = resolve_name(g, "completely unrelated words");
    CHECK(r.status == NameResolution::Status::unknown);
    CHECK(r.candidates.empty());
}

TEST_CASE("resolve_name finds documents only when asked", "[query]") {
    Graph g = sample();
    auto r = resolve_name(g, "a.md");
    REQUIRE(r.status == NameResolution::Status::found);
    CHECK(id_of(g, r.node) == "doc:a.md");
    CHECK(resolve_name(g, "doc:a.md", false).status != NameResolution::Status::found);
}

TEST_CASE("list_nodes filters by kind and role and hides documents", "[query]") {
    Graph g = sample();
    auto ids = [&](const std::vector<NodeIndex>& vs) {
        std::vector<std::string> out;
        for (auto v : vs) out.push_back(id_of(g, v));
        return out;
    };
    NodeFilter all;
    CHECK(ids(list_nodes(g, all)) == std::vector<std::string>{"scale effect", "scaling law", "架构同质化", "架构统一"});
    NodeFilter mech;
    mech.kind = Role::mechanism;
    CHECK(ids(list_nodes(g, mech)) == std::vector<std::string>{"scale effect", "架构统一"});
    NodeFilter effect_role;
    effect_role.role = Role::effect;
    CHECK(ids(list_nodes(g, effect_role)) == std::vector<std::string>{"scaling law", "架构同质化"});
    NodeFilter effect_kind;
    effect_kind.kind = Role::effect;
    CHECK(ids(list_nodes(g, effect_kind)) == std::vector<std::string>{"架构同质化"});
    NodeFilter docs;
    docs.include_documents = true;
    CHECK(list_nodes(g, docs).size() == 5);
}

TEST_CASE("grouped_edges groups by relation outgoing first", "[query]") {
    Graph g = sample();
    NodeIndex v = *g.find("scale effect");
    auto groups = grouped_edges(g, v);
    REQUIRE(groups.size() == 2);
    CHECK(groups[0].relation == Relation::acts_through);
    CHECK_FALSE(groups[0].outgoing);
    CHECK(groups[1].relation == Relation::produces);
    CHECK(groups[1].outgoing);
    auto with_mentions = grouped_edges(g, v, true);
    REQUIRE(with_mentions.size() == 3);
    CHECK(with_mentions[2].relation == Relation::mentions);
    CHECK_FALSE(with_mentions[2].outgoing);
    NodeIndex sl = *g.find("scaling law");
    auto sg = grouped_edges(g, sl);
    REQUIRE(sg.size() == 2);
    CHECK(sg[0].relation == Relation::acts_through);
    CHECK(sg[0].outgoing);
    CHECK(sg[1].relation == Relation::results_in);
    CHECK(sg[1].edges.size() == 1);
}
