// Unit tests: the pipeline over in-memory notes — determinism across job counts and runs.
#include "convgraph/graph_file.hpp"
#include "convgraph/pipeline.hpp"
#include "convgraph/resolve.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

using namespace convgraph;

namespace {

std::vector<std::pair<std::string, std::string>> sources() {
    std::vector<std::pair<std::string, std::string>> out;
    for (int i = 0; i < 12; ++i) {
        std::string n = std::to_string(10 + i);
        std::string next = std::to_string(10 + (i + 1) % 12);
        out.emplace_back("notes/" + n + ".1-驱动" + n + ".md",
                         "# " + n + ".1-驱动" + n + "\n\n"
                         "| 因素 | 作用机制 | 收敛效果 |\n| --- | --- | --- |\n"
                         "| 共享因素 | 机制" + n + "，共享机制 | 效果" + next + " |\n\n"
                         "## 一、共享因素驱动力\n\n**核心思想**：机制" + n + "\n\n**收敛效果**：\n\n"
                         "1. **效果" + n + "**：描述" + n + "\n\n"
                         "```mermaid\ngraph LR\n    A[机制" + n + "] --> B[效果" + next + "]\n```\n\n"
                         "- [下一篇](" + n.substr(0, 0) + next + ".1-驱动" + next + ".md)\n"
                         "- [坏](missing.md)\n");
    }
    return out;
}

std::string build_json(std::vector<std::pair<std::string, std::string>> src, unsigned jobs) {
    BuildOptions options;
    options.jobs = jobs;
    return write_graph_json(build_graph_from_sources(src, options));
}

}  // namespace

TEST_CASE("jobs 1 and jobs 4 give byte-identical graph files", "[pipeline]") {
    std::string one = build_json(sources(), 1);
    std::string four = build_json(sources(), 4);
    CHECK(one == four);
    CHECK(one.find("\"links_to\"") != std::string::npos);
    CHECK(one.find("missing.md") != std::string::npos);
}

TEST_CASE("building twice and from shuffled input gives the same bytes", "[pipeline]") {
    auto src = sources();
    std::string first = build_json(src, 4);
    CHECK(build_json(src, 4) == first);
    std::reverse(src.begin(), src.end());
    CHECK(build_json(src, 3) == first);
}

TEST_CASE("ignore globs leave notes out of a build from sources", "[pipeline]") {
    BuildOptions options;
    options.ignore = {"notes/1?.1-*.md"};
    BuildResult r = build_graph_from_sources(sources(), options);
    REQUIRE(r.documents.size() == 2);  // 20 and 21 stay
    CHECK(r.documents[0].path == "notes/20.1-驱动20.md");
    CHECK(r.documents[1].path == "notes/21.1-驱动21.md");
}

TEST_CASE("the pipeline merges concepts across notes and links documents", "[pipeline]") {
    BuildOptions options;
    options.jobs = 2;
    BuildResult r = build_graph_from_sources(sources(), options);
    REQUIRE_FALSE(r.graph.check_invariants().has_value());
    REQUIRE(r.documents.size() == 12);
    CHECK(r.documents[0].path == "notes/10.1-驱动10.md");
    CHECK(r.documents[0].series == "10.1");
    auto shared = r.graph.find("共享因素");
    REQUIRE(shared.has_value());
    int has_factor = 0, links = 0;
    for (const auto& e : r.graph.edges()) {
        if (e.relation == Relation::has_factor && e.target == *shared) ++has_factor;
        if (e.relation == Relation::links_to) ++links;
    }
    CHECK(has_factor == 12);
    CHECK(links == 12);
    int broken = 0;
    for (const auto& d : r.diagnostics)
        if (d.code == "broken-link") ++broken;
    CHECK(broken == 12);
    CHECK(std::is_sorted(r.diagnostics.begin(), r.diagnostics.end(),
                         [](const Diagnostic& a, const Diagnostic& b) { return a.loc < b.loc; }));
}

TEST_CASE("a concept named like a note's id keeps the note's node and is warned about", "[pipeline]") {
    BuildResult r = build_graph_from_sources(
        {{"01-a.md", "# 01-A\n\n```mermaid\ngraph TB\n    A[A] --> B[\"DOC:02-b.md\"]\n```\n"},
         {"02-b.md", "# 02-B\n\n| Driver | Mechanism | Effect |\n| - | - | - |\n| Alpha | beta | gamma |\n"}},
        BuildOptions{});
    REQUIRE_FALSE(r.graph.check_invariants().has_value());
    auto doc = r.graph.find("doc:02-b.md");
    REQUIRE(doc.has_value());
    CHECK(r.graph.node(*doc).kind == Role::document);
    auto concept_node = r.graph.find("doc\uFF1A02-b.md");
    REQUIRE(concept_node.has_value());
    CHECK(r.graph.node(*concept_node).label == "DOC:02-b.md");
    CHECK(r.graph.node(*concept_node).kind != Role::document);
    std::vector<Diagnostic> reserved;
    for (const auto& d : r.diagnostics)
        if (d.code == "reserved-concept-name") reserved.push_back(d);
    REQUIRE(reserved.size() == 1);
    CHECK(reserved[0].loc.path == "01-a.md");
    CHECK(reserved[0].loc.line == 5);
    CHECK(concept_id("doc:x") == "doc\uFF1Ax");
    CHECK(concept_id("docs:x") == "docs:x");
}

TEST_CASE("analyze_note runs the per-file stages", "[pipeline]") {
    NoteAnalysis a = analyze_note("x.md", "# 01-甲\n\n## 一、A\n\n## 一、B\n", BuildOptions{});
    CHECK(a.document.headings.size() == 3);
    CHECK(a.facts.subject == "甲");
    CHECK(a.bytes == 33);
    bool dup = std::any_of(a.diagnostics.begin(), a.diagnostics.end(),
                           [](const Diagnostic& d) { return d.code == "duplicate-section-number" && d.loc.line == 5; });
    CHECK(dup);
}
