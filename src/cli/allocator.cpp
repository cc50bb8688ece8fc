// Which malloc the executable runs on, for --version and -v.
#include "commands.hpp"

#include <string>

#ifdef CONVGRAPH_MIMALLOC
#include <mimalloc.h>
#endif

namespace convgraph::cli {

std::string allocator_name() {
#ifdef CONVGRAPH_MIMALLOC
    // mi_version() is 209 for 2.0.9.
    const int v = mi_version();
    return "mimalloc " + std::to_string(v / 100) + "." + std::to_string(v / 10 % 10) + "." + std::to_string(v % 10);
#else
    return "system malloc";
#endif
}

}  // namespace convgraph::cli
