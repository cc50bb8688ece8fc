// Query: name resolution and node/edge selections.
#include "convgraph/query.hpp"

#include "convgraph/normalize.hpp"
#include "convgraph/unicode.hpp"

#include <algorithm>

namespace convgraph {

namespace {

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

}  // namespace

NameResolution resolve_name(const Graph& g, std::string_view name, bool include_documents) {
    NameResolution r;
    auto usable = [&](NodeIndex v) { return include_documents || g.node(v).kind != Role::document; };
    if (auto v = g.find(name); v && usable(*v)) {
        r.status = NameResolution::Status::found;
        r.node = *v;
        return r;
    }
    std::string norm = normalize_name(name);
    if (auto v = g.find(norm); v && usable(*v)) {
        r.status = NameResolution::Status::found;
        r.node = *v;
        return r;
    }
    if (include_documents) {
        if (auto v = g.find("doc:" + std::string(name))) {
            r.status = NameResolution::Status::found;
            r.node = *v;
            return r;
        }
    }
    auto pick = [&](auto&& pred) {
        std::vector<NodeIndex> out;
        for (NodeIndex v = 0; v < g.node_count(); ++v)
            if (usable(v) && pred(g.node(v))) out.push_back(v);
        return out;
    };
    if (!norm.empty()) {
        for (auto matches : {pick([&](const Node& n) { return normalize_name(n.label) == norm; }),
                             pick([&](const Node& n) {
                                 return starts_with(n.id, norm) || starts_with(normalize_name(n.label), norm);
                             }),
                             pick([&](const Node& n) { return n.id.find(norm) != std::string::npos; })}) {
            if (matches.size() == 1) {
                r.status = NameResolution::Status::found;
                r.node = matches.front();
                return r;
            }
            if (matches.size() > 1) {
                r.status = NameResolution::Status::ambiguous;
                r.candidates = std::move(matches);
                return r;
            }
        }
    }
    // Unknown: suggest the nearest names, counted in characters.
    std::vector<std::pair<std::size_t, NodeIndex>> scored;
    std::size_t len = code_point_count(norm);
    for (NodeIndex v = 0; v < g.node_count(); ++v) {
        if (!usable(v)) continue;
        std::size_t d = edit_distance(norm, g.node(v).id);
        std::size_t limit = std::max<std::size_t>(2, (len + 2) / 3);
        if (d <= limit) scored.emplace_back(d, v);
    }
    std::sort(scored.begin(), scored.end());
    for (std::size_t i = 0; i < scored.size() && i < 5; ++i) r.candidates.push_back(scored[i].second);
    return r;
}

std::vector<NodeIndex> list_nodes(const Graph& g, const NodeFilter& filter) {
    std::vector<NodeIndex> out;
    for (NodeIndex v = 0; v < g.node_count(); ++v) {
        const Node& n = g.node(v);
        if (n.kind == Role::document && !filter.include_documents && filter.kind != Role::document &&
            filter.role != Role::document)
            continue;
        if (filter.kind && n.kind != *filter.kind) continue;
        if (filter.role && std::find(n.roles.begin(), n.roles.end(), *filter.role) == n.roles.end()) continue;
        out.push_back(v);
    }
    return out;
}

std::vector<EdgeGroup> grouped_edges(const Graph& g, NodeIndex v, bool include_mentions) {
    std::vector<EdgeGroup> groups;
    auto outs = g.out_edges(v);
    auto ins = g.in_edges(v);
    for (Relation rel : k_all_relations) {
        if (rel == Relation::mentions && !include_mentions) continue;
        for (bool outgoing : {true, false}) {
            EdgeGroup group{rel, outgoing, {}};
            for (EdgeIndex e : outgoing ? outs : ins)
                if (g.edge(e).relation == rel) group.edges.push_back(e);
            if (!group.edges.empty()) groups.push_back(std::move(group));
        }
    }
    return groups;
}

}  // namespace convgraph
