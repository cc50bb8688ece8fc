// Unit tests: the Markdown reader (cmark-gfm → Document) and section numbers.
#include "convgraph/document.hpp"
#include "convgraph/markdown.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <variant>
#include <vector>

using namespace convgraph;

namespace {

const char* const k_note =
    "# 03.3.1-技术收敛驱动力\n"                              // 1
    "\n"                                                    // 2
    "## 三、Scaling Law 驱动力\n"                           // 3
    "\n"                                                    // 4
    "### 3.1 作用机制\n"                                    // 5
    "\n"                                                    // 6
    "| **因素** | **作用机制** | 收敛效果 |\n"              // 7
    "| --- | --- | --- |\n"                                 // 8
    "| **技术** | 规模效应，性能可预测 | 架构同质化 |\n"    // 9
    "\n"                                                    // 10
    "**核心思想**：规模效应，性能可预测\n"                  // 11
    "\n"                                                    // 12
    "1. **架构同质化**：Transformer 成为事实标准\n"         // 13
    "2. **Term**: desc\n"                                   // 14
    "3. **Head:** tail\n"                                   // 15
    "\n"                                                    // 16
    "```mermaid\n"                                          // 17
    "graph LR\n"                                            // 18
    "    A[数据规模] --> B[模型规模]\n"                     // 19
    "```\n"                                                 // 20
    "\n"                                                    // 21
    "见 [链接](b.md#x) 和 [锚](#三scaling-law-驱动力)\n"    // 22
    "\n"                                                    // 23
    "- 外层\n"                                              // 24
    "  - 内层\n"                                            // 25
    "\n"                                                    // 26
    "## 1. Overview\n";                                     // 27

Document parse(std::string_view text, DiagnosticSink* sink_out = nullptr) {
    DiagnosticSink sink;
    Document doc = parse_markdown("notes/a.md", text, sink_out ? *sink_out : sink);
    return doc;
}

template <typename T>
std::vector<const T*> blocks_of(const Document& doc) {
    std::vector<const T*> out;
    for (const auto& b : doc.blocks)
        if (auto* p = std::get_if<T>(&b.content)) out.push_back(p);
    return out;
}

}  // namespace

TEST_CASE("split_section_number separates numbers in every house style", "[document]") {
    std::string number, title;
    split_section_number("03.3.1-技术收敛驱动力", number, title);
    CHECK(number == "03.3.1");
    CHECK(title == "技术收敛驱动力");
    split_section_number("三、概述", number, title);
    CHECK(number == "三");
    CHECK(title == "概述");
    split_section_number("十二、结论", number, title);
    CHECK(number == "十二");
    CHECK(title == "结论");
    split_section_number("3.1 作用机制", number, title);
    CHECK(number == "3.1");
    CHECK(title == "作用机制");
    split_section_number("1. Overview", number, title);
    CHECK(number == "1");
    CHECK(title == "Overview");
    split_section_number("2.2 Mechanisms", number, title);
    CHECK(number == "2.2");
    CHECK(title == "Mechanisms");
}

TEST_CASE("split_section_number leaves unnumbered text alone", "[document]") {
    std::string number = "x", title;
    split_section_number("目录", number, title);
    CHECK(number.empty());
    CHECK(title == "目录");
    split_section_number("三层模型", number, title);  // a numeral without a separator is a word
    CHECK(number.empty());
    CHECK(title == "三层模型");
    split_section_number("2024年回顾", number, title);
    CHECK(number.empty());
    CHECK(title == "2024年回顾");
    split_section_number("  Contents  ", number, title);
    CHECK(number.empty());
    CHECK(title == "Contents");
}

TEST_CASE("headings get level number title anchor parent and place", "[document][markdown]") {
    Document doc = parse(k_note);
    CHECK(doc.path == "notes/a.md");
    REQUIRE(doc.headings.size() == 4);
    const Heading& h1 = doc.headings[0];
    CHECK(h1.level == 1);
    CHECK(h1.text == "03.3.1-技术收敛驱动力");
    CHECK(h1.number == "03.3.1");
    CHECK(h1.title == "技术收敛驱动力");
    CHECK(h1.anchor == "0331-技术收敛驱动力");
    CHECK(h1.parent == -1);
    CHECK(h1.loc == SourceLoc{"notes/a.md", 1, 1});
    const Heading& h2 = doc.headings[1];
    CHECK(h2.level == 2);
    CHECK(h2.number == "三");
    CHECK(h2.title == "Scaling Law 驱动力");
    CHECK(h2.anchor == "三scaling-law-驱动力");
    CHECK(h2.parent == 0);
    CHECK(h2.loc.line == 3);
    const Heading& h3 = doc.headings[2];
    CHECK(h3.level == 3);
    CHECK(h3.number == "3.1");
    CHECK(h3.title == "作用机制");
    CHECK(h3.parent == 1);
    CHECK(h3.loc.line == 5);
    const Heading& last = doc.headings[3];
    CHECK(last.number == "1");
    CHECK(last.title == "Overview");
    CHECK(last.anchor == "1-overview");
    CHECK(last.parent == 0);
    CHECK(last.loc.line == 27);
    REQUIRE(doc.title() == &doc.headings[0]);
    CHECK(doc.has_anchor("1-overview"));
    CHECK_FALSE(doc.has_anchor("overview"));
}

TEST_CASE("a table gives header rows and cell places in code points", "[document][markdown]") {
    Document doc = parse(k_note);
    auto tables = blocks_of<Table>(doc);
    REQUIRE(tables.size() == 1);
    const Table& t = *tables[0];
    CHECK(t.loc.line == 7);
    REQUIRE(t.header.size() == 3);
    CHECK(t.header[0].text == "因素");
    CHECK(t.header[1].text == "作用机制");
    CHECK(t.header[2].text == "收敛效果");
    REQUIRE(t.rows.size() == 1);
    REQUIRE(t.rows[0].size() == 3);
    CHECK(t.rows[0][0].text == "技术");
    CHECK(t.rows[0][1].text == "规模效应，性能可预测");
    CHECK(t.rows[0][2].text == "架构同质化");
    CHECK(t.rows[0][0].loc == SourceLoc{"notes/a.md", 9, 3});
    CHECK(t.rows[0][1].loc == SourceLoc{"notes/a.md", 9, 12});
    CHECK(t.rows[0][2].loc == SourceLoc{"notes/a.md", 9, 25});
    for (const auto& b : doc.blocks)
        if (std::holds_alternative<Table>(b.content)) CHECK(b.heading == 2);
}

TEST_CASE("paragraphs and list items with bold labels", "[document][markdown]") {
    Document doc = parse(k_note);
    const LabeledText* core = nullptr;
    for (const auto* p : blocks_of<Paragraph>(doc))
        if (p->content.label == "核心思想") core = &p->content;
    REQUIRE(core != nullptr);
    CHECK(core->text == "规模效应，性能可预测");
    CHECK(core->loc == SourceLoc{"notes/a.md", 11, 1});
    CHECK(core->label_loc == SourceLoc{"notes/a.md", 11, 1});
    CHECK(core->text_loc == SourceLoc{"notes/a.md", 11, 9});

    auto lists = blocks_of<ListBlock>(doc);
    REQUIRE(lists.size() == 3);
    const ListBlock& l = *lists[0];
    CHECK(l.ordered);
    CHECK(l.depth == 0);
    CHECK(l.loc.line == 13);
    REQUIRE(l.items.size() == 3);
    CHECK(l.items[0].label == "架构同质化");
    CHECK(l.items[0].text == "Transformer 成为事实标准");
    CHECK(l.items[0].loc == SourceLoc{"notes/a.md", 13, 4});
    CHECK(l.items[0].label_loc == SourceLoc{"notes/a.md", 13, 4});
    CHECK(l.items[0].text_loc == SourceLoc{"notes/a.md", 13, 13});
    CHECK(l.items[1].label == "Term");
    CHECK(l.items[1].text == "desc");
    CHECK(l.items[2].label == "Head");
    CHECK(l.items[2].text == "tail");
}

TEST_CASE("paragraph without a label keeps its plain text", "[document][markdown]") {
    Document doc = parse("Some *emphasis* and `code`\nnext line.\n");
    auto paras = blocks_of<Paragraph>(doc);
    REQUIRE(paras.size() == 1);
    CHECK(paras[0]->content.label.empty());
    CHECK(paras[0]->content.text == "Some emphasis and code next line.");
    CHECK(doc.blocks[0].heading == -1);
}

TEST_CASE("nested lists record their depth", "[document][markdown]") {
    Document doc = parse(k_note);
    auto lists = blocks_of<ListBlock>(doc);
    REQUIRE(lists.size() == 3);
    CHECK_FALSE(lists[1]->ordered);
    CHECK(lists[1]->depth == 0);
    REQUIRE(lists[1]->items.size() == 1);
    CHECK(lists[1]->items[0].text == "外层");
    CHECK(lists[1]->loc.line == 24);
    CHECK(lists[2]->depth == 1);
    REQUIRE(lists[2]->items.size() == 1);
    CHECK(lists[2]->items[0].text == "内层");
    CHECK(lists[2]->items[0].loc == SourceLoc{"notes/a.md", 25, 5});
}

TEST_CASE("a list nested thousands deep on one line is read level by level", "[document][markdown]") {
    // "+ + + … x": each marker opens a list inside the previous one's item. The depths come from
    // the walk, not from each list asking for its ancestors (quadratic: 35 s for 50,000 levels).
    constexpr int k_levels = 20000;
    std::string text = "# t\n\n";
    for (int i = 0; i < k_levels; ++i) text += "+ ";
    text += "x\n\nafter\n";
    Document doc = parse(text);
    auto lists = blocks_of<ListBlock>(doc);
    REQUIRE(lists.size() == static_cast<std::size_t>(k_levels));
    for (int i = 0; i < k_levels; ++i) CHECK(lists[static_cast<std::size_t>(i)]->depth == i);
    CHECK(lists.back()->items[0].text == "x");
    // The paragraph after the list is outside every item again.
    auto paras = blocks_of<Paragraph>(doc);
    REQUIRE(paras.size() == 1);
    CHECK(paras[0]->content.text == "after");
}

TEST_CASE("a fenced mermaid block is kept with its content place and chart", "[document][markdown]") {
    Document doc = parse(k_note);
    auto codes = blocks_of<CodeBlock>(doc);
    REQUIRE(codes.size() == 1);
    const CodeBlock& c = *codes[0];
    CHECK(c.info == "mermaid");
    CHECK(c.text == "graph LR\n    A[数据规模] --> B[模型规模]\n");
    CHECK(c.loc == SourceLoc{"notes/a.md", 17, 1});
    CHECK(c.content_loc.line == 18);
    CHECK(c.content_loc.path == "notes/a.md");
    REQUIRE(c.chart.has_value());
    CHECK(c.chart->is_flowchart());
    REQUIRE(c.chart->nodes.size() == 2);
    CHECK(c.chart->nodes[0].label == "数据规模");
    CHECK(c.chart->nodes[0].loc.line == 19);
}

TEST_CASE("a non-mermaid fence has no chart", "[document][markdown]") {
    Document doc = parse("```cpp {.x}\nint x;\n```\n");
    auto codes = blocks_of<CodeBlock>(doc);
    REQUIRE(codes.size() == 1);
    CHECK(codes[0]->info == "cpp");
    CHECK(codes[0]->text == "int x;\n");
    CHECK_FALSE(codes[0]->chart.has_value());
}

TEST_CASE("links keep destination text heading and line and column", "[document][markdown]") {
    Document doc = parse(k_note);
    REQUIRE(doc.links.size() == 2);
    CHECK(doc.links[0].destination == "b.md#x");
    CHECK(doc.links[0].text == "链接");
    CHECK(doc.links[0].heading == 2);
    CHECK(doc.links[0].loc == SourceLoc{"notes/a.md", 22, 3});
    CHECK(doc.links[1].destination == "#三scaling-law-驱动力");
    CHECK(doc.links[1].text == "锚");
    CHECK(doc.links[1].loc == SourceLoc{"notes/a.md", 22, 18});
}

TEST_CASE("links in list items get the column of the bracket", "[document][markdown]") {
    Document doc = parse("## 相关\n\n- [03.3.2-市场收敛驱动力](03.3.2-市场收敛驱动力.md)\n  - [目录](#目录)\n");
    REQUIRE(doc.links.size() == 2);
    CHECK(doc.links[0].loc == SourceLoc{"notes/a.md", 3, 3});
    CHECK(doc.links[1].loc == SourceLoc{"notes/a.md", 4, 5});
    CHECK(doc.links[1].heading == 0);
}

TEST_CASE("any input yields a document", "[document][markdown]") {
    CHECK(parse("").headings.empty());
    Document doc = parse("| a |\n|---|\n| b | c | d |\n\n```mermaid\nnot a chart ((\n");
    CHECK(blocks_of<Table>(doc).size() == 1);
}

TEST_CASE("links on continuation lines in tables and in quotes get code-point columns", "[document][markdown]") {
    Document doc = parse("first line\n中文 [x](y.md)\n\n| a | [t](t.md) |\n|---|---|\n| 中 | [u](u.md) |\n\n> 引 [q](q.md)\n");
    REQUIRE(doc.links.size() == 4);
    CHECK(doc.links[0].loc == SourceLoc{"notes/a.md", 2, 4});
    CHECK(doc.links[1].loc == SourceLoc{"notes/a.md", 4, 7});
    CHECK(doc.links[2].loc == SourceLoc{"notes/a.md", 6, 7});
    CHECK(doc.links[3].loc == SourceLoc{"notes/a.md", 8, 5});
}

TEST_CASE("many links on one long line each get their own code-point column", "[document][markdown]") {
    // Columns on a line are worked out incrementally; a node further left starts over.
    std::string line = "**标签**：";  // 7 code points
    std::vector<int> columns;
    int width = 7;
    for (int i = 0; i < 50; ++i) {
        std::string piece = "中 [链" + std::to_string(i) + "](n.md) ";
        columns.push_back(width + 3);  // the '[' after "中 "
        line += piece;
        width += 12 + static_cast<int>(std::to_string(i).size());
    }
    Document doc = parse(line + "\n\n| [a](a.md) | 中 [b](b.md) |\n|---|---|\n| 中文 | [c](c.md) |\n");
    REQUIRE(doc.links.size() == 53);
    for (std::size_t i = 0; i < 50; ++i) {
        INFO("link " << i);
        CHECK(doc.links[i].loc.line == 1);
        CHECK(doc.links[i].loc.column == columns[i]);
    }
    CHECK(doc.links[50].loc == SourceLoc{"notes/a.md", 3, 3});
    CHECK(doc.links[51].loc == SourceLoc{"notes/a.md", 3, 17});
    CHECK(doc.links[52].loc == SourceLoc{"notes/a.md", 5, 8});
}
