// EdgeAttributes: an edge's key/value attributes (Mermaid stroke and arrow heads, subgraph).
#pragma once

#include "convgraph/compact_text.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace convgraph {

// Kept as one CompactText block: 8 bytes per edge and no allocation for the edges that have
// none (most of them), where a vector of string pairs was 24 bytes plus a block of 64 per pair.
class EdgeAttributes {
public:
    using Item = std::pair<std::string_view, std::string_view>;

    EdgeAttributes() = default;
    EdgeAttributes(const std::vector<std::pair<std::string, std::string>>& pairs);

    bool empty() const noexcept { return m_block.empty(); }
    std::size_t size() const { return items().size(); }
    // The pairs in the order they were given; views into this object.
    std::vector<Item> items() const;

    friend bool operator==(const EdgeAttributes& a, const EdgeAttributes& b) noexcept { return a.m_block == b.m_block; }

private:
    CompactText m_block;  // per pair: key and value as binary_io strings (u32 size, bytes)
};

}  // namespace convgraph
