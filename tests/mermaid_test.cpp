// Unit tests: the Mermaid flowchart parser (nodes, edges, subgraphs, diagnostics, robustness).
#include "convgraph/mermaid.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

using namespace convgraph;

namespace Catch {
template <>
struct StringMaker<SourceLoc> {
    static std::string convert(const SourceLoc& loc) { return to_string(loc); }
};
}  // namespace Catch

namespace {

struct Parsed {
    MermaidChart chart;
    std::vector<std::string> diags;  // formatted with format_diagnostic
};

Parsed parse(std::string_view text, SourceLoc origin = {"a.md", 1, 1}) {
    DiagnosticSink sink;
    Parsed p;
    p.chart = parse_mermaid(text, origin, sink);
    for (const Diagnostic& d : sink.all()) p.diags.push_back(format_diagnostic(d));
    return p;
}

const MermaidNode& node(const Parsed& p, std::string_view id) {
    const MermaidNode* n = p.chart.find_node(id);
    if (n == nullptr) FAIL("no node " << id);
    return *n;
}

// "from->to" for each edge, in order.
std::vector<std::string> edge_pairs(const Parsed& p) {
    std::vector<std::string> out;
    for (const MermaidEdge& e : p.chart.edges) out.push_back(e.from + "->" + e.to);
    return out;
}

std::vector<std::string> node_ids(const Parsed& p) {
    std::vector<std::string> out;
    for (const MermaidNode& n : p.chart.nodes) out.push_back(n.id);
    return out;
}

using Strings = std::vector<std::string>;

}  // namespace

// ---------------------------------------------------------------- phase 1: what house notes use

TEST_CASE("mermaid: graph header with each direction", "[mermaid]") {
    for (std::string dir : {"TB", "TD", "BT", "RL", "LR"}) {
        auto p = parse("graph " + dir + "\n  A --> B\n");
        CHECK(p.chart.diagram_type == "flowchart");
        CHECK(p.chart.is_flowchart());
        CHECK(p.chart.direction == dir);
        CHECK(p.diags.empty());
    }
    auto f = parse("flowchart LR\nA-->B\n");
    CHECK(f.chart.diagram_type == "flowchart");
    CHECK(f.chart.direction == "LR");
}

TEST_CASE("mermaid: basic shapes of house notes", "[mermaid]") {
    auto p = parse("graph TD\n"
                   "  a[Rect] --> b(Round)\n"
                   "  c{Decision} --> d((Circle))\n"
                   "  e([Stadium])\n");
    REQUIRE(p.diags.empty());
    CHECK(node(p, "a").shape == NodeShape::rect);
    CHECK(node(p, "a").label == "Rect");
    CHECK(node(p, "a").has_label);
    CHECK(node(p, "b").shape == NodeShape::round);
    CHECK(node(p, "b").label == "Round");
    CHECK(node(p, "c").shape == NodeShape::rhombus);
    CHECK(node(p, "c").label == "Decision");
    CHECK(node(p, "d").shape == NodeShape::circle);
    CHECK(node(p, "d").label == "Circle");
    CHECK(node(p, "e").shape == NodeShape::stadium);
    CHECK(node(p, "e").label == "Stadium");
    CHECK(node_ids(p) == Strings{"a", "b", "c", "d", "e"});
}

TEST_CASE("mermaid: the four basic links", "[mermaid]") {
    auto p = parse("graph LR\nA --> B\nB --- C\nC -.-> D\nD ==> E\n");
    REQUIRE(p.diags.empty());
    REQUIRE(p.chart.edges.size() == 4);
    const auto& e = p.chart.edges;
    CHECK(e[0].stroke == Stroke::normal);
    CHECK(e[0].head_end == ArrowHead::arrow);
    CHECK(e[0].head_start == ArrowHead::none);
    CHECK(e[1].stroke == Stroke::normal);
    CHECK(e[1].head_end == ArrowHead::none);
    CHECK(e[2].stroke == Stroke::dotted);
    CHECK(e[2].head_end == ArrowHead::arrow);
    CHECK(e[3].stroke == Stroke::thick);
    CHECK(e[3].head_end == ArrowHead::arrow);
    for (const auto& edge : e) CHECK(edge.length == 1);
    CHECK(edge_pairs(p) == Strings{"A->B", "B->C", "C->D", "D->E"});
}

TEST_CASE("mermaid: labelled links with pipes and with text in the middle", "[mermaid]") {
    auto p = parse("graph LR\nA-->|yes|B\nA -- no --> C\n");
    REQUIRE(p.diags.empty());
    REQUIRE(p.chart.edges.size() == 2);
    CHECK(p.chart.edges[0].label == "yes");
    CHECK(p.chart.edges[0].head_end == ArrowHead::arrow);
    CHECK(p.chart.edges[1].label == "no");
    CHECK(p.chart.edges[1].to == "C");
    CHECK(p.chart.edges[1].head_end == ArrowHead::arrow);
}

TEST_CASE("mermaid: a chain makes one edge per link", "[mermaid]") {
    auto p = parse("graph LR\nA --> B --> C\n");
    REQUIRE(p.diags.empty());
    CHECK(edge_pairs(p) == Strings{"A->B", "B->C"});
}

TEST_CASE("mermaid: style, classDef, class, linkStyle and click lines are ignored", "[mermaid]") {
    auto p = parse("graph LR\n"
                   "A --> B\n"
                   "style A fill:#f9f,stroke:#333,stroke-width:4px\n"
                   "classDef green fill:#9f6;\n"
                   "class A,B green\n"
                   "linkStyle 0 stroke:#ff3,stroke-width:4px,color:red;\n"
                   "click A \"https://example.com\" \"tooltip\"\n");
    CHECK(p.diags.empty());
    CHECK(node_ids(p) == Strings{"A", "B"});
    CHECK(p.chart.edges.size() == 1);
}

TEST_CASE("mermaid: comments and blank lines", "[mermaid]") {
    auto p = parse("graph LR\n\n%% a comment A --> Z\n   \nA --> B\n  %% indented comment\n\n");
    CHECK(p.diags.empty());
    CHECK(node_ids(p) == Strings{"A", "B"});
}

TEST_CASE("mermaid: CJK ids and labels", "[mermaid]") {
    auto p = parse("graph LR\n  数据规模 --> 模型规模\n  模型规模 --> 效果[模型效果提升]\n");
    REQUIRE(p.diags.empty());
    CHECK(node_ids(p) == Strings{"数据规模", "模型规模", "效果"});
    CHECK(node(p, "数据规模").label == "数据规模");
    CHECK_FALSE(node(p, "数据规模").has_label);
    CHECK(node(p, "效果").label == "模型效果提升");
    CHECK(edge_pairs(p) == Strings{"数据规模->模型规模", "模型规模->效果"});
}

TEST_CASE("mermaid: a node without a label is labelled with its id", "[mermaid]") {
    auto p = parse("graph LR\nA --> B\n");
    CHECK(node(p, "A").label == "A");
    CHECK_FALSE(node(p, "A").has_label);
    CHECK(node(p, "A").shape == NodeShape::rect);
}

TEST_CASE("mermaid: a relabelled node keeps its first place and its last label", "[mermaid]") {
    auto p = parse("graph LR\nA --> B\nA[First]\nC --> A(Last)\n", {"a.md", 10, 1});
    REQUIRE(p.diags.empty());
    const auto& a = node(p, "A");
    CHECK(a.label == "Last");
    CHECK(a.shape == NodeShape::round);
    CHECK(a.loc == SourceLoc{"a.md", 11, 1});
    CHECK(node_ids(p) == Strings{"A", "B", "C"});
    // A later bare mention does not undo the label.
    auto q = parse("graph LR\nA[x] --> B\nB --> A\n");
    CHECK(node(q, "A").label == "x");
}

TEST_CASE("mermaid: node and edge locations map through the origin", "[mermaid]") {
    auto p = parse("graph LR\n  A --> B\n  数据 --> 模型\n", {"notes/x.md", 20, 5});
    REQUIRE(p.diags.empty());
    CHECK(node(p, "A").loc == SourceLoc{"notes/x.md", 21, 7});
    CHECK(node(p, "B").loc == SourceLoc{"notes/x.md", 21, 13});
    CHECK(p.chart.edges[0].loc == SourceLoc{"notes/x.md", 21, 9});
    // Columns count code points: 数据 is 2 columns wide in the count, not 6 bytes.
    CHECK(node(p, "模型").loc == SourceLoc{"notes/x.md", 22, 14});
    CHECK(p.chart.edges[1].loc == SourceLoc{"notes/x.md", 22, 10});
}

TEST_CASE("mermaid: a syntax error points at the Markdown line and column", "[mermaid]") {
    auto p = parse("graph LR\nA --> B\nB -->\nC --> D\n", {"a.md", 10, 1});
    REQUIRE(p.diags.size() == 1);
    CHECK(p.diags[0] == "a.md:12:6: error: expected a node id after '-->', found end of line [mermaid-syntax]");
    CHECK(edge_pairs(p) == Strings{"A->B", "C->D"});
}

TEST_CASE("mermaid: error columns count code points and the block's indentation", "[mermaid]") {
    auto p = parse("graph LR\n数据 --> 模型 --> ]\n", {"a.md", 3, 4});
    REQUIRE(p.diags.size() == 1);
    CHECK(p.diags[0] == "a.md:4:18: error: expected a node id after '-->', found ']' [mermaid-syntax]");
}

// ---------------------------------------------------------------- phase 2: header

TEST_CASE("mermaid: direction arrows and a missing direction", "[mermaid]") {
    CHECK(parse("flowchart >\nA\n").chart.direction == "LR");
    CHECK(parse("flowchart <\nA\n").chart.direction == "RL");
    CHECK(parse("flowchart ^\nA\n").chart.direction == "BT");
    CHECK(parse("flowchart v\nA\n").chart.direction == "TB");
    auto p = parse("flowchart\nA --> B\n");
    CHECK(p.chart.direction.empty());
    CHECK(p.diags.empty());
    CHECK(p.chart.edges.size() == 1);
}

TEST_CASE("mermaid: a bad direction is reported and the body still parses", "[mermaid]") {
    auto p = parse("graph XY\nA --> B\n", {"a.md", 5, 1});
    REQUIRE(p.diags.size() == 1);
    CHECK(p.diags[0] ==
          "a.md:5:7: error: expected a direction (TB, TD, BT, RL, LR, >, <, ^ or v) after 'graph', found 'XY' "
          "[mermaid-syntax]");
    CHECK(p.chart.edges.size() == 1);
}

TEST_CASE("mermaid: statements on the header line after a semicolon", "[mermaid]") {
    auto p = parse("graph TD;A-->B;B-->C;\n");
    CHECK(p.diags.empty());
    CHECK(p.chart.direction == "TD");
    CHECK(edge_pairs(p) == Strings{"A->B", "B->C"});
}

TEST_CASE("mermaid: front matter and init directives before the header", "[mermaid]") {
    auto p = parse("---\ntitle: Node with text\nconfig:\n  htmlLabels: false\n---\n"
                   "%%{init: {\"theme\": \"forest\"}}%%\n"
                   "%%{\n  init: { \"flowchart\": { \"curve\": \"linear\" } }\n}%%\n"
                   "flowchart LR\n    id1[This is the text in the box]\n",
                   {"a.md", 1, 1});
    CHECK(p.diags.empty());
    CHECK(p.chart.direction == "LR");
    CHECK(node(p, "id1").label == "This is the text in the box");
    CHECK(node(p, "id1").loc == SourceLoc{"a.md", 11, 5});
}

TEST_CASE("mermaid: unterminated front matter", "[mermaid]") {
    auto p = parse("---\ntitle: x\nflowchart LR\nA-->B\n", {"a.md", 7, 1});
    REQUIRE(p.diags.size() == 1);
    CHECK(p.diags[0] == "a.md:7:1: error: unterminated front matter: expected a closing '---' line [mermaid-syntax]");
    CHECK(p.chart.nodes.empty());
}

TEST_CASE("mermaid: unterminated directive", "[mermaid]") {
    auto p = parse("graph LR\nA-->B\n%%{init: {\n", {"a.md", 1, 1});
    REQUIRE(p.diags.size() == 1);
    CHECK(p.diags[0] == "a.md:3:1: error: unterminated directive: expected '}%%' to close '%%{' [mermaid-syntax]");
    CHECK(p.chart.edges.size() == 1);
}

// ---------------------------------------------------------------- other diagram types

TEST_CASE("mermaid: non-flowchart diagrams are recognised and skipped", "[mermaid]") {
    for (std::string kw : {"sequenceDiagram", "classDiagram", "stateDiagram", "stateDiagram-v2", "erDiagram", "gantt",
                           "pie", "mindmap", "journey", "gitGraph", "timeline", "quadrantChart", "xychart-beta",
                           "sankey-beta", "block-beta", "C4Context", "requirementDiagram", "architecture-beta",
                           "kanban", "packet-beta", "radar-beta"}) {
        auto p = parse(kw + "\n  A->>B: hello\n  A --> B\n", {"a.md", 4, 1});
        CHECK(p.chart.diagram_type == kw);
        CHECK_FALSE(p.chart.is_flowchart());
        CHECK(p.chart.nodes.empty());
        CHECK(p.chart.edges.empty());
        REQUIRE(p.diags.size() == 1);
        CHECK(p.diags[0] == "a.md:4:1: note: " + kw + " is not a flowchart; skipped [mermaid-unsupported-diagram]");
    }
}

TEST_CASE("mermaid: the keyword may follow front matter and have arguments", "[mermaid]") {
    auto p = parse("---\ntitle: Pets\n---\npie title Pets adopted\n  \"Dogs\" : 386\n", {"a.md", 1, 1});
    CHECK(p.chart.diagram_type == "pie");
    REQUIRE(p.diags.size() == 1);
    CHECK(p.diags[0] == "a.md:4:1: note: pie is not a flowchart; skipped [mermaid-unsupported-diagram]");
}

TEST_CASE("mermaid: an empty block is an unknown diagram", "[mermaid]") {
    for (std::string text : {"", "\n\n", "   \n%% only a comment\n"}) {
        auto p = parse(text, {"a.md", 8, 3});
        CHECK(p.chart.diagram_type.empty());
        CHECK(p.chart.nodes.empty());
        REQUIRE(p.diags.size() == 1);
        CHECK(p.diags[0] ==
              "a.md:8:3: warning: empty diagram: expected a diagram type such as 'flowchart' [mermaid-unknown-diagram]");
    }
}

TEST_CASE("mermaid: an unknown first keyword", "[mermaid]") {
    auto p = parse("\n  flowchartx LR\nA-->B\n", {"a.md", 8, 1});
    CHECK(p.chart.diagram_type.empty());
    CHECK(p.chart.nodes.empty());
    REQUIRE(p.diags.size() == 1);
    CHECK(p.diags[0] == "a.md:9:3: warning: unknown diagram type 'flowchartx': expected 'flowchart', 'graph' or "
                        "another Mermaid diagram keyword [mermaid-unknown-diagram]");
}

// ---------------------------------------------------------------- statements

TEST_CASE("mermaid: statements separated by semicolons and indentation", "[mermaid]") {
    auto p = parse("flowchart LR\n   A-.->B;\n\tB --> C ; C --> D;;\n");
    CHECK(p.diags.empty());
    CHECK(edge_pairs(p) == Strings{"A->B", "B->C", "C->D"});
}

TEST_CASE("mermaid: CRLF line ends", "[mermaid]") {
    auto p = parse("flowchart LR\r\nA[x] --> B\r\n%% c\r\nB --> C\r\n");
    CHECK(p.diags.empty());
    CHECK(node(p, "A").label == "x");
    CHECK(edge_pairs(p) == Strings{"A->B", "B->C"});
}

// ---------------------------------------------------------------- node shapes (doc examples)

TEST_CASE("mermaid: every classic node shape", "[mermaid]") {
    struct Case {
        std::string text;
        NodeShape shape;
        std::string label;
    };
    std::vector<Case> cases{
        {"id1[This is the text in the box]", NodeShape::rect, "This is the text in the box"},
        {"id1(This is the text in the box)", NodeShape::round, "This is the text in the box"},
        {"id1([This is the text in the box])", NodeShape::stadium, "This is the text in the box"},
        {"id1[[This is the text in the box]]", NodeShape::subroutine, "This is the text in the box"},
        {"id1[(Database)]", NodeShape::cylinder, "Database"},
        {"id1((This is the text in the circle))", NodeShape::circle, "This is the text in the circle"},
        {"id1(((This is the text in the circle)))", NodeShape::double_circle, "This is the text in the circle"},
        {"id1>This is the text in the box]", NodeShape::asymmetric, "This is the text in the box"},
        {"id1{This is the text in the box}", NodeShape::rhombus, "This is the text in the box"},
        {"id1{{This is the text in the box}}", NodeShape::hexagon, "This is the text in the box"},
        {"id1[/This is the text in the box/]", NodeShape::parallelogram, "This is the text in the box"},
        {"id1[\\This is the text in the box\\]", NodeShape::parallelogram_alt, "This is the text in the box"},
        {"id1[/Christmas\\]", NodeShape::trapezoid, "Christmas"},
        {"id1[\\Go shopping/]", NodeShape::trapezoid_alt, "Go shopping"},
    };
    for (const Case& c : cases) {
        INFO(c.text);
        auto p = parse("flowchart LR\n    " + c.text + "\n");
        CHECK(p.diags.empty());
        REQUIRE(p.chart.nodes.size() == 1);
        CHECK(p.chart.nodes[0].id == "id1");
        CHECK(p.chart.nodes[0].shape == c.shape);
        CHECK(p.chart.nodes[0].label == c.label);
        CHECK(p.chart.nodes[0].shape_name.empty());
        CHECK(p.chart.nodes[0].has_label);
    }
}

TEST_CASE("mermaid: shapes on both ends of a link", "[mermaid]") {
    auto p = parse("flowchart LR\n    A[Hard edge] -->|Link text| B(Round edge)\n    B --> C{Decision}\n"
                   "    C -->|One| D[Result one]\n    C -->|Two| E[Result two]\n");
    REQUIRE(p.diags.empty());
    CHECK(node_ids(p) == Strings{"A", "B", "C", "D", "E"});
    CHECK(node(p, "B").shape == NodeShape::round);
    CHECK(node(p, "C").shape == NodeShape::rhombus);
    CHECK(p.chart.edges[0].label == "Link text");
    CHECK(p.chart.edges[2].label == "One");
}

TEST_CASE("mermaid: an open-slash bracket without its close is a rectangle", "[mermaid]") {
    auto p = parse("flowchart LR\nA[/usr/bin] --> B\n");
    CHECK(p.diags.empty());
    CHECK(node(p, "A").shape == NodeShape::rect);
    CHECK(node(p, "A").label == "/usr/bin");
}

TEST_CASE("mermaid: @{ shape } syntax maps aliases to classic shapes", "[mermaid]") {
    auto p = parse("flowchart RL\n"
                   "    A@{ shape: manual-file, label: \"File Handling\"}\n"
                   "    B@{ shape: manual-input, label: \"User Input\"}\n"
                   "    C@{ shape: docs, label: \"Multiple Documents\"}\n"
                   "    D@{ shape: procs, label: \"Process Automation\"}\n"
                   "    E@{ shape: paper-tape, label: \"Paper Records\"}\n"
                   "    F@{ shape: rect }\n"
                   "    G@{ shape: diamond, label: \"Decision\" }\n"
                   "    H@{ shape: cyl, label: \"Database\" }\n"
                   "    I@{ shape: lean-l, label: \"Output/Input\" }\n"
                   "    J@{ shape: trap-t, label: \"Manual operation\" }\n"
                   "    K@{ shape: dbl-circ, label: \"Stop\" }\n"
                   "    L@{ shape: subproc, label: \"This is a subprocess\" }\n");
    REQUIRE(p.diags.empty());
    CHECK(node(p, "A").shape == NodeShape::other);
    CHECK(node(p, "A").shape_name == "manual-file");
    CHECK(node(p, "A").label == "File Handling");
    CHECK(node(p, "C").shape_name == "docs");
    CHECK(node(p, "E").label == "Paper Records");
    CHECK(node(p, "F").shape == NodeShape::rect);
    CHECK(node(p, "F").shape_name == "rect");
    CHECK(node(p, "F").label == "F");
    CHECK_FALSE(node(p, "F").has_label);
    CHECK(node(p, "G").shape == NodeShape::rhombus);
    CHECK(node(p, "H").shape == NodeShape::cylinder);
    CHECK(node(p, "I").shape == NodeShape::parallelogram_alt);
    CHECK(node(p, "J").shape == NodeShape::trapezoid_alt);
    CHECK(node(p, "K").shape == NodeShape::double_circle);
    CHECK(node(p, "L").shape == NodeShape::subroutine);
}

TEST_CASE("mermaid: @{ } data spanning lines, with icons and images", "[mermaid]") {
    auto p = parse("flowchart TD\n"
                   "  A@{ icon: \"fa:user\", form: \"square\", label: \"User Icon\", pos: \"t\", h: 60 }\n"
                   "  B@{ img: \"https://example.com/image.png\", label: \"Image, Label\", w: 60 }\n"
                   "  C@{\n    shape: hex\n    label: \"Prepare: {x}\"\n  } --> A\n");
    REQUIRE(p.diags.empty());
    CHECK(node(p, "A").shape_name == "icon");
    CHECK(node(p, "A").label == "User Icon");
    CHECK(node(p, "B").shape_name == "image");
    CHECK(node(p, "B").label == "Image, Label");
    CHECK(node(p, "C").shape == NodeShape::hexagon);
    CHECK(node(p, "C").label == "Prepare: {x}");
    CHECK(edge_pairs(p) == Strings{"C->A"});
}

// ---------------------------------------------------------------- labels

TEST_CASE("mermaid: quoted labels keep punctuation", "[mermaid]") {
    auto p = parse("flowchart LR\n    id1[\"This is the (text) in the box\"]\n    id2(\"a [b] {c}\")\n"
                   "    id[\"This ❤ Unicode\"]\n");
    REQUIRE(p.diags.empty());
    CHECK(node(p, "id1").label == "This is the (text) in the box");
    CHECK(node(p, "id2").label == "a [b] {c}");
    CHECK(node(p, "id2").shape == NodeShape::round);
    CHECK(node(p, "id").label == "This ❤ Unicode");
}

TEST_CASE("mermaid: markdown strings lose backticks and emphasis", "[mermaid]") {
    auto p = parse("---\nconfig:\n  htmlLabels: false\n---\nflowchart LR\n"
                   "    markdown[\"`This **is** _Markdown_`\"]\n"
                   "    newLines[\"`Line1\n    Line 2\n    Line 3`\"]\n"
                   "    markdown --> newLines\n"
                   "    snake[\"`keep snake_case and 2 * 3`\"]\n");
    REQUIRE(p.diags.empty());
    CHECK(node(p, "markdown").label == "This is Markdown");
    CHECK(node(p, "newLines").label == "Line1 Line 2 Line 3");
    CHECK(node(p, "snake").label == "keep snake_case and 2 * 3");
    CHECK(edge_pairs(p) == Strings{"markdown->newLines"});
}

TEST_CASE("mermaid: markdown strings in subgraph titles and edge labels (doc example)", "[mermaid]") {
    auto p = parse("flowchart LR\n"
                   "subgraph \"One\"\n"
                   "  a(\"`The **cat**\n  in the hat`\") -- \"edge label\" --> b{{\"`The **dog** in the hog`\"}}\n"
                   "end\n"
                   "subgraph \"`**Two**`\"\n"
                   "  c(\"`The **cat**\n  in the hat`\") -- \"`Bold **edge label**`\" --> d(\"The dog in the hog\")\n"
                   "end\n");
    REQUIRE(p.diags.empty());
    CHECK(node(p, "a").label == "The cat in the hat");
    CHECK(node(p, "b").label == "The dog in the hog");
    CHECK(node(p, "b").shape == NodeShape::hexagon);
    REQUIRE(p.chart.edges.size() == 2);
    CHECK(p.chart.edges[0].label == "edge label");
    CHECK(p.chart.edges[1].label == "Bold edge label");
    REQUIRE(p.chart.subgraphs.size() == 2);
    CHECK(p.chart.subgraphs[0].id == "One");
    CHECK(p.chart.subgraphs[0].title == "One");
    CHECK(p.chart.subgraphs[1].title == "Two");
    CHECK(node(p, "a").subgraph == "One");
    CHECK(node(p, "d").subgraph == p.chart.subgraphs[1].id);
}

TEST_CASE("mermaid: entity codes are decoded", "[mermaid]") {
    auto p = parse("    flowchart LR\n        A[\"A double quote:#quot;\"] --> B[\"A dec char:#9829;\"]\n"
                   "        C[#35; and #amp; and #lt;b#gt; #unknown; #0;]\n");
    REQUIRE(p.diags.empty());
    CHECK(node(p, "A").label == "A double quote:\"");
    CHECK(node(p, "B").label == "A dec char:\u2665");
    CHECK(node(p, "C").label == "# and & and <b> #unknown; #0;");
}

TEST_CASE("mermaid: <br> becomes one space", "[mermaid]") {
    auto p = parse("flowchart LR\nA[one<br>two<br/>three<br />four <BR> five]\nA -->|a<br>b| B\n");
    REQUIRE(p.diags.empty());
    CHECK(node(p, "A").label == "one two three four five");
    CHECK(p.chart.edges[0].label == "a b");
}

TEST_CASE("mermaid: fontawesome text stays as written", "[mermaid]") {
    auto p = parse("flowchart TD\n    B[\"fa:fa-twitter for peace\"]\n    B-->C[fa:fa-ban forbidden]\n"
                   "    B-->D(fa:fa-spinner)\n    B-->E(A fa:fa-camera-retro perhaps?)\n");
    REQUIRE(p.diags.empty());
    CHECK(node(p, "C").label == "fa:fa-ban forbidden");
    CHECK(node(p, "E").label == "A fa:fa-camera-retro perhaps?");
}

// ---------------------------------------------------------------- edges

TEST_CASE("mermaid: every link type", "[mermaid]") {
    struct Case {
        std::string link;
        Stroke stroke;
        ArrowHead start;
        ArrowHead end;
        int length;
    };
    std::vector<Case> cases{
        {"-->", Stroke::normal, ArrowHead::none, ArrowHead::arrow, 1},
        {"---", Stroke::normal, ArrowHead::none, ArrowHead::none, 1},
        {"-.->", Stroke::dotted, ArrowHead::none, ArrowHead::arrow, 1},
        {"-.-", Stroke::dotted, ArrowHead::none, ArrowHead::none, 1},
        {"==>", Stroke::thick, ArrowHead::none, ArrowHead::arrow, 1},
        {"===", Stroke::thick, ArrowHead::none, ArrowHead::none, 1},
        {"~~~", Stroke::invisible, ArrowHead::none, ArrowHead::none, 1},
        {"--o", Stroke::normal, ArrowHead::none, ArrowHead::circle, 1},
        {"--x", Stroke::normal, ArrowHead::none, ArrowHead::cross, 1},
        {"<-->", Stroke::normal, ArrowHead::arrow, ArrowHead::arrow, 1},
        {"o--o", Stroke::normal, ArrowHead::circle, ArrowHead::circle, 1},
        {"x--x", Stroke::normal, ArrowHead::cross, ArrowHead::cross, 1},
        {"<==>", Stroke::thick, ArrowHead::arrow, ArrowHead::arrow, 1},
        {"<-.->", Stroke::dotted, ArrowHead::arrow, ArrowHead::arrow, 1},
        {"---->", Stroke::normal, ArrowHead::none, ArrowHead::arrow, 3},
        {"----", Stroke::normal, ArrowHead::none, ArrowHead::none, 2},
        {"--->", Stroke::normal, ArrowHead::none, ArrowHead::arrow, 2},
        {"-----", Stroke::normal, ArrowHead::none, ArrowHead::none, 3},
        {"====", Stroke::thick, ArrowHead::none, ArrowHead::none, 2},
        {"===>", Stroke::thick, ArrowHead::none, ArrowHead::arrow, 2},
        {"====>", Stroke::thick, ArrowHead::none, ArrowHead::arrow, 3},
        {"-..-", Stroke::dotted, ArrowHead::none, ArrowHead::none, 2},
        {"-..->", Stroke::dotted, ArrowHead::none, ArrowHead::arrow, 2},
        {"-...->", Stroke::dotted, ArrowHead::none, ArrowHead::arrow, 3},
        {"~~~~", Stroke::invisible, ArrowHead::none, ArrowHead::none, 2},
    };
    for (const Case& c : cases) {
        for (std::string sep : {" ", ""}) {
            if (sep.empty() && (c.link[0] == 'o' || c.link[0] == 'x')) continue;  // "Ao--oB" is node "Ao"
            std::string text = "flowchart LR\n    A" + sep + c.link + sep + "B\n";
            INFO(text);
            auto p = parse(text);
            CHECK(p.diags.empty());
            REQUIRE(p.chart.edges.size() == 1);
            const auto& e = p.chart.edges[0];
            CHECK(e.from == "A");
            CHECK(e.to == "B");
            CHECK(e.stroke == c.stroke);
            CHECK(e.head_start == c.start);
            CHECK(e.head_end == c.end);
            CHECK(e.length == c.length);
            CHECK(e.label.empty());
        }
    }
}

TEST_CASE("mermaid: link texts in all forms", "[mermaid]") {
    auto p = parse("flowchart LR\n"
                   "    A-- This is the text! ---B\n"
                   "    A---|This is the text|B\n"
                   "    A-->|text|B\n"
                   "    A-- text -->B\n"
                   "   A-. text .-> B\n"
                   "   A == text ==> B\n"
                   "   A -- \"quoted | text\" --> B\n"
                   "   A -->|\"with | pipe\"| B\n"
                   "   A <-- both --> B\n"
                   "   A --> |spaced| B\n");
    REQUIRE(p.diags.empty());
    REQUIRE(p.chart.edges.size() == 10);
    const auto& e = p.chart.edges;
    CHECK(e[0].label == "This is the text!");
    CHECK(e[0].head_end == ArrowHead::none);
    CHECK(e[1].label == "This is the text");
    CHECK(e[1].head_end == ArrowHead::none);
    CHECK(e[2].label == "text");
    CHECK(e[3].label == "text");
    CHECK(e[3].head_end == ArrowHead::arrow);
    CHECK(e[4].label == "text");
    CHECK(e[4].stroke == Stroke::dotted);
    CHECK(e[5].label == "text");
    CHECK(e[5].stroke == Stroke::thick);
    CHECK(e[6].label == "quoted | text");
    CHECK(e[7].label == "with | pipe");
    CHECK(e[8].label == "both");
    CHECK(e[8].head_start == ArrowHead::arrow);
    CHECK(e[9].label == "spaced");
    for (const auto& edge : e) {
        CHECK(edge.from == "A");
        CHECK(edge.to == "B");
    }
}

TEST_CASE("mermaid: minimum length with text in the middle (doc example)", "[mermaid]") {
    auto p = parse("flowchart TD\n    A[Start] --> B{Is it?}\n    B -- Yes --> C[OK]\n    C --> D[Rethink]\n"
                   "    D --> B\n    B -- No ----> E[End]\n");
    REQUIRE(p.diags.empty());
    REQUIRE(p.chart.edges.size() == 5);
    CHECK(p.chart.edges[1].label == "Yes");
    CHECK(p.chart.edges[4].label == "No");
    CHECK(p.chart.edges[4].length == 3);
    auto q = parse("flowchart TD\n    B ---->|No| E[End]\n");
    CHECK(q.chart.edges[0].length == 3);
    CHECK(q.chart.edges[0].label == "No");
}

TEST_CASE("mermaid: circle and cross heads attach to the next id without a space", "[mermaid]") {
    auto p = parse("flowchart LR\nA---oB\nA---xB\ndev--- ops\n");
    REQUIRE(p.diags.empty());
    REQUIRE(p.chart.edges.size() == 3);
    CHECK(p.chart.edges[0].head_end == ArrowHead::circle);
    CHECK(p.chart.edges[0].to == "B");
    CHECK(p.chart.edges[1].head_end == ArrowHead::cross);
    CHECK(p.chart.edges[2].to == "ops");
    CHECK(p.chart.edges[2].head_end == ArrowHead::none);
}

TEST_CASE("mermaid: edge ids and edge metadata", "[mermaid]") {
    auto p = parse("flowchart LR\n  A e1@--> B\n  A e2@==> C\n  e1@{ animate: true }\n  e2@{ curve: natural }\n"
                   "  classDef animate stroke-dasharray: 9\\,5,stroke-dashoffset: 900;\n  class e1 animate\n");
    REQUIRE(p.diags.empty());
    REQUIRE(p.chart.edges.size() == 2);
    CHECK(p.chart.edges[0].edge_id == "e1");
    CHECK(p.chart.edges[0].stroke == Stroke::normal);
    CHECK(p.chart.edges[1].edge_id == "e2");
    CHECK(p.chart.edges[1].stroke == Stroke::thick);
    CHECK(node_ids(p) == Strings{"A", "B", "C"});
    CHECK(p.chart.edges[0].loc == SourceLoc{"a.md", 2, 8});
}

TEST_CASE("mermaid: chains with texts (doc example)", "[mermaid]") {
    auto p = parse("flowchart LR\n   A -- text --> B -- text2 --> C\n");
    REQUIRE(p.diags.empty());
    CHECK(edge_pairs(p) == Strings{"A->B", "B->C"});
    CHECK(p.chart.edges[0].label == "text");
    CHECK(p.chart.edges[1].label == "text2");
}

TEST_CASE("mermaid: node groups with '&'", "[mermaid]") {
    auto p = parse("flowchart TB\n    A & B--> C & D\n");
    REQUIRE(p.diags.empty());
    CHECK(edge_pairs(p) == Strings{"A->C", "A->D", "B->C", "B->D"});
    auto q = parse("flowchart LR\n   a --> b & c--> d\n");
    REQUIRE(q.diags.empty());
    CHECK(edge_pairs(q) == Strings{"a->b", "a->c", "b->d", "c->d"});
    CHECK(node_ids(q) == Strings{"a", "b", "c", "d"});
}

// ---------------------------------------------------------------- subgraphs

TEST_CASE("mermaid: subgraphs with titles and nodes (doc example)", "[mermaid]") {
    auto p = parse("flowchart TB\n    c1-->a2\n    subgraph one\n    a1-->a2\n    end\n    subgraph two\n"
                   "    b1-->b2\n    end\n    subgraph three\n    c1-->c2\n    end\n",
                   {"a.md", 1, 1});
    REQUIRE(p.diags.empty());
    REQUIRE(p.chart.subgraphs.size() == 3);
    CHECK(p.chart.subgraphs[0].id == "one");
    CHECK(p.chart.subgraphs[0].title == "one");
    CHECK(p.chart.subgraphs[0].parent.empty());
    CHECK(p.chart.subgraphs[0].loc == SourceLoc{"a.md", 3, 5});
    CHECK(node(p, "a1").subgraph == "one");
    CHECK(node(p, "a2").subgraph == "one");
    CHECK(node(p, "b1").subgraph == "two");
    CHECK(node(p, "c1").subgraph == "three");
    CHECK(node(p, "c2").subgraph == "three");
    CHECK(node_ids(p) == Strings{"c1", "a2", "a1", "b1", "b2", "c2"});
}

TEST_CASE("mermaid: subgraph with an explicit id and title", "[mermaid]") {
    auto p = parse("flowchart TB\n    c1-->a2\n    subgraph ide1 [one]\n    a1-->a2\n    end\n"
                   "    subgraph ide2[\"two (2)\"]\n    end\n");
    REQUIRE(p.diags.empty());
    REQUIRE(p.chart.subgraphs.size() == 2);
    CHECK(p.chart.subgraphs[0].id == "ide1");
    CHECK(p.chart.subgraphs[0].title == "one");
    CHECK(p.chart.subgraphs[1].id == "ide2");
    CHECK(p.chart.subgraphs[1].title == "two (2)");
    CHECK(node(p, "a1").subgraph == "ide1");
}

TEST_CASE("mermaid: subgraph titles with spaces get generated ids", "[mermaid]") {
    auto p = parse("flowchart TB\nsubgraph Big title\nA\nend\nsubgraph \"quoted title\"\nB\nend\nsubgraph\nC\nend\n");
    REQUIRE(p.diags.empty());
    REQUIRE(p.chart.subgraphs.size() == 3);
    CHECK(p.chart.subgraphs[0].id == "subGraph0");
    CHECK(p.chart.subgraphs[0].title == "Big title");
    CHECK(p.chart.subgraphs[1].id == "subGraph1");
    CHECK(p.chart.subgraphs[1].title == "quoted title");
    CHECK(p.chart.subgraphs[2].id == "subGraph2");
    CHECK(p.chart.subgraphs[2].title.empty());
    CHECK(node(p, "A").subgraph == "subGraph0");
}

TEST_CASE("mermaid: edges to and from subgraphs keep the subgraph id (doc example)", "[mermaid]") {
    auto p = parse("flowchart TB\n    c1-->a2\n    subgraph one\n    a1-->a2\n    end\n    subgraph two\n"
                   "    b1-->b2\n    end\n    subgraph three\n    c1-->c2\n    end\n"
                   "    one --> two\n    three --> two\n    two --> c2\n");
    REQUIRE(p.diags.empty());
    CHECK(edge_pairs(p) ==
          Strings{"c1->a2", "a1->a2", "b1->b2", "c1->c2", "one->two", "three->two", "two->c2"});
    // Subgraph ids are not nodes.
    CHECK(p.chart.find_node("one") == nullptr);
    CHECK(p.chart.find_node("two") == nullptr);
    CHECK(p.chart.find_node("three") == nullptr);
    CHECK(p.chart.nodes.size() == 6);
}

TEST_CASE("mermaid: a subgraph id used before its subgraph is still not a node", "[mermaid]") {
    auto p = parse("flowchart LR\nA --> S\nsubgraph S\nB\nend\n");
    CHECK(p.diags.empty());
    CHECK(node_ids(p) == Strings{"A", "B"});
    // ... unless it is given a label somewhere: then it is both.
    auto q = parse("flowchart LR\nA --> S[Label]\nsubgraph S\nB\nend\n");
    CHECK(node_ids(q) == Strings{"A", "S", "B"});
}

TEST_CASE("mermaid: nested subgraphs with directions (doc example)", "[mermaid]") {
    auto p = parse("flowchart LR\n  subgraph TOP\n    direction TB\n    subgraph B1\n        direction RL\n"
                   "        i1 -->f1\n    end\n    subgraph B2\n        direction BT\n        i2 -->f2\n    end\n"
                   "  end\n  A --> TOP --> B\n  B1 --> B2\n");
    REQUIRE(p.diags.empty());
    REQUIRE(p.chart.subgraphs.size() == 3);
    CHECK(p.chart.subgraphs[0].id == "TOP");
    CHECK(p.chart.subgraphs[0].direction == "TB");
    CHECK(p.chart.subgraphs[1].id == "B1");
    CHECK(p.chart.subgraphs[1].parent == "TOP");
    CHECK(p.chart.subgraphs[1].direction == "RL");
    CHECK(p.chart.subgraphs[2].parent == "TOP");
    CHECK(p.chart.subgraphs[2].direction == "BT");
    CHECK(node(p, "i1").subgraph == "B1");
    CHECK(node(p, "f2").subgraph == "B2");
    CHECK(node(p, "A").subgraph.empty());
    CHECK(edge_pairs(p) == Strings{"i1->f1", "i2->f2", "A->TOP", "TOP->B", "B1->B2"});
    CHECK(node_ids(p) == Strings{"i1", "f1", "i2", "f2", "A", "B"});
    CHECK(p.chart.direction == "LR");
}

TEST_CASE("mermaid: a node belongs to the innermost subgraph that mentions it first", "[mermaid]") {
    auto p = parse("flowchart LR\nsubgraph outer\n  X --> Y\n  subgraph inner\n    X\n  end\nend\n"
                   "subgraph other\n  Y\nend\nZ\n");
    REQUIRE(p.diags.empty());
    CHECK(node(p, "X").subgraph == "inner");  // moved into the nested subgraph
    CHECK(node(p, "Y").subgraph == "outer");  // a later, unrelated subgraph does not take it
    CHECK(node(p, "Z").subgraph.empty());
}

TEST_CASE("mermaid: subgraph limitation example parses", "[mermaid]") {
    auto p = parse("flowchart LR\n    subgraph subgraph1\n        direction TB\n        top1[top] --> bottom1[bottom]\n"
                   "    end\n    subgraph subgraph2\n        direction TB\n        top2[top] --> bottom2[bottom]\n"
                   "    end\n    %% ^ These subgraphs are identical, except for the links to them:\n"
                   "    outside --> subgraph1\n    outside ---> top2\n");
    REQUIRE(p.diags.empty());
    CHECK(node(p, "top1").label == "top");
    CHECK(edge_pairs(p) == Strings{"top1->bottom1", "top2->bottom2", "outside->subgraph1", "outside->top2"});
    CHECK(p.chart.edges[3].length == 2);
}

TEST_CASE("mermaid: 'end' without an open subgraph", "[mermaid]") {
    auto p = parse("flowchart LR\nA --> B\n  end\nC\n", {"a.md", 10, 1});
    REQUIRE(p.diags.size() == 1);
    CHECK(p.diags[0] == "a.md:12:3: error: found 'end' but no subgraph is open [mermaid-syntax]");
    CHECK(node_ids(p) == Strings{"A", "B", "C"});
}

TEST_CASE("mermaid: an unclosed subgraph", "[mermaid]") {
    auto p = parse("flowchart LR\nsubgraph one\nA --> B\n", {"a.md", 10, 1});
    REQUIRE(p.diags.size() == 1);
    CHECK(p.diags[0] ==
          "a.md:11:1: error: subgraph 'one' is not closed: expected 'end' before the end of the diagram [mermaid-syntax]");
    CHECK(node(p, "A").subgraph == "one");
}

TEST_CASE("mermaid: ids that merely start with a keyword are nodes", "[mermaid]") {
    auto p = parse("flowchart LR\nendpoint --> subgraphs\nstyles --> classy\ndirection_x --> end2\n");
    REQUIRE(p.diags.empty());
    CHECK(node_ids(p) == Strings{"endpoint", "subgraphs", "styles", "classy", "direction_x", "end2"});
}

// ---------------------------------------------------------------- skipped statements

TEST_CASE("mermaid: styling, classes, clicks and accessibility are skipped", "[mermaid]") {
    auto p = parse("flowchart LR\n"
                   "    accTitle: Big Decisions\n"
                   "    accDescr: Bob's Burgers process for making big decisions\n"
                   "    accDescr {\n        A multi-line description\n        with --> arrows\n    }\n"
                   "    id1(Start)-->id2(Stop)\n"
                   "    style id1 fill:#f9f,stroke:#333,stroke-width:4px\n"
                   "    style id2 fill:#bbf,stroke:#f66,stroke-width:2px,color:#fff,stroke-dasharray: 5 5\n"
                   "    classDef className fill:#f9f,stroke:#333,stroke-width:4px;\n"
                   "    classDef firstClassName,secondClassName font-size:12pt;\n"
                   "    class nodeId1 className;\n"
                   "    class nodeId1,nodeId2 className;\n"
                   "    classDef default fill:#f9f,stroke:#333,stroke-width:4px;\n"
                   "    linkStyle 3 stroke:#ff3,stroke-width:4px,color:red;\n"
                   "    linkStyle 1,2,7 color:blue;\n"
                   "    click A callback \"Tooltip for a callback\"\n"
                   "    click B \"https://www.github.com\" \"This is a tooltip for a link\"\n"
                   "    click C call callback() \"Tooltip for a callback\"\n"
                   "    click D href \"https://www.github.com\" \"Open this in a new tab\" _blank\n");
    CHECK(p.diags.empty());
    CHECK(node_ids(p) == Strings{"id1", "id2"});
    CHECK(p.chart.edges.size() == 1);
}

TEST_CASE("mermaid: ':::' class suffixes (doc examples)", "[mermaid]") {
    auto p = parse("flowchart LR\n    A:::foo & B:::bar --> C:::foobar\n    D[Label]:::someclass --> E\n"
                   "    classDef foo stroke:#f00\n");
    REQUIRE(p.diags.empty());
    CHECK(edge_pairs(p) == Strings{"A->C", "B->C", "D->E"});
    CHECK(node(p, "D").label == "Label");
}

TEST_CASE("mermaid: styling keywords without arguments", "[mermaid]") {
    auto p = parse("flowchart LR\nstyle\nclassDef ;\nlinkStyle\naccTitle oops\n", {"a.md", 1, 1});
    REQUIRE(p.diags.size() == 4);
    CHECK(p.diags[0] == "a.md:2:6: error: expected a node id after 'style', found end of line [mermaid-syntax]");
    CHECK(p.diags[1] == "a.md:3:10: error: expected a class name after 'classDef', found ';' [mermaid-syntax]");
    CHECK(p.diags[2] ==
          "a.md:4:10: error: expected a link number or 'default' after 'linkStyle', found end of line [mermaid-syntax]");
    CHECK(p.diags[3] == "a.md:5:10: error: expected a link such as '-->', '&' or the end of the statement after node "
                        "'accTitle', found 'oops' [mermaid-syntax]");
}

TEST_CASE("mermaid: unterminated accDescr block", "[mermaid]") {
    auto p = parse("flowchart LR\nA --> B\naccDescr {\n text\n", {"a.md", 1, 1});
    REQUIRE(p.diags.size() == 1);
    CHECK(p.diags[0] == "a.md:3:10: error: unterminated 'accDescr {': expected '}' [mermaid-syntax]");
}

// ---------------------------------------------------------------- errors and recovery

TEST_CASE("mermaid: syntax error messages", "[mermaid]") {
    struct Case {
        std::string line;
        std::string diag;
    };
    std::vector<Case> cases{
        {"A -->", "a.md:3:6: error: expected a node id after '-->', found end of line [mermaid-syntax]"},
        {"A --> ;", "a.md:3:7: error: expected a node id after '-->', found ';' [mermaid-syntax]"},
        {"A B", "a.md:3:3: error: expected a link such as '-->', '&' or the end of the statement after node 'A', "
                "found 'B' [mermaid-syntax]"},
        {"-->B", "a.md:3:1: error: expected a node id, found '-->' [mermaid-syntax]"},
        {"A & --> B", "a.md:3:5: error: expected a node id after '&', found '-->' [mermaid-syntax]"},
        {"A[unclosed --> B", "a.md:3:17: error: expected ']' to close the label of node 'A', found end of line "
                             "[mermaid-syntax]"},
        {"A[\"quoted\" x] --> B", "a.md:3:12: error: expected ']' to close the label of node 'A', found 'x' "
                                  "[mermaid-syntax]"},
        {"A(((x)) --> B", "a.md:3:14: error: expected ')))' to close the label of node 'A', found end of line "
                          "[mermaid-syntax]"},
        {"A -- text B", "a.md:3:12: error: expected '-->' or '---' to end the link text, found end of line "
                        "[mermaid-syntax]"},
        {"A -- text --B", "a.md:3:11: error: expected '-->' or '---' to end the link text, found '--' "
                          "[mermaid-syntax]"},
        {"A == text B", "a.md:3:12: error: expected '==>' or '===' to end the link text, found end of line "
                        "[mermaid-syntax]"},
        {"A -. text B", "a.md:3:12: error: expected '.->' or '.-' to end the link text, found end of line "
                        "[mermaid-syntax]"},
        {"A -->|text B", "a.md:3:13: error: expected '|' to close the link text, found end of line [mermaid-syntax]"},
        {"A -- text --> ", "a.md:3:15: error: expected a node id after '-->', found end of line [mermaid-syntax]"},
        {"A:::", "a.md:3:5: error: expected a class name after ':::', found end of line [mermaid-syntax]"},
        {"A@{ shape }", "a.md:3:5: error: expected 'key: value' in '@{ }' of node 'A', found 'shape' [mermaid-syntax]"},
        {"A@{ shape: rect, 节点 }", "a.md:3:18: error: expected 'key: value' in '@{ }' of node 'A', found '节点' "
                                  "[mermaid-syntax]"},
        {"direction XY", "a.md:3:11: error: expected a direction (TB, TD, BT, RL, LR, >, <, ^ or v) after "
                         "'direction', found 'XY' [mermaid-syntax]"},
        {"subgraph ]", "a.md:3:10: error: expected a subgraph id or title after 'subgraph', found ']' "
                       "[mermaid-syntax]"},
        {"subgraph a [title", "a.md:3:18: error: expected ']' to close the title of subgraph 'a', found end of line "
                              "[mermaid-syntax]"},
        {"A - B", "a.md:3:3: error: expected a link such as '-->', '&' or the end of the statement after node 'A', "
                  "found '-' [mermaid-syntax]"},
        {"A[x]]", "a.md:3:5: error: expected a link such as '-->', '&' or the end of the statement after node 'A', "
                  "found ']' [mermaid-syntax]"},
    };
    for (const Case& c : cases) {
        INFO(c.line);
        auto p = parse("flowchart LR\nX --> Y\n" + c.line + "\nZ --> W\n");
        REQUIRE(p.diags.size() == 1);
        CHECK(p.diags[0] == c.diag);
        // Recovery: the statements around the bad one are kept, the bad one adds nothing.
        CHECK(edge_pairs(p) == Strings{"X->Y", "Z->W"});
    }
}

TEST_CASE("mermaid: one diagnostic per bad statement, parsing goes on", "[mermaid]") {
    auto p = parse("graph LR\nA -->\nB[x\nC --> D\nE F\nG --> H\n", {"a.md", 10, 1});
    REQUIRE(p.diags.size() == 3);
    CHECK(p.diags[0] == "a.md:11:6: error: expected a node id after '-->', found end of line [mermaid-syntax]");
    CHECK(p.diags[1] == "a.md:12:4: error: expected ']' to close the label of node 'B', found end of line "
                        "[mermaid-syntax]");
    CHECK(p.diags[2] == "a.md:14:3: error: expected a link such as '-->', '&' or the end of the statement after node "
                        "'E', found 'F' [mermaid-syntax]");
    CHECK(edge_pairs(p) == Strings{"C->D", "G->H"});
    CHECK(node_ids(p) == Strings{"C", "D", "G", "H"});
}

TEST_CASE("mermaid: an unterminated quote", "[mermaid]") {
    auto p = parse("graph LR\nA[\"open --> B\nC --> D\n", {"a.md", 10, 1});
    REQUIRE(p.diags.size() == 1);
    CHECK(p.diags[0] ==
          "a.md:11:3: error: unterminated string: expected a closing '\"' before the end of the diagram [mermaid-syntax]");
    CHECK(edge_pairs(p) == Strings{"C->D"});
}

TEST_CASE("mermaid: an unterminated @{", "[mermaid]") {
    auto p = parse("graph LR\nA@{ shape: rect\nC --> D\n", {"a.md", 10, 1});
    REQUIRE(p.diags.size() == 1);
    CHECK(p.diags[0] == "a.md:11:2: error: unterminated '@{' of node 'A': expected '}' [mermaid-syntax]");
    CHECK(edge_pairs(p) == Strings{"C->D"});
}

TEST_CASE("mermaid: trailing comments, end with a semicolon and top-level direction", "[mermaid]") {
    auto p = parse("flowchart LR\nsubgraph s\nA --> B %% trailing comment\nend;\ndirection RL\nC --> D;%% x\n");
    CHECK(p.diags.empty());
    CHECK(p.chart.direction == "RL");
    CHECK(edge_pairs(p) == Strings{"A->B", "C->D"});
    CHECK(node(p, "B").subgraph == "s");
    CHECK(node(p, "C").subgraph.empty());
}

TEST_CASE("mermaid: junk after 'end'", "[mermaid]") {
    auto p = parse("flowchart LR\nsubgraph s\nA\nend x\nend\n", {"a.md", 1, 1});
    REQUIRE(p.diags.size() == 1);
    CHECK(p.diags[0] == "a.md:4:5: error: expected ';' or the end of the line after 'end', found 'x' [mermaid-syntax]");
    // The bad 'end' closed nothing; the next one does.
    REQUIRE(p.chart.subgraphs.size() == 1);
}

TEST_CASE("mermaid: locations after a multi-line label", "[mermaid]") {
    auto p = parse("flowchart LR\nA[\"`one\ntwo`\"] --> B\n  C --> D\n", {"a.md", 20, 3});
    REQUIRE(p.diags.empty());
    CHECK(node(p, "A").label == "one two");
    CHECK(node(p, "B").loc == SourceLoc{"a.md", 22, 14});
    CHECK(node(p, "C").loc == SourceLoc{"a.md", 23, 5});
}

// ---------------------------------------------------------------- robustness

TEST_CASE("mermaid: a 10,000-line chart", "[mermaid]") {
    std::string text = "flowchart TD\n";
    for (int i = 0; i < 10000; ++i) {
        text += "  n" + std::to_string(i) + "[Node " + std::to_string(i) + "] --> n" + std::to_string(i + 1) + "\n";
    }
    auto p = parse(text, {"big.md", 1, 1});
    CHECK(p.diags.empty());
    CHECK(p.chart.nodes.size() == 10001);
    CHECK(p.chart.edges.size() == 10000);
    CHECK(node(p, "n9999").label == "Node 9999");
    CHECK(node(p, "n0").loc == SourceLoc{"big.md", 2, 3});
    CHECK(node(p, "n10000").loc == SourceLoc{"big.md", 10001, 24});
}

TEST_CASE("mermaid: 10,000 bad lines stay linear", "[mermaid]") {
    struct Case {
        std::string line;
        std::size_t diags;
    };
    // An unterminated quote runs to the quote on the next line (strings may span lines), so
    // that kind pairs up lines; every other kind fails once per line.
    std::vector<Case> cases{{"A[\"unterminated", 5000}, {"B@{ shape: rect", 10000}, {"%%{ directive", 10000},
                            {"accDescr {", 10000},       {"C -- text", 10000},       {"D[x --> E", 10000},
                            {"F -->|x", 10000}};
    for (const Case& c : cases) {
        INFO(c.line);
        std::string text = "flowchart TD\n";
        for (int i = 0; i < 10000; ++i) text += c.line + "\n";
        auto p = parse(text);
        CHECK(p.diags.size() == c.diags);
        CHECK(p.chart.nodes.empty());
    }
}

TEST_CASE("mermaid: one very long line", "[mermaid]") {
    std::string text = "flowchart LR\n";
    for (int i = 0; i < 20000; ++i) text += "n" + std::to_string(i) + "[/path" + std::to_string(i) + "] --> ";
    text += "last[/para/]\n";
    auto p = parse(text);
    CHECK(p.diags.empty());
    CHECK(p.chart.edges.size() == 20000);
    CHECK(node(p, "n19999").shape == NodeShape::rect);
    CHECK(node(p, "n19999").label == "/path19999");
    CHECK(node(p, "last").shape == NodeShape::parallelogram);
}

TEST_CASE("mermaid: 1,000-deep nested subgraphs", "[mermaid]") {
    std::string text = "flowchart TD\n";
    for (int i = 0; i < 1000; ++i) text += "subgraph s" + std::to_string(i) + "\n";
    text += "leaf\n";
    for (int i = 0; i < 1000; ++i) text += "end\n";
    auto p = parse(text);
    CHECK(p.diags.empty());
    REQUIRE(p.chart.subgraphs.size() == 1000);
    CHECK(p.chart.subgraphs[999].parent == "s998");
    CHECK(node(p, "leaf").subgraph == "s999");

    // Never closed: one diagnostic per open subgraph, no crash.
    std::string open = "flowchart TD\n";
    for (int i = 0; i < 1000; ++i) open += "subgraph s" + std::to_string(i) + "\n";
    auto q = parse(open);
    CHECK(q.diags.size() == 1000);
}

TEST_CASE("mermaid: NUL bytes and control characters", "[mermaid]") {
    const char raw[] = "graph LR\nA\0B --> C\nD --> E\nF[a\0b]\n";
    std::string text(raw, sizeof raw - 1);
    auto p = parse(text, {"a.md", 1, 1});
    REQUIRE(p.diags.size() == 1);
    CHECK(p.diags[0] == "a.md:2:2: error: expected a link such as '-->', '&' or the end of the statement after node "
                        "'A', found control character U+0000 [mermaid-syntax]");
    CHECK(edge_pairs(p) == Strings{"D->E"});
    CHECK(node(p, "F").label == "a\uFFFDb");
    auto q = parse(std::string("\0\0\0", 3));
    CHECK(q.diags.size() == 1);
}

TEST_CASE("mermaid: invalid UTF-8 is replaced, columns count bytes as characters", "[mermaid]") {
    auto p = parse("graph LR\nA\xff\xfe --> B[\xc3(x\x80]\nC --> \xe6\x95\n", {"a.md", 1, 1});
    CHECK(p.diags.empty());
    REQUIRE(p.chart.nodes.size() == 4);
    CHECK(p.chart.nodes[0].id == "A\uFFFD\uFFFD");
    CHECK(p.chart.nodes[1].label == "\uFFFD(x\uFFFD");
    CHECK(p.chart.nodes[3].id == "\uFFFD\uFFFD");
    CHECK(p.chart.edges[0].loc == SourceLoc{"a.md", 2, 5});
    CHECK(p.chart.edges[0].from == "A\uFFFD\uFFFD");
}

TEST_CASE("mermaid: arbitrary garbage never crashes", "[mermaid]") {
    std::string pieces[] = {"-->", "[", "]", "(", ")", "{", "}", "\"", "|", "&", "@{", ":::", "%%", "subgraph", "end",
                            "A", "数据", "\xff", std::string(1, '\0'), "\n", ";", "-.", "==", "~~", "<", "o", "x", " "};
    std::uint32_t state = 12345;
    for (int round = 0; round < 300; ++round) {
        std::string text = round % 2 ? "flowchart LR\n" : "graph\n";
        for (int i = 0; i < 60; ++i) {
            state = state * 1664525u + 1013904223u;
            text += pieces[(state >> 16) % std::size(pieces)];
        }
        auto p = parse(text);
        CHECK(p.chart.is_flowchart());
    }
}

TEST_CASE("mermaid: to_string of enums", "[mermaid]") {
    CHECK(to_string(NodeShape::double_circle) == "double_circle");
    CHECK(to_string(NodeShape::other) == "other");
    CHECK(to_string(ArrowHead::cross) == "cross");
    CHECK(to_string(Stroke::invisible) == "invisible");
}
