// Unit tests: structure and link checks (section numbers, anchors, links between notes).
#include "convgraph/checks.hpp"
#include "convgraph/conventions.hpp"
#include "convgraph/graph.hpp"
#include "convgraph/markdown.hpp"
#include "convgraph/unicode.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

using namespace convgraph;

namespace {

Document parse(const std::string& path, const std::string& text) {
    DiagnosticSink sink;
    return parse_markdown(path, text, sink);
}

std::vector<Diagnostic> with_code(const std::vector<Diagnostic>& all, const std::string& code) {
    std::vector<Diagnostic> out;
    for (const auto& d : all)
        if (d.code == code) out.push_back(d);
    return out;
}

std::vector<Diagnostic> structure(const Document& doc) {
    DiagnosticSink sink;
    check_structure(doc, Conventions::defaults(), sink);
    return sink.take();
}

}  // namespace

TEST_CASE("a section number used twice among siblings is an error", "[checks]") {
    Document doc = parse("a.md",
                         "# 03.3.1-技术收敛驱动力\n\n## 七、甲\n\n## 八、核心结论\n\ntext\n\n## 八、相关主题\n\n### 8.1 乙\n");
    auto dups = with_code(structure(doc), "duplicate-section-number");
    REQUIRE(dups.size() == 1);
    CHECK(dups[0].severity == Severity::error);
    CHECK(dups[0].loc == SourceLoc{"a.md", 9, 1});
    CHECK(dups[0].message == "section number 八 is used twice (first at line 5)");
}

TEST_CASE("the same number under different parents is no duplicate", "[checks]") {
    Document doc = parse("a.md", "# T\n\n## 1. A\n\n### 1.1 x\n\n## 2. B\n\n### 1.1 x\n");
    CHECK(with_code(structure(doc), "duplicate-section-number").empty());
}

TEST_CASE("in-page anchors must match a heading", "[checks]") {
    Document doc = parse("a.md",
                         "# 标题\n\n## 目录\n\n- [一](#一概述)\n- [坏](#一概况)\n- [编码](#%E4%B8%80%E6%A6%82%E8%BF%B0)\n\n"
                         "## 一、概述\n");
    auto broken = with_code(structure(doc), "broken-anchor");
    REQUIRE(broken.size() == 1);
    CHECK(broken[0].severity == Severity::error);
    CHECK(broken[0].loc == SourceLoc{"a.md", 6, 3});
    CHECK(broken[0].message == "no heading in this note has the anchor '#一概况'");
}

TEST_CASE("classify_link tells external in-page relative and outside links apart", "[checks]") {
    using K = LinkTarget::Kind;
    auto t = classify_link("a/b.md", "../c.md#F%C3%A9");
    CHECK(t.kind == K::relative);
    CHECK(t.path == "c.md");
    CHECK(t.fragment == "Fé");
    t = classify_link("a/b.md", "sub/./d.md");
    CHECK(t.kind == K::relative);
    CHECK(t.path == "a/sub/d.md");
    CHECK(t.fragment.empty());
    t = classify_link("a/b.md", "/top.md");
    CHECK(t.kind == K::relative);
    CHECK(t.path == "top.md");
    t = classify_link("a.md", "%E4%B8%AD.md?x=1#y");
    CHECK(t.kind == K::relative);
    CHECK(t.path == "中.md");
    CHECK(t.fragment == "y");
    t = classify_link("a.md", "#%E4%B8%AD");
    CHECK(t.kind == K::in_page);
    CHECK(t.fragment == "中");
    CHECK(classify_link("a.md", "https://example.com/x.md").kind == K::external);
    CHECK(classify_link("a.md", "mailto:someone@example.com").kind == K::external);
    CHECK(classify_link("a.md", "//cdn.example.com/x").kind == K::external);
    CHECK(classify_link("a.md", "").kind == K::external);
    CHECK(classify_link("a.md", "../x.md").kind == K::outside_corpus);
    CHECK(classify_link("x/y/a.md", "../../../view/v.md").kind == K::outside_corpus);
    CHECK(classify_link("x/y/a.md", "../../view/v.md").kind == K::relative);
}

TEST_CASE("NotePaths suggests a note of the same name or a near one in the same folder", "[checks]") {
    NotePaths paths({"a/驱动力.md", "b/驱动力.md", "b/规模.md", "c/规模法则.md", "c/其他.md", "d/收敛.md"});
    CHECK(paths.suggest("x/收敛.md", "a/驱动力.md") == "d/收敛.md");  // the same file name elsewhere
    CHECK(paths.suggest("x/驱动力.md", "c/其他.md").empty());          // two notes of that name: no guess
    CHECK(paths.suggest("x/驱动力.md", "a/驱动力.md") == "b/驱动力.md"); // the linking note is not a candidate
    CHECK(paths.suggest("c/规模发则.md", "a/驱动力.md") == "c/规模法则.md");  // one edit, same folder
    CHECK(paths.suggest("c/完全不同的名字.md", "a/驱动力.md").empty());
    CHECK(paths.suggest("e/规模法测.md", "a/驱动力.md").empty());  // an unknown folder is not searched
}

TEST_CASE("check_links reports broken links anchors and links leaving the corpus", "[checks]") {
    std::map<std::string, Document> corpus;
    corpus.emplace("a.md", parse("a.md",
                                 "# A\n\n"
                                 "- [ok](sub/b.md#二、细节)\n"          // 3: fragment as written is not the slug
                                 "- [ok](sub/b.md#二细节)\n"            // 4
                                 "- [bad](sub/b.md#missing)\n"          // 5
                                 "- [none](c.md)\n"                     // 6
                                 "- [out](../x.md)\n"                   // 7
                                 "- [web](https://example.com/c.md)\n"  // 8
                                 "- [img](pic.png)\n"                   // 9
                                 "- [here](#a)\n"));                    // 10
    corpus.emplace("sub/b.md", parse("sub/b.md", "# B\n\n## 二、细节\n"));
    std::map<std::string, NoteLinks> notes;
    for (const auto& [path, doc] : corpus) notes.emplace(path, NoteLinks::of(doc));
    NoteLookup lookup = [&](const std::string& p) -> const NoteLinks* {
        auto it = notes.find(p);
        return it == notes.end() ? nullptr : &it->second;
    };
    FileExists exists = [](const std::string& p) { return p == "pic.png"; };
    DiagnosticSink sink;
    auto resolved = check_links(notes.at("a.md"), lookup, NotePaths({"a.md", "sub/b.md"}), exists, sink);
    auto diags = sink.take();

    std::vector<std::pair<int, std::string>> got;
    for (const auto& d : diags) got.emplace_back(d.loc.line, d.code);
    std::sort(got.begin(), got.end());
    CHECK(got == std::vector<std::pair<int, std::string>>{
                     {3, "broken-anchor"}, {5, "broken-anchor"}, {6, "broken-link"}, {7, "link-outside-corpus"}});
    for (const auto& d : diags) {
        CHECK(d.loc.path == "a.md");
        CHECK(d.loc.column == 3);
        if (d.loc.line == 5) CHECK(d.message == "no heading in 'sub/b.md' has the anchor '#missing'");
        if (d.loc.line == 6) {
            CHECK(d.message == "link target 'c.md' does not exist in the corpus");
            CHECK(d.severity == Severity::error);
        }
        if (d.loc.line == 7) {
            CHECK(d.severity == Severity::warning);
            CHECK(d.message == "link target '../x.md' is outside the corpus root and cannot be checked");
        }
    }
    // Links to an existing note resolve even when the anchor is wrong (the edge is still real).
    std::vector<int> lines;
    for (const auto& [target, link] : resolved) {
        CHECK(target == "sub/b.md");
        lines.push_back(link->line);
    }
    CHECK(lines == std::vector<int>{3, 4, 5});
}

TEST_CASE("an empty cell is reported only in the columns that are read", "[checks]") {
    // Two mechanism columns: the first is read, so an empty cell in the second is no finding.
    Document doc = parse("t.md", "| 因素 | 作用机制 | 机制 | 收敛效果 |\n|---|---|---|---|\n| D | m |  | e |\n| D2 |  | m2 | e2 |\n");
    DiagnosticSink sink;
    check_tables(doc, Conventions::defaults(), sink);
    auto empty = with_code(sink.take(), "table-empty-cell");
    REQUIRE(empty.size() == 1);
    CHECK(empty[0].loc.line == 4);
    CHECK(empty[0].message == "empty mechanism cell in a driver table");
}

TEST_CASE("near-duplicate names are looked for up to 64 characters", "[checks]") {
    auto warnings = [](const std::string& a, const std::string& b) {
        std::vector<Node> nodes;
        int line = 1;
        for (const std::string& id : {a, b}) {
            Node n;
            n.id = n.label = id;
            n.kind = Role::effect;
            n.roles = {Role::effect};
            n.provenance = {Mention{Place{0, line++, 1}, Role::effect}};
            nodes.push_back(std::move(n));
        }
        Graph g({"n.md"}, std::move(nodes), std::vector<Edge>{});
        DiagnosticSink sink;
        check_near_duplicates(g, sink);
        return with_code(sink.take(), "near-duplicate-concept").size();
    };
    const std::string stem63(63, 'a');
    CHECK(warnings(stem63 + "b", stem63 + "c") == 1);       // 64 characters, one edit apart
    CHECK(warnings(stem63 + "ab", stem63 + "ac") == 0);     // 65: beyond the search
    // A name of 50,000 characters (a fuzzer's) costs nothing: its deletions are not made at all.
    CHECK(warnings(std::string(50000, 'a') + "b", std::string(50000, 'a') + "c") == 0);
}

TEST_CASE("nearest finds the closest candidate within the distance, the first of equals", "[checks]") {
    const std::vector<std::string> anchors{"一概述", "二核心驱动力", "scaling-law", "scaling-laws", "x"};
    CHECK(nearest("scalinglaw", anchors) == "scaling-law");       // one edit
    CHECK(nearest("scaling-lawz", anchors) == "scaling-law");     // one edit from both: the first
    CHECK(nearest("二核心驱动", anchors) == "二核心驱动力");         // code points, not bytes
    CHECK(nearest("completely-different", anchors).empty());      // nothing within a third
    CHECK(nearest("xyz", anchors, 2) == "x");                     // two edits allowed
    CHECK(nearest("xyzw", anchors, 2).empty());                   // three needed
    // The same answers as comparing every candidate without the length shortcut.
    for (const std::string word : {"scaling", "scaling-la", "一概", "概述", "xx", ""})
        for (std::size_t limit : {1, 2, 3, 5}) {
            std::string brute;
            std::size_t best = limit + 1;
            for (const auto& c : anchors)
                if (std::size_t d = edit_distance(word, c); d < best) {
                    best = d;
                    brute = c;
                }
            CHECK(nearest(word, anchors, limit) == brute);
        }
}
