// Mermaid: the entry point — front matter, directives, the diagram keyword, then the flowchart body.
#include "convgraph/mermaid.hpp"

#include "mermaid_cursor.hpp"
#include "mermaid_flowchart.hpp"
#include "mermaid_text.hpp"

#include <array>

namespace convgraph {

namespace {

using mermaid_detail::Cursor;
using mermaid_detail::SyntaxError;

constexpr std::array<std::string_view, 3> flowchart_keywords{"graph", "flowchart", "flowchart-elk"};

// The other diagram types Mermaid knows; their blocks are recognised and skipped.
constexpr std::array<std::string_view, 40> other_keywords{
    "sequenceDiagram", "classDiagram", "classDiagram-v2", "stateDiagram", "stateDiagram-v2",
    "erDiagram",       "gantt",        "pie",             "mindmap",      "journey",
    "gitGraph",        "timeline",     "quadrantChart",   "xychart-beta", "xychart",
    "sankey-beta",     "sankey",       "block-beta",      "block",        "C4Context",
    "C4Container",     "C4Component",  "C4Dynamic",       "C4Deployment", "requirementDiagram",
    "requirement",     "architecture-beta", "architecture", "kanban",     "packet-beta",
    "packet",          "radar-beta",   "radar",           "treemap-beta", "treemap",
    "info",            "zenuml",       "venn-beta",       "ishikawa-beta", "wardley-beta",
};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& list, std::string_view word) {
    for (std::string_view known : list) {
        if (known == word) return true;
    }
    return false;
}

bool is_word_stop(const Cursor& c) {
    return c.at_eol() || c.is(';') || mermaid_detail::is_space_cp(c.code_point());
}

// Blank lines, comments, directives and front matter before the diagram keyword. False when
// the front matter is not closed (the rest of the block is then unusable).
bool skip_preamble(Cursor& c, DiagnosticSink& diags) {
    bool first = true;
    while (!c.at_end()) {
        c.skip_spaces();
        if (c.at_end()) break;
        if (c.is('\n')) {
            c.advance();
            continue;
        }
        if (first && c.starts_with("---") && mermaid_detail::trim(c.text().substr(c.pos(), c.line_end() - c.pos())) == "---") {
            SourceLoc loc = c.loc();
            c.skip_to_eol();
            while (true) {
                if (c.at_end()) {
                    diags.error(loc, "mermaid-syntax", "unterminated front matter: expected a closing '---' line");
                    return false;
                }
                c.advance();  // the new line
                std::string_view line = c.text().substr(c.pos(), c.line_end() - c.pos());
                c.skip_to_eol();
                if (mermaid_detail::trim(line) == "---") break;
            }
            first = false;
            continue;
        }
        first = false;
        if (!c.starts_with("%%")) break;
        SyntaxError error;
        if (!mermaid_detail::skip_comment(c, error)) diags.error(error.loc, "mermaid-syntax", error.message);
    }
    return true;
}

// The rest of the header line after "flowchart": an optional direction.
void parse_direction(Cursor& c, std::string_view keyword, MermaidChart& chart, DiagnosticSink& diags) {
    c.skip_spaces();
    if (c.at_eol() || c.is(';') || c.starts_with("%%")) return;
    SourceLoc loc = c.loc();
    std::size_t begin = c.pos();
    while (!is_word_stop(c)) c.advance();
    std::string_view token = c.text().substr(begin, c.pos() - begin);
    std::optional<std::string> direction = mermaid_detail::normalize_direction(token);
    std::string header = "'" + std::string(keyword) + "'";
    if (!direction) {
        diags.error(loc, "mermaid-syntax",
                    "expected a direction (TB, TD, BT, RL, LR, >, <, ^ or v) after " + header + ", found '" +
                        mermaid_detail::sanitize_utf8(token.substr(0, 40)) + "'");
        c.skip_to_eol();
        return;
    }
    chart.direction = *direction;
    c.skip_spaces();
    if (c.at_eol() || c.is(';') || c.starts_with("%%")) return;
    diags.error(c.loc(), "mermaid-syntax",
                "expected ';' or the end of the line after '" + std::string(keyword) + " " + std::string(token) +
                    "', found " + c.describe());
    c.skip_to_eol();
}

}  // namespace

std::string_view to_string(NodeShape s) {
    switch (s) {
    case NodeShape::rect: return "rect";
    case NodeShape::round: return "round";
    case NodeShape::stadium: return "stadium";
    case NodeShape::subroutine: return "subroutine";
    case NodeShape::cylinder: return "cylinder";
    case NodeShape::circle: return "circle";
    case NodeShape::double_circle: return "double_circle";
    case NodeShape::asymmetric: return "asymmetric";
    case NodeShape::rhombus: return "rhombus";
    case NodeShape::hexagon: return "hexagon";
    case NodeShape::parallelogram: return "parallelogram";
    case NodeShape::parallelogram_alt: return "parallelogram_alt";
    case NodeShape::trapezoid: return "trapezoid";
    case NodeShape::trapezoid_alt: return "trapezoid_alt";
    case NodeShape::other: return "other";
    }
    return "other";
}

std::string_view to_string(ArrowHead h) {
    switch (h) {
    case ArrowHead::none: return "none";
    case ArrowHead::arrow: return "arrow";
    case ArrowHead::circle: return "circle";
    case ArrowHead::cross: return "cross";
    }
    return "none";
}

std::string_view to_string(Stroke s) {
    switch (s) {
    case Stroke::normal: return "normal";
    case Stroke::thick: return "thick";
    case Stroke::dotted: return "dotted";
    case Stroke::invisible: return "invisible";
    }
    return "normal";
}

const MermaidNode* MermaidChart::find_node(std::string_view id) const {
    for (const MermaidNode& node : nodes) {
        if (node.id == id) return &node;
    }
    return nullptr;
}

MermaidChart parse_mermaid(std::string_view text, const SourceLoc& origin, DiagnosticSink& diags) {
    mermaid_detail::Source source(text, origin);
    Cursor c(source);
    MermaidChart chart;
    if (!skip_preamble(c, diags)) return chart;
    c.skip_spaces();
    if (c.at_end()) {
        diags.warning(source.origin(), "mermaid-unknown-diagram",
                      "empty diagram: expected a diagram type such as 'flowchart'");
        return chart;
    }
    SourceLoc keyword_loc = c.loc();
    std::size_t begin = c.pos();
    while (!is_word_stop(c)) c.advance();
    std::string_view keyword = text.substr(begin, c.pos() - begin);

    if (contains(flowchart_keywords, keyword)) {
        chart.diagram_type = "flowchart";
        parse_direction(c, keyword, chart, diags);
        mermaid_detail::FlowchartParser parser(c, chart, diags);
        parser.parse();
    } else if (contains(other_keywords, keyword)) {
        chart.diagram_type = std::string(keyword);
        diags.note(keyword_loc, "mermaid-unsupported-diagram", std::string(keyword) + " is not a flowchart; skipped");
    } else {
        std::string shown = mermaid_detail::sanitize_utf8(keyword.substr(0, 40));
        diags.warning(keyword_loc, "mermaid-unknown-diagram",
                      "unknown diagram type '" + shown + "': expected 'flowchart', 'graph' or another Mermaid diagram keyword");
    }
    return chart;
}

}  // namespace convgraph
