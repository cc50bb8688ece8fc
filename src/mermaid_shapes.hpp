// Mermaid node shapes: the bracket pairs of the classic shapes and the @{ shape: … } names.
#pragma once

#include "convgraph/mermaid.hpp"

#include <span>
#include <string_view>

namespace convgraph::mermaid_detail {

struct ShapeClose {
    std::string_view text;
    NodeShape shape;
};

// One way to open a node label, e.g. "([" for a stadium; `closes` lists the accepted closing
// delimiters (two for "[/" and "[\", which make a parallelogram or a trapezoid).
struct ShapeOpen {
    std::string_view text;
    ShapeClose closes[2];
    int close_count;
};

// The openers, longest first, so the first one that matches is the right one.
std::span<const ShapeOpen> shape_openers();

// The opener the plain "[" rectangle falls back to when "[/" or "[\" has no matching close.
const ShapeOpen& rect_opener();

// Maps an @{ shape: name } name or alias (case-insensitive) to the classic shape it draws, or
// NodeShape::other for the shapes without a classic equivalent (and unknown names).
NodeShape shape_from_name(std::string_view name);

}  // namespace convgraph::mermaid_detail
