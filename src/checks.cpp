// Checks: section numbering and link/anchor resolution.
#include "convgraph/checks.hpp"

#include "convgraph/anchor.hpp"

#include <map>
#include <tuple>

namespace convgraph {

namespace {

bool has_scheme(std::string_view dest) {
    auto colon = dest.find(':');
    if (colon == std::string_view::npos || colon == 0) return false;
    for (std::size_t i = 0; i < colon; ++i) {
        char c = dest[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
        if (!ok) return false;
    }
    return colon > 1;  // "C:" style drive letters are not schemes worth honouring here
}

// Joins `base_dir` and `rel`, resolving "." and "..". Returns false when ".." climbs above the root.
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

}  // namespace

void check_document(const Document& doc, DiagnosticSink& diags) {
    std::map<std::tuple<int, int, std::string>, const Heading*> seen;
    for (const auto& h : doc.headings) {
        if (h.number.empty() || h.level == 1) continue;
        auto [it, inserted] = seen.emplace(std::make_tuple(h.level, h.parent, h.number), &h);
        if (!inserted)
            diags.error(h.loc, "duplicate-section-number",
                        "section number " + h.number + " is used twice (first at line " +
                            std::to_string(it->second->loc.line) + ")");
    }
    for (const auto& link : doc.links) {
        if (link.destination.empty() || link.destination[0] != '#') continue;
        std::string fragment = percent_decode(std::string_view(link.destination).substr(1));
        if (!doc.has_anchor(fragment))
            diags.error(link.loc, "broken-anchor", "no heading in this note has the anchor '#" + fragment + "'");
    }
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
    if (path[0] == '/') {  // site-absolute: relative to the corpus root
        if (!join_path("", percent_decode(path.substr(1)), t.path)) t.kind = LinkTarget::Kind::outside_corpus;
        else t.kind = LinkTarget::Kind::relative;
        return t;
    }
    std::string_view dir = from_path;
    auto slash = dir.rfind('/');
    dir = slash == std::string_view::npos ? std::string_view() : dir.substr(0, slash);
    t.kind = join_path(dir, percent_decode(path), t.path) ? LinkTarget::Kind::relative : LinkTarget::Kind::outside_corpus;
    return t;
}

std::vector<std::pair<std::string, const Link*>> check_links(const Document& doc, const DocumentLookup& lookup,
                                                             const FileExists& file_exists, DiagnosticSink& diags) {
    std::vector<std::pair<std::string, const Link*>> resolved;
    for (const auto& link : doc.links) {
        LinkTarget t = classify_link(doc.path, link.destination);
        switch (t.kind) {
        case LinkTarget::Kind::external:
        case LinkTarget::Kind::in_page: break;  // in-page anchors: check_document
        case LinkTarget::Kind::outside_corpus:
            diags.warning(link.loc, "link-outside-corpus",
                          "link target '" + link.destination + "' is outside the corpus root and cannot be checked");
            break;
        case LinkTarget::Kind::relative: {
            const Document* target = lookup(t.path);
            if (!target) {
                if (!file_exists || !file_exists(t.path))
                    diags.error(link.loc, "broken-link", "link target '" + t.path + "' does not exist in the corpus");
                break;
            }
            if (!t.fragment.empty() && !target->has_anchor(t.fragment))
                diags.error(link.loc, "broken-anchor",
                            "no heading in '" + t.path + "' has the anchor '#" + t.fragment + "'");
            resolved.emplace_back(t.path, &link);
            break;
        }
        }
    }
    return resolved;
}

}  // namespace convgraph
