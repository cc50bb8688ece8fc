// Unit tests: XML escaping, the selection, and each writer's escaping of hostile labels.
#include "convgraph/export.hpp"
#include "convgraph/xml.hpp"

#include "convgraph/error.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <regex>
#include <set>
#include <string>
#include <vector>

using namespace convgraph;

namespace {

Graph nasty_graph() {
    auto node = [](std::string id, std::string label, Role r) {
        Node n;
        n.id = std::move(id);
        n.label = std::move(label);
        n.roles = {r};
        n.kind = r;
        n.provenance = {Mention{{0, 1, 1}, r}};
        return n;
    };
    std::vector<Node> nodes{node("a&b", "A & B <c>", Role::driver), node("ctl", std::string("bad\x01\x0B" "char"), Role::effect),
                            node("q\"", "say \"hi\" ]]> end", Role::mechanism), node("doc:a.md", "01-A", Role::document)};
    auto edge = [](Relation rel, NodeIndex a, NodeIndex b, std::string label) {
        Edge e;
        e.relation = rel;
        e.source = a;
        e.target = b;
        e.label = std::move(label);
        e.provenance = {{0, 2, 1}};
        return e;
    };
    std::vector<Edge> edges{edge(Relation::leads_to, 0, 1, "x < y"), edge(Relation::produces, 2, 1, ""),
                            edge(Relation::mentions, 3, 0, "")};
    Graph g({"a.md"}, std::move(nodes), std::move(edges));
    REQUIRE_FALSE(g.check_invariants().has_value());
    return g;
}

std::vector<std::string> all_matches(const std::string& text, const std::regex& re) {
    std::vector<std::string> out;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator(); ++it)
        out.push_back((*it)[1]);
    return out;
}

}  // namespace

TEST_CASE("xml_escape_attr escapes markup and keeps tabs and newlines as references", "[export][xml]") {
    CHECK(xml_escape_attr("a&b<c>\"d\te\nf\rg") == "a&amp;b&lt;c&gt;&quot;d&#9;e&#10;f&#13;g");
    CHECK(xml_escape_attr(std::string("x\x01y\x0Bz", 5)) == "xyz");
    CHECK(xml_escape_attr("技术'收敛") == "技术'收敛");
}

TEST_CASE("xml_text uses CDATA for ampersand and angle brackets", "[export][xml]") {
    CHECK(xml_text("plain 文本") == "plain 文本");
    CHECK(xml_text("a & b") == "<![CDATA[a & b]]>");
    CHECK(xml_text("<tag>") == "<![CDATA[<tag>]]>");
    CHECK(xml_text("x]]>y<") == "<![CDATA[x]]]]><![CDATA[>y<]]>");
    CHECK(xml_text(std::string("a\x01\x1F" "b", 4)) == "ab");
    CHECK(xml_text("say \"hi\"") == "say \"hi\"");
}

TEST_CASE("GraphML declares every endpoint with unique ids and clean text", "[export][graphml]") {
    Graph g = nasty_graph();
    ExportOptions options;
    ExportSelection sel = select_for_export(g, options);
    std::string xml = write_graphml(g, sel, options);
    CHECK(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 0) == 0);
    CHECK(xml.find('\x01') == std::string::npos);
    CHECK(xml.find('\x0B') == std::string::npos);
    CHECK(xml.find("<![CDATA[A & B <c>]]>") != std::string::npos);
    CHECK(xml.find("badchar") != std::string::npos);
    CHECK(xml.find("<![CDATA[x < y]]>") != std::string::npos);

    auto node_ids = all_matches(xml, std::regex("<node id=\"([^\"]*)\""));
    auto edge_ids = all_matches(xml, std::regex("<edge id=\"([^\"]*)\""));
    auto sources = all_matches(xml, std::regex("<edge [^>]*source=\"([^\"]*)\""));
    auto targets = all_matches(xml, std::regex("<edge [^>]*target=\"([^\"]*)\""));
    std::set<std::string> declared(node_ids.begin(), node_ids.end());
    CHECK(declared.size() == node_ids.size());
    CHECK(node_ids.size() == 3);  // the document is left out by default
    std::set<std::string> unique_edges(edge_ids.begin(), edge_ids.end());
    CHECK(unique_edges.size() == edge_ids.size());
    CHECK(edge_ids.size() == 2);  // the mentions edge goes with the document
    for (const auto& s : sources) CHECK(declared.count(s) == 1);
    for (const auto& t : targets) CHECK(declared.count(t) == 1);
    for (const auto& id : node_ids) CHECK(edge_ids.end() == std::find(edge_ids.begin(), edge_ids.end(), id));
}

TEST_CASE("GraphML with documents includes them and their edges", "[export][graphml]") {
    Graph g = nasty_graph();
    ExportOptions options;
    options.with_documents = true;
    ExportSelection sel = select_for_export(g, options);
    std::string xml = write_graphml(g, sel, options);
    CHECK(all_matches(xml, std::regex("<node id=\"([^\"]*)\"")).size() == 4);
    CHECK(all_matches(xml, std::regex("<edge id=\"([^\"]*)\"")).size() == 3);
}

TEST_CASE("the export table knows graphml", "[export]") {
    const ExportFormat* f = find_export_format("graphml");
    REQUIRE(f != nullptr);
    CHECK(f->extension == ".graphml");
    CHECK(find_export_format("no-such-format") == nullptr);
}

namespace {

// A chain a -> b -> c -> d (leads_to), a -> b also acts_through (parallel), e isolated, and a
// document mentioning a and b.
Graph chain_graph() {
    auto node = [](std::string id, Role r, std::string path = "n.md") {
        Node n;
        n.id = id;
        n.label = id;
        n.roles = {r};
        n.kind = r;
        n.provenance = {Mention{{path == "m.md" ? 0u : 1u, 1, 1}, r}};
        return n;
    };
    std::vector<Node> nodes{node("a", Role::driver), node("b", Role::mechanism), node("c", Role::effect, "m.md"),
                            node("d", Role::effect, "m.md"), node("e", Role::case_, "m.md"),
                            node("doc:n.md", Role::document), node("doc:m.md", Role::document, "m.md")};
    auto edge = [](Relation rel, NodeIndex a, NodeIndex b) {
        Edge e;
        e.relation = rel;
        e.source = a;
        e.target = b;
        e.provenance = {{1, 3, 1}};
        return e;
    };
    std::vector<Edge> edges{edge(Relation::leads_to, 0, 1), edge(Relation::acts_through, 0, 1),
                            edge(Relation::leads_to, 1, 2), edge(Relation::leads_to, 2, 3),
                            edge(Relation::mentions, 5, 0), edge(Relation::mentions, 5, 1)};
    Graph g({"m.md", "n.md"}, std::move(nodes), std::move(edges));
    REQUIRE_FALSE(g.check_invariants().has_value());
    return g;
}

std::set<std::string> selected_ids(const Graph& g, const ExportSelection& sel) {
    std::set<std::string> out;
    for (NodeIndex v = 0; v < g.node_count(); ++v)
        if (sel.node[v]) out.insert(g.node(v).id);
    return out;
}

std::set<std::string> selected_edges(const Graph& g, const ExportSelection& sel) {
    std::set<std::string> out;
    for (EdgeIndex e = 0; e < g.edge_count(); ++e)
        if (sel.edge[e])
            out.insert(g.node(g.edge(e).source).id + ">" + g.node(g.edge(e).target).id + ":" +
                       std::string(to_string(g.edge(e).relation)));
    return out;
}

bool has_xml_invalid(const std::string& s) {
    return std::any_of(s.begin(), s.end(), [](char c) {
        auto u = static_cast<unsigned char>(c);
        return u < 0x20 && c != '\t' && c != '\n' && c != '\r';
    });
}

bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

}  // namespace

TEST_CASE("selection: documents are left out unless asked for", "[export][select]") {
    Graph g = chain_graph();
    ExportOptions o;
    auto sel = select_for_export(g, o);
    CHECK(selected_ids(g, sel) == std::set<std::string>{"a", "b", "c", "d", "e"});
    CHECK(sel.edge_count() == 4);
    o.relations = {Relation::mentions};  // asking for a document relation brings the documents
    sel = select_for_export(g, o);
    CHECK(selected_ids(g, sel) == std::set<std::string>{"a", "b", "doc:n.md"});
    CHECK(sel.edge_count() == 2);
}

TEST_CASE("selection: --kind keeps nodes of those kinds and the edges between them", "[export][select]") {
    Graph g = chain_graph();
    ExportOptions o;
    o.kinds = {Role::effect, Role::case_};
    auto sel = select_for_export(g, o);
    CHECK(selected_ids(g, sel) == std::set<std::string>{"c", "d", "e"});
    CHECK(selected_edges(g, sel) == std::set<std::string>{"c>d:leads_to"});
}

TEST_CASE("selection: --relation keeps those edges and drops nodes left without one", "[export][select]") {
    Graph g = chain_graph();
    ExportOptions o;
    o.relations = {Relation::acts_through};
    auto sel = select_for_export(g, o);
    CHECK(selected_ids(g, sel) == std::set<std::string>{"a", "b"});
    CHECK(selected_edges(g, sel) == std::set<std::string>{"a>b:acts_through"});
}

TEST_CASE("selection: --around walks both directions up to --depth", "[export][select]") {
    Graph g = chain_graph();
    ExportOptions o;
    o.around = "c";
    o.depth = 1;
    CHECK(selected_ids(g, select_for_export(g, o)) == std::set<std::string>{"b", "c", "d"});
    o.depth = 2;
    auto sel = select_for_export(g, o);
    CHECK(selected_ids(g, sel) == std::set<std::string>{"a", "b", "c", "d"});
    CHECK(sel.edge_count() == 4);  // induced: both parallel a>b edges
    o.depth = 0;
    CHECK(selected_ids(g, select_for_export(g, o)) == std::set<std::string>{"c"});
    o.depth = 5;
    o.relations = {Relation::acts_through};  // the walk follows only kept edges
    o.around = "b";
    CHECK(selected_ids(g, select_for_export(g, o)) == std::set<std::string>{"a", "b"});
    o.relations.clear();
    o.around = "e";  // an isolated centre is still shown
    CHECK(selected_ids(g, select_for_export(g, o)) == std::set<std::string>{"e"});
    o.around = "zzz";
    CHECK_THROWS_AS(select_for_export(g, o), Error);
    o.around = "c";
    o.depth = -1;
    CHECK_THROWS_AS(select_for_export(g, o), Error);
}

TEST_CASE("selection: --doc keeps what a note mentions, matched by path suffix", "[export][select]") {
    Graph g = chain_graph();
    ExportOptions o;
    o.doc = "corpus/m.md";
    CHECK(selected_ids(g, select_for_export(g, o)) == std::set<std::string>{"c", "d", "e"});
    o.doc = "n.md";
    o.with_documents = true;
    CHECK(selected_ids(g, select_for_export(g, o)) == std::set<std::string>{"a", "b", "doc:n.md"});
    o.doc = "other.md";
    CHECK_THROWS_AS(select_for_export(g, o), Error);
}

TEST_CASE("every text format strips XML-invalid characters and is byte-stable", "[export]") {
    Graph g = nasty_graph();
    ExportOptions o;
    o.with_documents = true;
    auto sel = select_for_export(g, o);
    for (const auto& f : export_formats()) {
        if (f.name == "svg" || f.name == "png") continue;  // rendered pictures: tested end to end
        INFO("format " << f.name);
        auto first = f.write(g, sel, o);
        auto second = f.write(g, sel, o);
        REQUIRE(first.size() == second.size());
        CHECK(first.size() == (f.multi_file ? 2u : 1u));
        for (std::size_t i = 0; i < first.size(); ++i) {
            CHECK(first[i].content == second[i].content);
            CHECK_FALSE(has_xml_invalid(first[i].content));
        }
        CHECK(contains(first.front().content, "badchar"));  // the label, its control characters gone
    }
}

TEST_CASE("GEXF escapes attributes and writes the relation as the edge kind", "[export][gexf]") {
    Graph g = nasty_graph();
    ExportOptions o;
    auto sel = select_for_export(g, o);
    std::string x = write_gexf(g, sel, o);
    CHECK(contains(x, "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" version=\"1.3\">"));
    CHECK(contains(x, "label=\"A &amp; B &lt;c&gt;\""));
    CHECK(contains(x, "id=\"q&quot;\" label=\"say &quot;hi&quot; ]]&gt; end\""));
    CHECK(contains(x, "kind=\"leads_to\" label=\"x &lt; y\""));
    CHECK(contains(x, "<viz:color r=\"228\" g=\"26\" b=\"28\"/>"));
    CHECK_FALSE(contains(x, "lastmodifieddate"));
    o.gexf_version = "1.2";
    x = write_gexf(g, sel, o);
    CHECK(contains(x, "xmlns=\"http://www.gexf.net/1.2draft\""));
    CHECK_FALSE(contains(x, " kind=\""));  // 1.2draft has no edge kind; the relation is an attvalue
    CHECK(contains(x, "<attvalue for=\"relation\" value=\"leads_to\"/>"));
    o.gexf_version = "2";
    CHECK_THROWS_AS(write_gexf(g, sel, o), Error);
}

TEST_CASE("DOT quotes ids and labels, escaping quotes and backslashes", "[export][dot]") {
    Node n;
    n.id = "back\\slash \"q\"";
    n.label = "line\nbreak \\N";
    n.roles = {Role::concept_};
    n.kind = Role::concept_;
    n.provenance = {Mention{{0, 1, 1}, Role::concept_}};
    Graph g({"a.md"}, std::vector<Node>{n}, Edges{});
    ExportOptions o;
    std::string d = write_dot(g, select_for_export(g, o), o);
    CHECK(contains(d, "\"back\\\\slash \\\"q\\\"\" [label=\"line break \\\\N\""));
    CHECK(d.rfind("digraph convgraph {\n", 0) == 0);
    o.cluster = DotCluster::kind;
    CHECK(contains(write_dot(g, select_for_export(g, o), o), "subgraph \"cluster_0\" {\n    label=\"concept\";"));
}

TEST_CASE("node-link JSON is strict JSON with both edge keys", "[export][json]") {
    Graph g = nasty_graph();
    ExportOptions o;
    auto j = nlohmann::json::parse(write_node_link_json(g, select_for_export(g, o), o));
    CHECK(j["directed"] == true);
    CHECK(j["multigraph"] == true);
    CHECK(j["links"] == j["edges"]);
    CHECK(j["nodes"].size() == 3);
    CHECK(j["links"].size() == 2);
    std::set<std::string> labels;
    for (const auto& n : j["nodes"]) labels.insert(n["label"].get<std::string>());
    CHECK(labels == std::set<std::string>{"A & B <c>", "badchar", "say \"hi\" ]]> end"});
}

TEST_CASE("Gephi CSV quotes, doubles quotes and backslashes - neo4j CSV doubles only quotes", "[export][csv]") {
    Node n;
    n.id = "x";
    n.label = "a, \"b\" \\c";
    n.roles = {Role::driver};
    n.kind = Role::driver;
    n.provenance = {Mention{{0, 1, 1}, Role::driver}};
    Graph g({"a.md"}, std::vector<Node>{n}, Edges{});
    ExportOptions o;
    auto sel = select_for_export(g, o);
    auto gephi = write_gephi_csv(g, sel, o);
    REQUIRE(gephi.size() == 2);
    CHECK(gephi[0].suffix == ".nodes.csv");
    CHECK(gephi[1].suffix == ".edges.csv");
    CHECK(gephi[0].content.rfind("Id,Label,", 0) == 0);
    CHECK(contains(gephi[0].content, "x,\"a, \"\"b\"\" \\\\c\",driver,"));
    CHECK(gephi[1].content.rfind("Source,Target,Type,Kind,Id,Label,Weight", 0) == 0);
    auto neo = write_neo4j_csv(g, sel, o);
    REQUIRE(neo.size() == 2);
    CHECK(neo[1].suffix == ".relationships.csv");
    CHECK(contains(neo[0].content, "x,\"a, \"\"b\"\" \\c\",driver,driver,,a.md:1:1,Concept;Driver\n"));
    CHECK(neo[1].content == ":START_ID,:END_ID,:TYPE,label,description,provenance,weight:double\n");
}

TEST_CASE("Cypher escapes string literals and uses static relationship types", "[export][cypher]") {
    Graph g = nasty_graph();
    ExportOptions o;
    std::string c = write_cypher(g, select_for_export(g, o), o);
    CHECK(contains(c, "label: 'say \"hi\" ]]> end'"));
    CHECK(contains(c, "MERGE (a)-[r:LEADS_TO]->(b)"));
    CHECK(contains(c, "MERGE (a)-[r:PRODUCES]->(b)"));
    CHECK(contains(c, "CREATE CONSTRAINT convgraph_concept_id IF NOT EXISTS"));
    Node n;
    n.id = "it's";
    n.label = "back\\slash";
    n.roles = {Role::case_};
    n.kind = Role::case_;
    n.provenance = {Mention{{0, 1, 1}, Role::case_}};
    Graph g2({"a.md"}, std::vector<Node>{n}, Edges{});
    c = write_cypher(g2, select_for_export(g2, o), o);
    CHECK(contains(c, "{id: 'it\\'s', label: 'back\\\\slash'"));
    CHECK(contains(c, "SET n:Case;"));
}

TEST_CASE("Mermaid labels use entity codes and ids are safe", "[export][mermaid]") {
    Graph g = nasty_graph();
    ExportOptions o;
    std::string m = write_mermaid(g, select_for_export(g, o), o);
    CHECK(m.rfind("flowchart LR\n", 0) == 0);
    CHECK(contains(m, "n0[\"A #amp; B #lt;c#gt;\"]"));
    CHECK(contains(m, "[\"say #quot;hi#quot; ]]#gt; end\"]"));
    CHECK(contains(m, "-.->|\"x #lt; y\"|"));
    CHECK(contains(m, "classDef driver fill:"));
}

TEST_CASE("the format table suggests near names", "[export]") {
    auto s = suggest_export_formats("grapml");
    REQUIRE_FALSE(s.empty());
    CHECK(s.front() == "graphml");
    CHECK(suggest_export_formats("gex").front() == "gexf");
    CHECK(suggest_export_formats("zzzzzzzz").empty());
    for (const auto& f : export_formats()) CHECK(find_export_format(f.name) == &f);
}
