// Checks on links: classification, missing targets and anchors, links leaving the corpus.
#include "convgraph/checks.hpp"

#include "convgraph/anchor.hpp"

#include <algorithm>

namespace convgraph {

namespace {

bool has_scheme(std::string_view dest) {
    auto colon = dest.find(':');
    if (colon == std::string_view::npos || colon < 2) return false;  // "C:" is no scheme worth honouring
    for (std::size_t i = 0; i < colon; ++i) {
        char c = dest[i];
        bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        bool other = (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
        if (!(alpha || (i > 0 && other))) return false;
    }
    return true;
}

// Joins `base_dir` and `rel`, resolving "." and "..". False when ".." climbs above the root.
bool join_path(std::string_view base_dir, std::string_view rel, std::string& out) {
    std::vector<std::string> parts;
    auto push = [&](std::string_view p) -> bool {
        std::size_t start = 0;
        while (start <= p.size()) {
            auto slash = p.find('/', start);
            std::string_view seg = p.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
            if (seg == "..") {
                if (parts.empty()) return false;
                parts.pop_back();
            } else if (!seg.empty() && seg != ".") {
                parts.emplace_back(seg);
            }
            if (slash == std::string_view::npos) break;
            start = slash + 1;
        }
        return true;
    };
    if (!push(base_dir) || !push(rel)) return false;
    out.clear();
    for (const auto& p : parts) {
        if (!out.empty()) out += '/';
        out += p;
    }
    return true;
}

std::pair<std::string, std::string> split_path(const std::string& path) {
    auto slash = path.rfind('/');
    if (slash == std::string::npos) return {std::string(), path};
    return {path.substr(0, slash), path.substr(slash + 1)};
}

}  // namespace

NotePaths::NotePaths(const std::vector<std::string>& paths) {
    for (const auto& p : paths) {
        auto [folder, name] = split_path(p);
        m_by_name[name].push_back(p);
        m_by_folder[folder].push_back(p);
    }
}

std::string NotePaths::suggest(const std::string& target, const std::string& from) const {
    auto [folder, name] = split_path(target);
    std::string found;
    if (auto it = m_by_name.find(name); it != m_by_name.end()) {
        for (const auto& p : it->second) {
            if (p == from) continue;
            if (!found.empty()) return {};  // ambiguous: no hint rather than a guess
            found = p;
        }
        if (!found.empty()) return found;
    }
    if (auto it = m_by_folder.find(folder); it != m_by_folder.end()) {
        std::vector<std::string> others;
        for (const auto& p : it->second)
            if (p != from) others.push_back(p);
        return nearest(target, others, 2);
    }
    return {};
}

LinkTarget classify_link(std::string_view from_path, std::string_view destination) {
    LinkTarget t;
    if (destination.empty() || has_scheme(destination) || destination.substr(0, 2) == "//") return t;
    std::string_view path = destination;
    auto hash = path.find('#');
    if (hash != std::string_view::npos) {
        t.fragment = percent_decode(path.substr(hash + 1));
        path = path.substr(0, hash);
    }
    auto query = path.find('?');
    if (query != std::string_view::npos) path = path.substr(0, query);
    if (path.empty()) {
        t.kind = LinkTarget::Kind::in_page;
        return t;
    }
    std::string_view dir;
    if (path[0] == '/') {  // site-absolute: relative to the corpus root
        path.remove_prefix(1);
    } else {
        auto slash = from_path.rfind('/');
        dir = slash == std::string_view::npos ? std::string_view() : from_path.substr(0, slash);
    }
    t.kind = join_path(dir, percent_decode(path), t.path) ? LinkTarget::Kind::relative : LinkTarget::Kind::outside_corpus;
    return t;
}

std::vector<std::pair<std::string, const LinkRef*>> check_links(const NoteLinks& note, const NoteLookup& lookup,
                                                                const NotePaths& note_paths,
                                                                const FileExists& file_exists, DiagnosticSink& diags,
                                                                const std::vector<std::string>& root_prefixes) {
    std::vector<std::pair<std::string, const LinkRef*>> resolved;
    for (const auto& link : note.links) {
        LinkTarget t = classify_link(note.path, link.destination);
        if (t.kind == LinkTarget::Kind::relative && !root_prefixes.empty() &&
            std::none_of(root_prefixes.begin(), root_prefixes.end(),
                         [&](const std::string& prefix) { return t.path.starts_with(prefix); }))
            t.kind = LinkTarget::Kind::outside_corpus;
        switch (t.kind) {
        case LinkTarget::Kind::external:
        case LinkTarget::Kind::in_page: break;  // in-page anchors: check_structure
        case LinkTarget::Kind::outside_corpus:
            diags.warning(note.loc(link), "link-outside-corpus",
                          "link target '" + link.destination + "' is outside the corpus root and cannot be checked");
            break;
        case LinkTarget::Kind::relative: {
            const NoteLinks* target = lookup(t.path);
            if (!target) {
                if (!file_exists || !file_exists(t.path)) {
                    std::string near = note_paths.suggest(t.path, note.path);
                    diags.error(note.loc(link), "broken-link", "link target '" + t.path + "' does not exist in the corpus",
                                near.empty() ? std::string() : "did you mean '" + near + "'?");
                }
                break;
            }
            if (!t.fragment.empty() && !target->has_anchor(t.fragment)) {
                std::string near = nearest(t.fragment, target->anchors);
                diags.error(note.loc(link), "broken-anchor", "no heading in '" + t.path + "' has the anchor '#" + t.fragment + "'",
                            near.empty() ? std::string() : "did you mean '#" + near + "'?");
            }
            resolved.emplace_back(t.path, &link);
            break;
        }
        }
    }
    return resolved;
}

}  // namespace convgraph
