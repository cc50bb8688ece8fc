// Query: name resolution and node/edge selections.
#include "convgraph/query.hpp"

#include "convgraph/graph_algorithms.hpp"

#include "convgraph/normalize.hpp"
#include "convgraph/unicode.hpp"

#include <algorithm>
#include <functional>
#include <limits>

namespace convgraph {

namespace {

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// One stage of name matching: a single match is found, several are ambiguous, none lets the
// caller go on to the next stage (returns false).
bool settle(NameResolution& r, std::vector<NodeIndex> matches) {
    if (matches.empty()) return false;
    if (matches.size() == 1) {
        r.status = NameResolution::Status::found;
        r.node = matches.front();
    } else {
        r.status = NameResolution::Status::ambiguous;
        r.candidates = std::move(matches);
    }
    return true;
}

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
    for (auto v : {g.find(norm), g.find_alias(norm)}) {
        if (v && usable(*v)) {
            r.status = NameResolution::Status::found;
            r.node = *v;
            return r;
        }
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
            if (settle(r, std::move(matches))) return r;
        }
    }
    // Unknown: suggest the nearest names, ids and aliases, counted in characters; each concept
    // once, by its nearest name.
    std::vector<std::size_t> nearest(g.node_count(), std::numeric_limits<std::size_t>::max());
    const std::size_t len = code_point_count(norm);
    const std::size_t limit = std::max<std::size_t>(2, (len + 2) / 3);
    auto consider = [&](NodeIndex v, std::string_view spelling) {
        if (!usable(v)) return;
        const std::size_t d = edit_distance(norm, spelling);
        if (d <= limit) nearest[v] = std::min(nearest[v], d);
    };
    for (NodeIndex v = 0; v < g.node_count(); ++v) consider(v, g.node(v).id);
    for (const auto& [alias, v] : g.aliases()) consider(v, alias);
    std::vector<std::pair<std::size_t, NodeIndex>> scored;
    for (NodeIndex v = 0; v < g.node_count(); ++v)
        if (nearest[v] <= limit) scored.emplace_back(nearest[v], v);
    std::sort(scored.begin(), scored.end());
    for (std::size_t i = 0; i < scored.size() && i < 5; ++i) r.candidates.push_back(scored[i].second);
    return r;
}

NameResolution resolve_document(const Graph& g, std::string_view name) {
    NameResolution r;
    std::string want(name);
    if (starts_with(want, "doc:")) want = want.substr(4);
    while (starts_with(want, "./")) want = want.substr(2);
    std::vector<NodeIndex> docs;
    for (NodeIndex v = 0; v < g.node_count(); ++v)
        if (g.node(v).kind == Role::document) docs.push_back(v);
    auto path_of = [&](NodeIndex v) { return std::string_view(g.node(v).id).substr(4); };
    auto ends_with = [](std::string_view s, std::string_view suffix) {
        return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
    };
    auto base_of = [](std::string_view p) {
        auto slash = p.rfind('/');
        return slash == std::string_view::npos ? p : p.substr(slash + 1);
    };
    using Pred = std::function<bool(std::string_view)>;
    const Pred stages[] = {
        [&](std::string_view p) { return p == want; },
        // the path with the corpus directory (or more) in front: corpus/03.3-…/x.md, /abs/…/x.md
        [&](std::string_view p) { return ends_with(want, "/" + std::string(p)); },
        [&](std::string_view p) { return ends_with(p, "/" + want) || ends_with(p, "/" + want + ".md"); },
        [&](std::string_view p) { return starts_with(base_of(p), want) || starts_with(p, want); },
        [&](std::string_view p) { return p.find(want) != std::string_view::npos; },
    };
    if (!want.empty()) {
        for (const auto& stage : stages) {
            std::vector<NodeIndex> matches;
            for (NodeIndex v : docs)
                if (stage(path_of(v))) matches.push_back(v);
            if (settle(r, std::move(matches))) return r;
        }
    }
    std::vector<std::pair<std::size_t, NodeIndex>> scored;
    for (NodeIndex v : docs) scored.emplace_back(edit_distance(want, base_of(path_of(v))), v);
    std::sort(scored.begin(), scored.end());
    std::size_t limit = std::max<std::size_t>(2, (code_point_count(want) + 2) / 3);
    for (std::size_t i = 0; i < scored.size() && r.candidates.size() < 5; ++i)
        if (scored[i].first <= limit) r.candidates.push_back(scored[i].second);
    return r;
}

namespace {

bool has_role(const Node& n, Role r) { return std::find(n.roles.begin(), n.roles.end(), r) != n.roles.end(); }

bool wanted_relation(const NodeFilter& f, Relation r) {
    if (f.relations.empty()) return r != Relation::mentions || f.include_documents;
    return std::find(f.relations.begin(), f.relations.end(), r) != f.relations.end();
}

}  // namespace

std::vector<NodeIndex> list_nodes(const Graph& g, const NodeFilter& filter) {
    std::vector<char> keep(g.node_count(), 1);
    auto restrict_to = [&](const std::vector<char>& allowed) {
        for (NodeIndex v = 0; v < keep.size(); ++v) keep[v] = keep[v] && allowed[v];
    };
    bool show_documents = filter.include_documents || filter.kind == Role::document || filter.role == Role::document;
    if (filter.from || filter.to) {
        for (auto [end, outgoing] : {std::pair{filter.from, true}, std::pair{filter.to, false}}) {
            if (!end) continue;
            std::vector<char> allowed(g.node_count(), 0);
            for (EdgeIndex e : outgoing ? g.out_edges(*end) : g.in_edges(*end)) {
                const Edge& edge = g.edge(e);
                if (wanted_relation(filter, edge.relation)) allowed[outgoing ? edge.target : edge.source] = 1;
            }
            restrict_to(allowed);
        }
    } else if (!filter.relations.empty()) {
        std::vector<char> allowed(g.node_count(), 0);
        for (const Edge& edge : g.edges())
            if (wanted_relation(filter, edge.relation)) allowed[edge.source] = allowed[edge.target] = 1;
        restrict_to(allowed);
    }
    std::string match = normalize_name(filter.match);
    std::vector<NodeIndex> out;
    for (NodeIndex v = 0; v < g.node_count(); ++v) {
        if (!keep[v]) continue;
        const Node& n = g.node(v);
        if (n.kind == Role::document && !show_documents) continue;
        if (filter.kind && n.kind != *filter.kind) continue;
        if (filter.role && !has_role(n, *filter.role)) continue;
        if (filter.document) {
            auto in_doc = [&](const Mention& m) { return g.file(m.place) == *filter.document; };
            bool is_doc = n.id == "doc:" + *filter.document;
            if (!is_doc && std::none_of(n.provenance.begin(), n.provenance.end(), in_doc)) continue;
        }
        if (!filter.match.empty() && n.id.find(match) == std::string::npos &&
            normalize_name(n.label).find(match) == std::string::npos &&
            n.description.find(filter.match) == std::string::npos)
            continue;
        out.push_back(v);
    }
    if (filter.sort == NodeSort::degree) {
        std::vector<std::size_t> degree(g.node_count());
        for (NodeIndex v : out) degree[v] = list_degree(g, v);
        std::stable_sort(out.begin(), out.end(), [&](NodeIndex a, NodeIndex b) { return degree[a] > degree[b]; });
    } else if (filter.sort == NodeSort::kind) {
        std::stable_sort(out.begin(), out.end(), [&](NodeIndex a, NodeIndex b) { return g.node(a).kind < g.node(b).kind; });
    }
    if (filter.limit != 0 && out.size() > filter.limit) out.resize(filter.limit);
    return out;
}

std::size_t list_degree(const Graph& g, NodeIndex v) {
    if (g.node(v).kind == Role::document) return g.degree(v);
    return degree(g, v, RelationSet::concepts()).total();
}

std::vector<std::string> aliases_of(const Graph& g, NodeIndex v) {
    std::vector<std::string> out;
    for (const auto& [alias, target] : g.aliases())
        if (target == v) out.push_back(alias);
    return out;
}

std::vector<SearchHit> search_nodes(const Graph& g, std::string_view text, bool include_documents) {
    std::vector<SearchHit> hits;
    std::string want = normalize_name(text);
    if (want.empty()) return hits;
    std::u32string want_cps;
    for (std::size_t pos = 0; pos < want.size();) want_cps.push_back(next_code_point(want, pos));
    std::size_t limit = std::max<std::size_t>(1, want_cps.size() / 3);
    auto subsequence = [&](std::string_view hay) {
        std::size_t i = 0;
        for (std::size_t pos = 0; pos < hay.size() && i < want_cps.size();)
            if (next_code_point(hay, pos) == want_cps[i]) ++i;
        return i == want_cps.size();
    };
    // A concept is matched by its id, its label and the aliases configured for it.
    std::vector<std::vector<std::string_view>> aliases_by_node(g.node_count());
    for (const auto& [alias, v] : g.aliases()) aliases_by_node[v].push_back(alias);
    std::vector<std::string_view> names;
    for (NodeIndex v = 0; v < g.node_count(); ++v) {
        const Node& n = g.node(v);
        if (n.kind == Role::document && !include_documents) continue;
        const std::string label = normalize_name(n.label);
        std::string_view id = n.id;
        if (n.kind == Role::document) id.remove_prefix(4);
        names.assign({id, label});
        names.insert(names.end(), aliases_by_node[v].begin(), aliases_by_node[v].end());
        auto any = [&](auto&& pred) { return std::any_of(names.begin(), names.end(), pred); };
        SearchHit hit{v, 0, ""};
        if (any([&](std::string_view s) { return s == want; })) {
            hit.how = "exact";
        } else if (any([&](std::string_view s) { return starts_with(s, want); })) {
            hit.score = 1;
            hit.how = "prefix";
        } else if (any([&](std::string_view s) { return s.find(want) != std::string_view::npos; })) {
            hit.score = 2;
            hit.how = "substring";
        } else if (want_cps.size() > 1 && any(subsequence)) {
            hit.score = 3;
            hit.how = "subsequence";
        } else if (want_cps.size() >= 3) {  // near spellings of one or two characters are noise
            std::size_t d = std::numeric_limits<std::size_t>::max();
            for (std::string_view s : names) d = std::min(d, edit_distance(want, s));
            if (d > limit) continue;
            hit.score = 4 + d;
            hit.how = "fuzzy";
        } else {
            continue;
        }
        hits.push_back(std::move(hit));
    }
    std::stable_sort(hits.begin(), hits.end(), [](const SearchHit& a, const SearchHit& b) { return a.score < b.score; });
    return hits;
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
