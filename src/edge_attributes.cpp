// EdgeAttributes: string pairs packed into one block.
#include "convgraph/edge_attributes.hpp"

#include "convgraph/error.hpp"

#include <cstdint>
#include <cstring>
#include <limits>

namespace convgraph {

namespace {

void put(std::string& out, std::string_view s) {
    if (s.size() > std::numeric_limits<std::uint32_t>::max()) throw Error("an edge attribute is larger than 4 GiB");
    const auto n = static_cast<std::uint32_t>(s.size());
    char bytes[sizeof n];
    std::memcpy(bytes, &n, sizeof n);
    out.append(bytes, sizeof n);
    out.append(s);
}

std::string_view take(std::string_view& in) {
    std::uint32_t n = 0;
    std::memcpy(&n, in.data(), sizeof n);  // the block is only ever written by put()
    std::string_view s = in.substr(sizeof n, n);
    in.remove_prefix(sizeof n + n);
    return s;
}

}  // namespace

EdgeAttributes::EdgeAttributes(const std::vector<std::pair<std::string, std::string>>& pairs) {
    if (pairs.empty()) return;
    std::string block;
    for (const auto& [key, value] : pairs) {
        put(block, key);
        put(block, value);
    }
    m_block = block;
}

std::vector<EdgeAttributes::Item> EdgeAttributes::items() const {
    std::vector<Item> out;
    std::string_view in = m_block.view();
    while (!in.empty()) {
        std::string_view key = take(in);
        std::string_view value = take(in);
        out.emplace_back(key, value);
    }
    return out;
}

}  // namespace convgraph
