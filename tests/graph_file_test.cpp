// Unit tests: the JSON graph file — round trip and rejection of bad files.
#include "convgraph/error.hpp"
#include "convgraph/graph_file.hpp"
#include "convgraph/pipeline.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>
#include <string>
#include <utility>
#include <vector>

using namespace convgraph;

namespace {

std::string sample_json() {
    BuildOptions options;
    options.jobs = 1;
    options.aliases.add("乙的别名", "乙");
    options.aliases.add("无处", "不存在的概念");  // no such concept: left out of the graph's aliases
    BuildResult r = build_graph_from_sources(
        {{"a.md", "# 01-甲\n\n| 因素 | 作用机制 | 收敛效果 |\n|---|---|---|\n| **乙** | 机制\"引号\"，\\反斜杠 | 效果 |\n\n"
                  "```mermaid\ngraph LR\n  A[机制] -.->|标签 & <尖括号>| B[效果]\n```\n\n[b](b.md) [坏](#nope)\n"},
         {"b.md", "# 02-丙\n\n## 一、丙驱动力\n\n**收敛效果**：\n\n1. **乙**：描述\n"}},
        options);
    return write_graph_json(r);
}

}  // namespace

TEST_CASE("write read write is byte-identical", "[graph_file]") {
    std::string first = sample_json();
    BuildResult back = read_graph_json(first);
    REQUIRE_FALSE(back.graph.check_invariants().has_value());
    CHECK(write_graph_json(back) == first);
    CHECK(first.back() == '\n');
    auto j = nlohmann::json::parse(first);
    CHECK(j["format"] == "convgraph-graph");
    CHECK(j["schema_version"] == k_graph_schema_version);
    CHECK(j["summary"]["documents"] == 2);
    CHECK(back.documents.size() == 2);
    CHECK(back.graph.node_count() == j["nodes"].size());
    CHECK(back.diagnostics.size() == j["diagnostics"].size());
    CHECK(j["aliases"] == nlohmann::json::object({{"乙的别名", "乙"}}));
    REQUIRE(back.graph.aliases().size() == 1);
    CHECK(back.graph.aliases()[0].first == "乙的别名");
    CHECK(back.graph.node(back.graph.aliases()[0].second).id == "乙");
}

TEST_CASE("aliases are written only when there are some, and must name nodes", "[graph_file]") {
    BuildResult plain = build_graph_from_sources({{"a.md", "# 01-甲\n"}}, BuildOptions{});
    CHECK(write_graph_json(plain).find("\"aliases\"") == std::string::npos);
    auto j = nlohmann::ordered_json::parse(sample_json());
    j["aliases"]["别的"] = "没有这个节点";
    CHECK_THROWS_WITH(read_graph_json(j.dump()), Catch::Contains("alias '别的' names '没有这个节点', which is not a node"));
    j["aliases"] = nlohmann::ordered_json::array();
    CHECK_THROWS_WITH(read_graph_json(j.dump()), Catch::Contains("\"aliases\" is not an object"));
    j["aliases"] = {{"别的", 3}};
    CHECK_THROWS_WITH(read_graph_json(j.dump()), Catch::Contains("alias '别的' does not name a node id"));
}

TEST_CASE("malformed JSON is an Error", "[graph_file]") {
    CHECK_THROWS_AS(read_graph_json("{"), Error);
    CHECK_THROWS_AS(read_graph_json(""), Error);
    CHECK_THROWS_AS(read_graph_json("[]"), Error);
    CHECK_THROWS_AS(read_graph_json("{\"format\": \"something-else\", \"schema_version\": 1}"), Error);
}

TEST_CASE("an unknown schema version is an Error", "[graph_file]") {
    auto j = nlohmann::ordered_json::parse(sample_json());
    j["schema_version"] = k_graph_schema_version + 1;
    CHECK_THROWS_WITH(read_graph_json(j.dump()), Catch::Contains("schema version " + std::to_string(k_graph_schema_version + 1) + " is not supported"));
}

TEST_CASE("a dangling edge endpoint is an Error", "[graph_file]") {
    auto j = nlohmann::ordered_json::parse(sample_json());
    REQUIRE_FALSE(j["edges"].empty());
    j["edges"][0]["target"] = "no such node";
    CHECK_THROWS_AS(read_graph_json(j.dump()), Error);
    CHECK_THROWS_WITH(read_graph_json(j.dump()), Catch::Contains("'no such node' is not a node"));
}

TEST_CASE("missing keys and wrong types are an Error", "[graph_file]") {
    auto j = nlohmann::ordered_json::parse(sample_json());
    j["nodes"][0].erase("label");
    CHECK_THROWS_AS(read_graph_json(j.dump()), Error);
    auto k = nlohmann::ordered_json::parse(sample_json());
    k["nodes"][0]["kind"] = "dragon";
    CHECK_THROWS_AS(read_graph_json(k.dump()), Error);
    auto d = nlohmann::ordered_json::parse(sample_json());
    d["nodes"].push_back(d["nodes"][0]);
    CHECK_THROWS_AS(read_graph_json(d.dump()), Error);
}

TEST_CASE("places name documents that exist", "[graph_file]") {
    auto j = nlohmann::ordered_json::parse(sample_json());
    j["edges"][0]["at"][0][0] = 7;  // there are two documents
    CHECK_THROWS_WITH(read_graph_json(j.dump()), Catch::Contains("names document 7"));
    auto k = nlohmann::ordered_json::parse(sample_json());
    k["nodes"][0]["at"][0] = nlohmann::ordered_json::array({0, 1});
    CHECK_THROWS_WITH(read_graph_json(k.dump()), Catch::Contains("[document, line, column, role]"));
}

TEST_CASE("a version 1 graph file is refused by its version, not by its shape", "[graph_file]") {
    std::string old = "{\"format\": \"convgraph-graph\", \"schema_version\": 1, \"nodes\": [{\"id\": \"a\", \"provenance\": []}]}";
    CHECK_THROWS_WITH(read_graph_json(old), Catch::Contains("schema version 1 is not supported"));
}

TEST_CASE("strings with quotes, controls and invalid UTF-8 are escaped into valid JSON", "[graph_file]") {
    BuildResult r;
    Node n;
    n.id = "a\"b\\c";
    n.label = std::string("tab\there\x01 nl\nend \xC3\x28 bad \xEF\xBF\xBD kept");
    n.roles = {Role::concept_};
    n.provenance = {Mention{{0, 1, 1}, Role::concept_}};
    r.documents.push_back(DocumentInfo{"a.md", "", "", "", 1});
    r.graph = Graph({"a.md"}, {n}, Edges{});
    std::string text = write_graph_json(r);
    CHECK(text.find(R"("id": "a\"b\\c")") != std::string::npos);
    CHECK(text.find(R"(tab\there\u0001 nl\nend )") != std::string::npos);
    auto j = nlohmann::json::parse(text);  // throws on invalid JSON or UTF-8
    CHECK(j["nodes"][0]["label"] == "tab\there\x01 nl\nend \xEF\xBF\xBD( bad \xEF\xBF\xBD kept");
    BuildResult back = read_graph_json(text);
    CHECK(back.graph.node(0).id == n.id);
}

TEST_CASE("the graph file is the same bytes on any number of threads", "[graph_file]") {
    // Enough edges for several blocks of the parallel writer.
    std::vector<std::pair<std::string, std::string>> sources;
    for (int n = 0; n < 30; ++n) {
        std::string text = "# 0" + std::to_string(n) + "-笔记\n\n| 因素 | 作用机制 | 收敛效果 |\n|---|---|---|\n";
        for (int row = 0; row < 200; ++row)
            text += "| **驱动" + std::to_string((n * 7 + row) % 150) + "** | 机制" + std::to_string(n * 1000 + row) + "，\"引\\号\" | 效果" +
                    std::to_string((row * 13 + n) % 170) + " |\n";
        sources.emplace_back("n" + std::to_string(n) + ".md", text);
    }
    BuildOptions options;
    options.jobs = 1;
    BuildResult r = build_graph_from_sources(sources, options);
    REQUIRE(r.graph.node_count() > 4096);  // nodes and edges both span several blocks
    REQUIRE(r.graph.edge_count() > 3 * 4096);
    const std::string one = write_graph_json(r, 1);
    CHECK(write_graph_json(r, 2) == one);
    CHECK(write_graph_json(r, 5) == one);
    for (unsigned threads : {1u, 3u}) {  // the stream the CLI writes through, its buffer flushed between blocks
        std::ostringstream out;
        write_graph_json(r, out, threads);
        CHECK(out.str() == one);
    }
    CHECK(nlohmann::json::parse(one)["edges"].size() == r.graph.edge_count());
}
