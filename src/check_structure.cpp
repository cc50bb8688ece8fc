// Checks on a note's structure: section numbers, title, table of contents, in-page anchors.
#include "convgraph/checks.hpp"

#include "convgraph/anchor.hpp"
#include "convgraph/normalize.hpp"
#include "convgraph/unicode.hpp"

#include <map>
#include <optional>
#include <tuple>

namespace convgraph {

namespace {

// "三" → 3, "十二" → 12, "一百零五" → 105.
std::optional<int> cjk_value(std::string_view text) {
    static constexpr std::u32string_view digits = U"零一二三四五六七八九";
    int total = 0, current = 0;
    bool any = false;
    for (std::size_t pos = 0; pos < text.size();) {
        char32_t cp = next_code_point(text, pos);
        if (cp == U'〇') cp = U'零';
        if (cp == U'两') cp = U'二';
        auto d = digits.find(cp);
        if (d != std::u32string_view::npos) {
            current = static_cast<int>(d);
        } else if (cp == U'十' || cp == U'百' || cp == U'千') {
            int unit = cp == U'十' ? 10 : cp == U'百' ? 100 : 1000;
            total += (current == 0 ? 1 : current) * unit;
            current = 0;
        } else {
            return std::nullopt;
        }
        any = true;
    }
    if (!any) return std::nullopt;
    return total + current;
}

// "3.1" → {3, 1}; "三" → {3}; "" or anything else → {}.
std::vector<int> components(std::string_view number) {
    if (number.empty()) return {};
    if (number[0] < '0' || number[0] > '9') {
        auto v = cjk_value(number);
        return v ? std::vector<int>{*v} : std::vector<int>{};
    }
    std::vector<int> out;
    int value = 0;
    for (char c : number) {
        if (c == '.') {
            out.push_back(value);
            value = 0;
        } else if (c >= '0' && c <= '9') {
            value = value * 10 + (c - '0');
            if (value > 1000000) return {};
        } else {
            return {};
        }
    }
    out.push_back(value);
    return out;
}

std::string expected_number(const std::string& written, const std::vector<int>& expected) {
    bool cjk = !written.empty() && (written[0] < '0' || written[0] > '9');
    if (cjk && expected.size() == 1) {
        static const char* names[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
        int v = expected[0];
        if (v >= 0 && v <= 10) return names[v];
        if (v < 20) return std::string("十") + names[v - 10];
        if (v < 100) return std::string(names[v / 10]) + "十" + (v % 10 ? names[v % 10] : "");
    }
    std::string s;
    for (std::size_t i = 0; i < expected.size(); ++i) s += (i ? "." : "") + std::to_string(expected[i]);
    return s;
}

// The series number a file name starts with ("03.3.1-技术收敛驱动力.md" → "03.3.1").
std::string file_series(std::string_view path) {
    auto slash = path.rfind('/');
    std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
    std::size_t i = 0;
    while (i < name.size() && ((name[i] >= '0' && name[i] <= '9') || (name[i] == '.' && i + 1 < name.size() && name[i + 1] >= '0' && name[i + 1] <= '9')))
        ++i;
    if (i == 0 || i >= name.size() || (name[i] != '-' && name[i] != '_' && name[i] != ' ')) return {};
    return std::string(name.substr(0, i));
}

void check_numbers(const Document& doc, DiagnosticSink& diags) {
    std::map<std::tuple<int, int, std::string>, const Heading*> seen;
    std::map<std::pair<int, int>, std::pair<int, const Heading*>> last;  // (level, parent) → last value
    for (const auto& h : doc.headings) {
        if (h.number.empty() || h.level == 1) continue;
        auto [it, inserted] = seen.emplace(std::make_tuple(h.level, h.parent, h.number), &h);
        if (!inserted) {
            diags.error(h.loc, "duplicate-section-number",
                        "section number " + h.number + " is used twice (first at line " +
                            std::to_string(it->second->loc.line) + ")");
            continue;
        }
        std::vector<int> comps = components(h.number);
        if (comps.empty()) continue;
        const Heading* parent = h.parent >= 0 ? &doc.headings[static_cast<std::size_t>(h.parent)] : nullptr;
        if (comps.size() >= 2 && parent && parent->level > 1) {
            std::vector<int> pc = components(parent->number);
            if (!pc.empty() && pc.size() == comps.size() - 1 && !std::equal(pc.begin(), pc.end(), comps.begin())) {
                std::vector<int> expected = pc;
                expected.push_back(comps.back());
                diags.warning(h.loc, "section-number-mismatch",
                              "section " + h.number + " is under section " + parent->number,
                              "number it " + expected_number(h.number, expected));
            }
        }
        auto key = std::make_pair(h.level, h.parent);
        auto prev = last.find(key);
        if (prev != last.end() && comps.back() > prev->second.first + 1) {
            std::vector<int> missing = comps;
            missing.back() = prev->second.first + 1;
            diags.warning(h.loc, "skipped-section-number",
                          "section " + h.number + " follows " + prev->second.second->number + "; " +
                              expected_number(h.number, missing) + " is missing");
        }
        if (prev == last.end() || comps.back() > prev->second.first) last[key] = {comps.back(), &h};
    }
}

void check_title(const Document& doc, DiagnosticSink& diags) {
    const Heading* title = doc.title();
    if (!title) {
        diags.warning({doc.path, 1, 1}, "missing-title", "note has no H1 title",
                      "start the note with '# <series number>-<subject>'");
        return;
    }
    std::string series = file_series(doc.path);
    if (!series.empty() && series != title->number)
        diags.warning(title->loc, "title-number-mismatch",
                      "title series number '" + title->number + "' differs from the file name's '" + series + "'");
}

void check_toc(const Document& doc, const Conventions& conv, DiagnosticSink& diags) {
    int toc = -1;
    for (std::size_t i = 0; i < doc.headings.size(); ++i) {
        const Heading& h = doc.headings[i];
        if (conv.is_toc_heading(h.title.empty() ? h.text : h.title)) {
            toc = static_cast<int>(i);
            break;
        }
    }
    if (toc < 0) return;
    std::map<std::string, std::size_t> index_of;
    for (std::size_t i = 0; i < doc.headings.size(); ++i) index_of.emplace(doc.headings[i].anchor, i);
    std::vector<std::pair<std::size_t, const Link*>> entries;
    for (const auto& link : doc.links) {
        if (link.heading != toc || link.destination.empty() || link.destination[0] != '#') continue;
        auto it = index_of.find(percent_decode(std::string_view(link.destination).substr(1)));
        if (it != index_of.end()) entries.emplace_back(it->second, &link);  // unknown anchors: broken-anchor
    }
    if (entries.empty()) return;
    int max_level = 0;
    std::vector<bool> listed(doc.headings.size(), false);
    for (const auto& [index, link] : entries) {
        max_level = std::max(max_level, doc.headings[index].level);
        listed[index] = true;
    }
    const Heading& toc_heading = doc.headings[static_cast<std::size_t>(toc)];
    for (std::size_t i = 0; i < doc.headings.size(); ++i) {
        const Heading& h = doc.headings[i];
        if (listed[i] || h.level > max_level || h.level == 1 || static_cast<int>(i) == toc) continue;
        diags.warning(toc_heading.loc, "toc-mismatch",
                      "table of contents has no entry for '" + h.text + "' (line " + std::to_string(h.loc.line) + ")",
                      "add '[" + h.text + "](#" + h.anchor + ")'");
    }
    for (std::size_t k = 1; k < entries.size(); ++k) {
        if (entries[k].first < entries[k - 1].first) {
            const Heading& h = doc.headings[entries[k].first];
            const Heading& before = doc.headings[entries[k - 1].first];
            diags.warning(entries[k].second->loc, "toc-mismatch",
                          "table of contents lists '" + h.text + "' after '" + before.text +
                              "', but the headings are in the other order");
        }
    }
}

void check_in_page_anchors(const Document& doc, DiagnosticSink& diags) {
    std::vector<std::string> anchors;
    for (const auto& h : doc.headings) anchors.push_back(h.anchor);
    std::map<std::string, std::string> suggested;  // a broken anchor linked many times is looked up once
    for (const auto& link : doc.links) {
        if (link.destination.empty() || link.destination[0] != '#') continue;
        std::string fragment = percent_decode(std::string_view(link.destination).substr(1));
        if (doc.has_anchor(fragment)) continue;
        auto known = suggested.find(fragment);
        if (known == suggested.end()) known = suggested.emplace(fragment, nearest(fragment, anchors)).first;
        const std::string& near = known->second;
        diags.error(link.loc, "broken-anchor", "no heading in this note has the anchor '#" + fragment + "'",
                    near.empty() ? std::string() : "did you mean '#" + near + "'?");
    }
}

}  // namespace

void check_structure(const Document& doc, const Conventions& conv, DiagnosticSink& diags) {
    check_title(doc, diags);
    check_numbers(doc, diags);
    check_toc(doc, conv, diags);
    check_in_page_anchors(doc, diags);
}

std::string nearest(std::string_view word, const std::vector<std::string>& candidates, std::size_t max_distance) {
    const std::size_t length = code_point_count(word);
    if (max_distance == 0) max_distance = std::max<std::size_t>(2, length / 3);
    std::size_t best = max_distance + 1;
    std::string out;
    for (const auto& c : candidates) {
        // No distance is smaller than the difference in length: most candidates end here,
        // without the allocations of a distance (a note of 20,000 broken anchors and 1,000
        // headings took seconds).
        const std::size_t other = code_point_count(c);
        if ((length > other ? length - other : other - length) >= best) continue;
        std::size_t d = edit_distance_within(word, c, best - 1);
        if (d < best) {
            best = d;
            out = c;
        }
    }
    return out;
}

}  // namespace convgraph
