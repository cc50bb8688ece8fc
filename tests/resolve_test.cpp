// Unit tests: concept resolution (one node per concept, merged edges) and the Graph container.
#include "convgraph/graph.hpp"
#include "convgraph/resolve.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace convgraph;

namespace {

void require_invariants(const Graph& g) {
    auto problem = g.check_invariants();
    INFO(problem.value_or(""));
    REQUIRE_FALSE(problem.has_value());
}

const Node& node(const Graph& g, const std::string& id) {
    auto v = g.find(id);
    INFO("node " << id);
    REQUIRE(v.has_value());
    return g.node(*v);
}

const Edge* edge(const Graph& g, Relation rel, const std::string& from, const std::string& to) {
    auto a = g.find(from), b = g.find(to);
    if (!a || !b) return nullptr;
    for (EdgeIndex e : g.out_edges(*a))
        if (g.edge(e).relation == rel && g.edge(e).target == *b) return &g.edge(e);
    return nullptr;
}

RelationFact fact(Relation rel, std::string from, std::string to, SourceLoc loc) {
    RelationFact f;
    f.relation = rel;
    f.from = std::move(from);
    f.to = std::move(to);
    f.loc = std::move(loc);
    return f;
}

std::vector<NoteFacts> two_notes() {
    NoteFacts a;
    a.path = "a.md";
    a.title = "01-甲";
    a.subject = "甲";
    a.title_loc = {"a.md", 1, 1};
    a.mentions = {{"**Scaling  Law**", Role::driver, {"a.md", 3, 1}, ""},
                  {"scaling law", Role::effect, {"a.md", 5, 4}, "描述"},
                  {"X", Role::concept_, {"a.md", 6, 5}, ""},
                  {"Y", Role::concept_, {"a.md", 6, 12}, ""},
                  {"Y", Role::case_, {"a.md", 7, 4}, ""},
                  {"层", Role::layer, {"a.md", 8, 1}, ""},
                  {"层", Role::aspect, {"a.md", 9, 1}, ""},
                  {"E", Role::case_, {"a.md", 10, 1}, ""},
                  {"E", Role::effect, {"a.md", 11, 1}, ""}};
    a.relations = {fact(Relation::acts_through, "Scaling Law", "M", {"a.md", 3, 1}),
                   fact(Relation::acts_through, "scaling law", "M", {"a.md", 4, 1}),
                   fact(Relation::leads_to, "X", "Y", {"a.md", 6, 7})};
    a.relations.back().label = "弱";
    a.relations.back().attributes = {{"stroke", "dotted"}};
    NoteFacts b;
    b.path = "b.md";
    b.title = "02-乙";
    b.subject = "乙";
    b.title_loc = {"b.md", 1, 1};
    b.mentions = {{"SCALING LAW", Role::mechanism, {"b.md", 2, 1}, ""}, {"m", Role::mechanism, {"b.md", 2, 9}, ""}};
    b.relations = {fact(Relation::acts_through, "ＳＣＡＬＩＮＧ ＬＡＷ", "m", {"b.md", 2, 1})};
    return {a, b};
}

}  // namespace

TEST_CASE("one node per concept across notes with the union of roles", "[resolve]") {
    Graph g = resolve_graph(two_notes(), {}, AliasTable{});
    require_invariants(g);
    const Node& sl = node(g, "scaling law");
    CHECK(sl.label == "Scaling Law");  // first spelling in corpus order, marks stripped
    CHECK(sl.roles == std::vector<Role>{Role::driver, Role::mechanism, Role::effect});
    CHECK(sl.kind == Role::driver);
    CHECK(sl.description == "描述");
    REQUIRE(sl.provenance.size() == 3);
    CHECK(g.location(sl.provenance[0].place) == SourceLoc{"a.md", 3, 1});
    CHECK(sl.provenance[0].role == Role::driver);
    CHECK(g.location(sl.provenance[2].place) == SourceLoc{"b.md", 2, 1});
    CHECK(sl.provenance[2].role == Role::mechanism);
}

TEST_CASE("kind follows the precedence and concept is dropped beside other roles", "[resolve]") {
    Graph g = resolve_graph(two_notes(), {}, AliasTable{});
    require_invariants(g);
    CHECK(node(g, "x").roles == std::vector<Role>{Role::concept_});
    CHECK(node(g, "x").kind == Role::concept_);
    CHECK(node(g, "y").roles == std::vector<Role>{Role::case_});
    CHECK(node(g, "层").roles == std::vector<Role>{Role::layer, Role::aspect});
    CHECK(node(g, "层").kind == Role::layer);
    CHECK(node(g, "e").roles == std::vector<Role>{Role::effect, Role::case_});
    CHECK(node(g, "e").kind == Role::effect);
    CHECK(node(g, "m").kind == Role::mechanism);
}

TEST_CASE("the same fact stated several times is one edge with several provenances", "[resolve]") {
    Graph g = resolve_graph(two_notes(), {}, AliasTable{});
    require_invariants(g);
    const Edge* e = edge(g, Relation::acts_through, "scaling law", "m");
    REQUIRE(e != nullptr);
    CHECK(g.locations(e->provenance) == std::vector<SourceLoc>{{"a.md", 3, 1}, {"a.md", 4, 1}, {"b.md", 2, 1}});
    int count = 0;
    for (const auto& x : g.edges())
        if (x.relation == Relation::acts_through) ++count;
    CHECK(count == 1);
    const Edge* l = edge(g, Relation::leads_to, "x", "y");
    REQUIRE(l != nullptr);
    CHECK(l->label == "弱");
    CHECK(l->attributes == std::vector<std::pair<std::string, std::string>>{{"stroke", "dotted"}});
}

TEST_CASE("document nodes mentions and links_to edges", "[resolve]") {
    std::vector<DocumentLink> links{{"a.md", "b.md", {"a.md", 20, 3}}, {"a.md", "missing.md", {"a.md", 21, 3}}};
    Graph g = resolve_graph(two_notes(), links, AliasTable{});
    require_invariants(g);
    CHECK(document_node_id("dir/a.md") == "doc:dir/a.md");
    const Node& da = node(g, "doc:a.md");
    CHECK(da.kind == Role::document);
    CHECK(da.label == "01-甲");
    const Edge* link = edge(g, Relation::links_to, "doc:a.md", "doc:b.md");
    REQUIRE(link != nullptr);
    CHECK(g.locations(link->provenance) == std::vector<SourceLoc>{{"a.md", 20, 3}});
    int links_to = 0;
    for (const auto& e : g.edges())
        if (e.relation == Relation::links_to) ++links_to;
    CHECK(links_to == 1);
    CHECK(edge(g, Relation::mentions, "doc:a.md", "scaling law") != nullptr);
    CHECK(edge(g, Relation::mentions, "doc:b.md", "scaling law") != nullptr);
    CHECK(edge(g, Relation::mentions, "doc:b.md", "x") == nullptr);
    const Edge* m = edge(g, Relation::mentions, "doc:a.md", "y");
    REQUIRE(m != nullptr);
    CHECK(g.locations(m->provenance) == std::vector<SourceLoc>{{"a.md", 6, 12}, {"a.md", 7, 4}});
}

TEST_CASE("aliases merge spellings into the target concept", "[resolve]") {
    NoteFacts n;
    n.path = "a.md";
    n.mentions = {{"LLM", Role::driver, {"a.md", 2, 1}, ""}, {"Large Language Model", Role::effect, {"a.md", 3, 1}, ""}};
    AliasTable aliases;
    aliases.add("llm", "Large Language Model");
    Graph g = resolve_graph({n}, {}, aliases);
    require_invariants(g);
    CHECK_FALSE(g.find("llm").has_value());
    CHECK(node(g, "large language model").roles == std::vector<Role>{Role::driver, Role::effect});
    // Labelled as the configuration spells the target, though the note says "LLM" first.
    CHECK(node(g, "large language model").label == "Large Language Model");
    CHECK(g.node_count() == 2);  // the concept and the document
    REQUIRE(g.aliases().size() == 1);
    CHECK(g.aliases()[0].first == "llm");
    CHECK(g.node(g.aliases()[0].second).id == "large language model");
}

TEST_CASE("an alias that is itself the id of a concept is not kept as an alias", "[resolve]") {
    NoteFacts n;
    n.path = "a.md";
    n.mentions = {{"甲", Role::driver, {"a.md", 2, 1}, ""}, {"乙", Role::effect, {"a.md", 3, 1}, ""}};
    AliasTable aliases;
    aliases.add("甲", "乙");  // 甲 → 乙 ...
    aliases.add("乙", "丙");  // ... and 乙 → 丙, not chained: the mention of 甲 becomes the node 乙
    Graph g = resolve_graph({n}, {}, aliases);
    CHECK(g.find("乙").has_value());
    CHECK(g.find("丙").has_value());
    // "甲" names 乙; "乙" is a node's own id (乙's mention went to 丙), so it is no alias.
    REQUIRE(g.aliases().size() == 1);
    CHECK(g.aliases()[0].first == "甲");
    CHECK(g.node(g.aliases()[0].second).id == "乙");
}

TEST_CASE("Graph sorts nodes and edges and answers adjacency", "[resolve][graph]") {
    std::vector<Node> nodes(3);
    nodes[0].id = "c";
    nodes[1].id = "a";
    nodes[2].id = "b";
    for (auto& n : nodes) n.roles = {Role::concept_};
    std::vector<Edge> edges(2);
    edges[0].source = 0;  // c → a
    edges[0].target = 1;
    edges[0].provenance = {{0, 1, 1}};
    edges[1].source = 1;  // a → b
    edges[1].target = 2;
    edges[1].provenance = {{0, 2, 1}};
    Graph g({"x.md"}, std::move(nodes), std::move(edges));
    require_invariants(g);
    REQUIRE(g.node_count() == 3);
    CHECK(g.node(0).id == "a");
    CHECK(g.node(2).id == "c");
    CHECK(g.edge(0).source == 0);  // a → b first
    CHECK(g.edge(0).target == 1);
    CHECK(g.edge(1).source == 2);
    CHECK(g.out_edges(0) == std::vector<EdgeIndex>{0});
    CHECK(g.in_edges(0) == std::vector<EdgeIndex>{1});
    CHECK(g.degree(0) == 2);
    CHECK(g.degree(1) == 1);
    CHECK_FALSE(g.find("zz").has_value());
    Graph empty;
    CHECK(empty.node_count() == 0);
    CHECK_FALSE(empty.check_invariants().has_value());
}

TEST_CASE("check_invariants reports broken graphs", "[resolve][graph]") {
    auto make = [](bool duplicate, bool traced, Role kind) {
        std::vector<Node> nodes(2);
        nodes[0].id = "a";
        nodes[1].id = "b";
        for (auto& n : nodes) n.roles = {Role::driver, Role::effect};
        nodes[0].kind = kind;
        nodes[1].kind = Role::driver;
        std::vector<Edge> edges(duplicate ? 2 : 1);
        for (auto& e : edges) {
            e.source = 0;
            e.target = 1;
            if (traced) e.provenance = {{0, 1, 1}};
        }
        return Graph({"x.md"}, std::move(nodes), std::move(edges));
    };
    CHECK_FALSE(make(false, true, Role::driver).check_invariants().has_value());
    CHECK(make(true, true, Role::driver).check_invariants() == std::optional<std::string>("duplicate edge leads_to 'a' -> 'b'"));
    CHECK(make(false, false, Role::driver).check_invariants() ==
          std::optional<std::string>("edge leads_to from 'a' has no provenance"));
    CHECK(make(false, true, Role::effect).check_invariants() ==
          std::optional<std::string>("node 'a' kind is not its first role"));
}

namespace {

// Many notes naming overlapping concepts: the same edges stated by several notes, with labels and
// descriptions given by some of them only, so "first in corpus order" matters.
std::vector<NoteFacts> many_notes() {
    std::vector<NoteFacts> notes;
    for (int n = 0; n < 300; ++n) {
        NoteFacts f;
        f.path = "n" + std::to_string(1000 + n) + ".md";
        f.title = "0" + std::to_string(n) + "-笔记";
        f.title_loc = {f.path, 1, 1};
        for (int i = 0; i < 40; ++i) {
            const std::string a = "概念" + std::to_string((n * 7 + i) % 90);
            const std::string b = "概念" + std::to_string((n + i * 3) % 70);
            f.mentions.push_back({a, i % 2 ? Role::driver : Role::effect, {f.path, 10 + i, 1}, i % 5 ? "" : "描述" + std::to_string(n)});
            RelationFact r = fact(i % 3 ? Relation::leads_to : Relation::acts_through, a, b, {f.path, 10 + i, 5});
            if ((n + i) % 4 == 0) r.label = "标签" + std::to_string(n);
            if ((n + i) % 6 == 0) r.description = "说明" + std::to_string(n);
            if ((n + i) % 9 == 0) r.attributes = {{"stroke", "dotted"}};
            f.relations.push_back(std::move(r));
        }
        notes.push_back(std::move(f));
    }
    return notes;
}

// Every field of every node and edge, in order.
std::string dump(const Graph& g) {
    std::string out;
    for (const Node& n : g.nodes()) {
        out += n.id + "|" + n.label + "|" + n.description + "|" + std::to_string(static_cast<int>(n.kind));
        for (const Mention& m : n.provenance)
            out += "|" + std::to_string(m.place.file) + ":" + std::to_string(m.place.line) + ":" + std::to_string(m.place.column);
        out += "\n";
    }
    for (const Edge& e : g.edges()) {
        out += std::to_string(e.source) + ">" + std::to_string(e.target) + "|" + std::string(to_string(e.relation)) + "|" +
               std::string(e.label.view()) + "|" + std::string(e.description.view());
        for (const auto& [k, v] : e.attributes.items()) out += "|" + std::string(k) + "=" + std::string(v);
        for (const Place& p : e.provenance)
            out += "|" + std::to_string(p.file) + ":" + std::to_string(p.line) + ":" + std::to_string(p.column);
        out += "\n";
    }
    return out;
}

}  // namespace

TEST_CASE("a pipelined builder gives the same graph as a serial one", "[resolve]") {
    const auto notes = many_notes();
    const std::vector<DocumentLink> links = {{"n1000.md", "n1001.md", {"n1000.md", 3, 1}},
                                             {"n1299.md", "n1000.md", {"n1299.md", 4, 2}}};
    const std::string serial = dump(resolve_graph(notes, links, AliasTable{}));
    REQUIRE(serial.find("标签") != std::string::npos);
    for (int by_copy = 0; by_copy < 2; ++by_copy) {
        const AliasTable aliases;  // the builder keeps a reference
        GraphBuilder builder(aliases, true);
        for (const auto& n : notes) {
            if (by_copy)
                builder.add_note(n);
            else
                builder.add_note(NoteFacts(n));
        }
        builder.add_links(links);
        Graph g = builder.finish();
        require_invariants(g);
        CHECK(dump(g) == serial);
    }
}

TEST_CASE("a pipelined builder dropped before finish stops its thread", "[resolve]") {
    const auto notes = many_notes();
    for (std::size_t count : {std::size_t{0}, std::size_t{1}, notes.size()}) {
        const AliasTable aliases;
        GraphBuilder builder(aliases, true);
        for (std::size_t i = 0; i < count; ++i) builder.add_note(NoteFacts(notes[i]));
    }  // the destructor joins the edge thread (a hang or a leak here fails the test run)
    SUCCEED();
}
