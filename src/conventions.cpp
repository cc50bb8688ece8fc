// Conventions: the default words.
#include "convgraph/conventions.hpp"

namespace convgraph {

const Conventions& Conventions::defaults() {
    static const Conventions conv;
    return conv;
}

}  // namespace convgraph
