// Mermaid: a parser for Mermaid flowcharts (graph/flowchart) embedded in notes.
#pragma once

#include "convgraph/diagnostics.hpp"
#include "convgraph/source_loc.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace convgraph {

enum class NodeShape {
    rect,               // A[x]  (also the shape of a node used without a label)
    round,              // A(x)
    stadium,            // A([x])
    subroutine,         // A[[x]]
    cylinder,           // A[(x)]
    circle,             // A((x))
    double_circle,      // A(((x)))
    asymmetric,         // A>x]
    rhombus,            // A{x}
    hexagon,            // A{{x}}
    parallelogram,      // A[/x/]
    parallelogram_alt,  // A[\x\]
    trapezoid,          // A[/x\]
    trapezoid_alt,      // A[\x/]
    other,              // A@{ shape: name } with a name outside the list above (see shape_name)
};

std::string_view to_string(NodeShape s);

enum class ArrowHead { none, arrow, circle, cross };
enum class Stroke { normal, thick, dotted, invisible };

std::string_view to_string(ArrowHead h);
std::string_view to_string(Stroke s);

struct MermaidNode {
    std::string id;          // as written in the chart (local to the block)
    std::string label;       // resolved display text; the id when the node never has a label
    NodeShape shape = NodeShape::rect;
    std::string shape_name;  // the @{ shape: … } name when given, else empty
    bool has_label = false;  // false when only ever used as a bare id
    std::string subgraph;    // id of the innermost enclosing subgraph, empty at top level
    SourceLoc loc;           // where the node first appears
};

struct MermaidEdge {
    std::string from;        // node ids
    std::string to;
    std::string label;
    Stroke stroke = Stroke::normal;
    ArrowHead head_start = ArrowHead::none;
    ArrowHead head_end = ArrowHead::arrow;
    int length = 1;          // extra dashes/dots/equals make a longer link
    std::string edge_id;     // e1@--> form, else empty
    SourceLoc loc;           // the arrow token
};

struct MermaidSubgraph {
    std::string id;
    std::string title;
    std::string parent;      // enclosing subgraph id, empty at top level
    std::string direction;
    SourceLoc loc;
};

struct MermaidChart {
    std::string diagram_type;  // "flowchart" (for graph and flowchart), or the other type's keyword
    std::string direction;     // TB, TD, BT, RL, LR (as written; "" when missing)
    std::vector<MermaidNode> nodes;          // in order of first appearance, ids unique
    std::vector<MermaidEdge> edges;          // in source order
    std::vector<MermaidSubgraph> subgraphs;  // in source order
    bool is_flowchart() const { return diagram_type == "flowchart"; }
    const MermaidNode* find_node(std::string_view id) const;
};

// Parses the text of one ```mermaid block. `origin` is the place of the block's first content
// line in the Markdown file (path, line, and the column where the block's content starts), so
// diagnostics point into the note. Never throws on bad input: syntax errors become diagnostics
// (code "mermaid-syntax") and parsing goes on with the next statement.
MermaidChart parse_mermaid(std::string_view text, const SourceLoc& origin, DiagnosticSink& diags);

}  // namespace convgraph
