// SourceLoc rendering.
#include "convgraph/source_loc.hpp"

namespace convgraph {

std::string to_string(const SourceLoc& loc) {
    std::string out = loc.path;
    if (loc.line > 0) {
        out += ':' + std::to_string(loc.line);
        if (loc.column > 0) out += ':' + std::to_string(loc.column);
    }
    return out;
}

}  // namespace convgraph
