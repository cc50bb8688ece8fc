// SourceLoc: a place in a note (path relative to the corpus root, 1-based line and column).
#pragma once

#include <compare>
#include <string>

namespace convgraph {

// The one location type. `column` counts Unicode code points (not bytes), 1-based;
// 0 means "the whole line" and line 0 means "the whole file".
struct SourceLoc {
    std::string path;
    int line = 0;
    int column = 0;

    auto operator<=>(const SourceLoc&) const = default;
    bool operator==(const SourceLoc&) const = default;
};

// "path:line:col", leaving out a zero line or column.
std::string to_string(const SourceLoc& loc);

}  // namespace convgraph
