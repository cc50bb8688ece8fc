// Unit tests: the binary twin of the graph file — same graph back, damaged or stale twins refused.
#include "convgraph/error.hpp"
#include "convgraph/graph_binary.hpp"
#include "convgraph/graph_file.hpp"
#include "convgraph/io.hpp"
#include "convgraph/pipeline.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <sstream>
#include <string>

using namespace convgraph;

namespace {

BuildResult sample() {
    BuildOptions options;
    options.jobs = 1;
    options.aliases.add("乙的别名", "乙");
    return build_graph_from_sources(
        {{"a.md", "# 01-甲\n\n| 因素 | 作用机制 | 收敛效果 |\n|---|---|---|\n| **乙** | 机制\"引号\" | 效果 |\n\n"
                  "```mermaid\ngraph LR\n  A[机制] -.->|标签| B[效果]\n```\n\n[b](b.md) [坏](#nope)\n"},
         {"b.md", "# 02-丙\n\n## 一、丙驱动力\n\n**收敛效果**：\n\n1. **乙**：描述\n"}},
        options);
}

std::string twin(const BuildResult& r, GraphFileStamp stamp) {
    std::ostringstream out;
    write_graph_binary(r, stamp, out);
    return out.str();
}

}  // namespace

TEST_CASE("the binary twin reads back the same graph", "[graph_binary]") {
    BuildResult r = sample();
    GraphFileStamp stamp{1234, 5678};
    auto back = read_graph_binary(twin(r, stamp), stamp);
    REQUIRE(back);
    REQUIRE_FALSE(back->graph.check_invariants().has_value());
    CHECK(write_graph_json(*back) == write_graph_json(r));
    CHECK(back->diagnostics.size() == r.diagnostics.size());
    CHECK(back->graph.edge_count() == r.graph.edge_count());
    REQUIRE(r.graph.aliases().size() == 1);
    CHECK(back->graph.aliases() == r.graph.aliases());
}

TEST_CASE("a twin whose alias names no node is refused", "[graph_binary]") {
    BuildResult r = sample();
    GraphFileStamp stamp{1, 2};
    std::string data = twin(r, stamp);
    // The last alias's node index is the u32 just before "END\0".
    REQUIRE(data.size() > 8);
    const std::size_t at = data.size() - 8;
    const auto nodes = static_cast<std::uint32_t>(r.graph.node_count());
    std::memcpy(&data[at], &nodes, 4);
    CHECK_FALSE(read_graph_binary(data, stamp));
}

TEST_CASE("a twin with another stamp is stale", "[graph_binary]") {
    BuildResult r = sample();
    std::string data = twin(r, {10, 20});
    CHECK_FALSE(read_graph_binary(data, {11, 20}));
    CHECK_FALSE(read_graph_binary(data, {10, 21}));
    CHECK(read_graph_binary(data, {10, 20}));
}

TEST_CASE("every truncation and many corruptions of a twin are refused without a crash", "[graph_binary]") {
    BuildResult r = sample();
    GraphFileStamp stamp{1, 2};
    std::string data = twin(r, stamp);
    for (std::size_t n = 0; n < data.size(); ++n) CHECK_FALSE(read_graph_binary(data.substr(0, n), stamp));
    CHECK_FALSE(read_graph_binary(data + "x", stamp));
    // Flip each byte in turn: the result is refused or is some graph, never undefined behaviour
    // (the sanitizer build runs this too).
    for (std::size_t i = 0; i < data.size(); ++i) {
        std::string bad = data;
        bad[i] = static_cast<char>(bad[i] ^ 0xFF);
        auto back = read_graph_binary(bad, stamp);
        if (back) CHECK(back->graph.node_count() <= r.graph.node_count());
    }
    CHECK_FALSE(read_graph_binary("", stamp));
    CHECK_FALSE(read_graph_binary("CVGRAPH", stamp));
}

TEST_CASE("a lazily read twin has the ends of every edge and decodes details on demand", "[graph_binary]") {
    BuildResult r = sample();
    GraphFileStamp stamp{1, 2};
    const std::string data = twin(r, stamp);
    TwinEdgeDetails details;
    auto lazy = read_graph_binary(data, stamp, &details);
    REQUIRE(lazy);
    REQUIRE(lazy->graph.edge_count() == r.graph.edge_count());
    REQUIRE(r.graph.edge_count() > 2);
    for (EdgeIndex i = 0; i < r.graph.edge_count(); ++i) {
        CHECK(lazy->graph.edge(i).source == r.graph.edge(i).source);
        CHECK(lazy->graph.edge(i).target == r.graph.edge(i).target);
        CHECK(lazy->graph.edge(i).relation == r.graph.edge(i).relation);
        CHECK(lazy->graph.edge(i).provenance.empty());
    }
    CHECK(write_graph_json(*lazy) != write_graph_json(r));
    const std::vector<EdgeIndex> first{0};
    REQUIRE(read_edge_details(details, lazy->graph, first));
    CHECK(lazy->graph.edge(0).provenance == r.graph.edge(0).provenance);
    CHECK(lazy->graph.edge(1).provenance.empty());
    std::vector<EdgeIndex> all(r.graph.edge_count());
    for (EdgeIndex i = 0; i < all.size(); ++i) all[i] = i;
    REQUIRE(read_edge_details(details, lazy->graph, all));
    CHECK(write_graph_json(*lazy) == write_graph_json(r));
    const std::vector<EdgeIndex> out_of_range{r.graph.edge_count()};
    CHECK_FALSE(read_edge_details(details, lazy->graph, out_of_range));
}

TEST_CASE("damaged edge details of a lazily read twin are refused, the graph unchanged", "[graph_binary]") {
    BuildResult r = sample();
    GraphFileStamp stamp{1, 2};
    const std::string data = twin(r, stamp);
    std::vector<EdgeIndex> all(r.graph.edge_count());
    for (EdgeIndex i = 0; i < all.size(); ++i) all[i] = i;
    std::size_t refused = 0;
    for (std::size_t i = 0; i < data.size(); ++i) {
        std::string bad = data;
        bad[i] = static_cast<char>(bad[i] ^ 0xFF);
        TwinEdgeDetails details;
        auto lazy = read_graph_binary(bad, stamp, &details);
        if (!lazy) continue;
        const std::string before = write_graph_json(*lazy);
        if (!read_edge_details(details, lazy->graph, all)) {
            ++refused;
            CHECK(write_graph_json(*lazy) == before);
        }
    }
    CHECK(refused > 0);  // a flipped length or place inside the details is caught when decoded
}

TEST_CASE("the twin of graph.json is graph.bin", "[graph_binary]") {
    CHECK(graph_binary_path("out/graph.json") == std::filesystem::path("out/graph.bin"));
    CHECK(graph_binary_path("g") == std::filesystem::path("g.bin"));
}

TEST_CASE("a twin is read from a memory-mapped file", "[graph_binary]") {
    namespace fs = std::filesystem;
    BuildResult r = sample();
    const fs::path dir = fs::temp_directory_path() / "convgraph-mapped-test";
    fs::create_directories(dir);
    const fs::path file = dir / "graph.bin";
    write_file_atomic(file, twin(r, {1, 2}));
    {
        const MappedFile mapped(file);
        CHECK(mapped.view() == twin(r, {1, 2}));
        auto back = read_graph_binary(mapped.view(), {1, 2});
        REQUIRE(back);
        CHECK(write_graph_json(*back) == write_graph_json(r));
    }
    write_file_atomic(dir / "empty", std::string());
    CHECK(MappedFile(dir / "empty").view().empty());
    CHECK_THROWS_AS(MappedFile(dir / "missing"), Error);
    CHECK_THROWS_AS(MappedFile(dir), Error);  // a directory is not a file
    fs::remove_all(dir);
}
