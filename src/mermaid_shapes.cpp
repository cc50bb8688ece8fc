// Mermaid node shapes: the bracket pairs of the classic shapes and the @{ shape: … } names.
#include "mermaid_shapes.hpp"

#include <array>
#include <string>
#include <utility>

namespace convgraph::mermaid_detail {

namespace {

constexpr ShapeClose no_close{"", NodeShape::rect};

constexpr std::array<ShapeOpen, 12> openers{{
    {"(((", {{")))", NodeShape::double_circle}, no_close}, 1},
    {"((", {{"))", NodeShape::circle}, no_close}, 1},
    {"([", {{"])", NodeShape::stadium}, no_close}, 1},
    {"(", {{")", NodeShape::round}, no_close}, 1},
    {"[[", {{"]]", NodeShape::subroutine}, no_close}, 1},
    {"[(", {{")]", NodeShape::cylinder}, no_close}, 1},
    {"[/", {{"/]", NodeShape::parallelogram}, {"\\]", NodeShape::trapezoid}}, 2},
    {"[\\", {{"\\]", NodeShape::parallelogram_alt}, {"/]", NodeShape::trapezoid_alt}}, 2},
    {"[", {{"]", NodeShape::rect}, no_close}, 1},
    {"{{", {{"}}", NodeShape::hexagon}, no_close}, 1},
    {"{", {{"}", NodeShape::rhombus}, no_close}, 1},
    {">", {{"]", NodeShape::asymmetric}, no_close}, 1},
}};

// Names and aliases from the "Complete List of New Shapes" table of the Mermaid docs whose
// drawing is one of the classic shapes.
constexpr std::array<std::pair<std::string_view, NodeShape>, 45> shape_names{{
    {"rect", NodeShape::rect},
    {"proc", NodeShape::rect},
    {"process", NodeShape::rect},
    {"rectangle", NodeShape::rect},
    {"rounded", NodeShape::round},
    {"event", NodeShape::round},
    {"stadium", NodeShape::stadium},
    {"pill", NodeShape::stadium},
    {"terminal", NodeShape::stadium},
    {"fr-rect", NodeShape::subroutine},
    {"framed-rectangle", NodeShape::subroutine},
    {"subproc", NodeShape::subroutine},
    {"subprocess", NodeShape::subroutine},
    {"subroutine", NodeShape::subroutine},
    {"cyl", NodeShape::cylinder},
    {"cylinder", NodeShape::cylinder},
    {"database", NodeShape::cylinder},
    {"db", NodeShape::cylinder},
    {"circle", NodeShape::circle},
    {"circ", NodeShape::circle},
    {"dbl-circ", NodeShape::double_circle},
    {"double-circle", NodeShape::double_circle},
    {"odd", NodeShape::asymmetric},
    {"diam", NodeShape::rhombus},
    {"diamond", NodeShape::rhombus},
    {"decision", NodeShape::rhombus},
    {"question", NodeShape::rhombus},
    {"hex", NodeShape::hexagon},
    {"hexagon", NodeShape::hexagon},
    {"prepare", NodeShape::hexagon},
    {"lean-r", NodeShape::parallelogram},
    {"lean-right", NodeShape::parallelogram},
    {"in-out", NodeShape::parallelogram},
    {"lean-l", NodeShape::parallelogram_alt},
    {"lean-left", NodeShape::parallelogram_alt},
    {"out-in", NodeShape::parallelogram_alt},
    {"trap-b", NodeShape::trapezoid},
    {"trapezoid", NodeShape::trapezoid},
    {"trapezoid-bottom", NodeShape::trapezoid},
    {"priority", NodeShape::trapezoid},
    {"trap-t", NodeShape::trapezoid_alt},
    {"trapezoid-top", NodeShape::trapezoid_alt},
    {"inv-trapezoid", NodeShape::trapezoid_alt},
    {"manual", NodeShape::trapezoid_alt},
    {"square", NodeShape::rect},
}};

}  // namespace

std::span<const ShapeOpen> shape_openers() { return openers; }

const ShapeOpen& rect_opener() { return openers[8]; }

NodeShape shape_from_name(std::string_view name) {
    std::string lower(name);
    for (char& c : lower) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    for (const auto& [known, shape] : shape_names) {
        if (known == lower) return shape;
    }
    return NodeShape::other;
}

}  // namespace convgraph::mermaid_detail
