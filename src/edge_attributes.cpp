// EdgeAttributes: string pairs packed into one block.
#include "convgraph/edge_attributes.hpp"

#include "binary_io.hpp"

namespace convgraph {

EdgeAttributes::EdgeAttributes(const std::vector<std::pair<std::string, std::string>>& pairs) {
    if (pairs.empty()) return;
    std::string block;
    BinaryWriter w(block);
    for (const auto& [key, value] : pairs) {
        w.str(key);
        w.str(value);
    }
    m_block = block;
}

std::vector<EdgeAttributes::Item> EdgeAttributes::items() const {
    std::vector<Item> out;
    BinaryReader r(m_block.view());  // the block is only ever written by the constructor
    while (!r.at_end()) {
        std::string_view key = r.str_view();
        std::string_view value = r.str_view();
        out.emplace_back(key, value);
    }
    return out;
}

}  // namespace convgraph
