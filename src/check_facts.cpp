// Checks on facts: a note's drivers against its structure, near-duplicate concepts, aliases.
#include "convgraph/checks.hpp"

#include "convgraph/normalize.hpp"
#include "convgraph/resolve.hpp"
#include "convgraph/unicode.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <variant>

namespace convgraph {

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The id with white space, punctuation and symbols removed: "pytorch/tensorflow" → "pytorchtensorflow".
std::string skeleton(std::string_view id) {
    std::string out;
    for (std::size_t pos = 0; pos < id.size();) {
        std::size_t start = pos;
        char32_t cp = next_code_point(id, pos);
        auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
        if (cat >= UTF8PROC_CATEGORY_PC && cat <= UTF8PROC_CATEGORY_ZP) continue;  // P*, S*, Z*
        out.append(id.substr(start, pos - start));
    }
    return out;
}

// Every string made from `s` by deleting one code point (the symmetric-delete neighbourhood).
std::vector<std::string> deletions(std::string_view s) {
    std::vector<std::size_t> starts;
    for (std::size_t pos = 0; pos < s.size();) {
        starts.push_back(pos);
        next_code_point(s, pos);
    }
    starts.push_back(s.size());
    std::vector<std::string> out;
    for (std::size_t i = 0; i + 1 < starts.size(); ++i)
        out.push_back(std::string(s.substr(0, starts[i])) + std::string(s.substr(starts[i + 1])));
    return out;
}

}  // namespace

void check_note_facts(const Document& doc, const NoteFacts& facts, const Conventions& conv, DiagnosticSink& diags) {
    // An arrow to a subgraph is valid Mermaid, but a subgraph is a group, not a concept: the
    // arrow gives no edge (extract.cpp), and should not vanish without a word.
    for (const auto& block : doc.blocks) {
        const auto* code = std::get_if<CodeBlock>(&block.content);
        if (!code || !code->chart || !code->chart->is_flowchart()) continue;
        const MermaidChart& chart = *code->chart;
        for (const auto& e : chart.edges) {
            for (const std::string* end : {&e.from, &e.to}) {
                if (chart.find_node(*end)) continue;
                bool group = std::any_of(chart.subgraphs.begin(), chart.subgraphs.end(),
                                         [&](const MermaidSubgraph& g) { return g.id == *end; });
                if (!group) continue;
                diags.note(e.loc, "mermaid-subgraph-edge",
                           "the arrow " + std::string(end == &e.from ? "from" : "to") + " subgraph '" + *end +
                               "' gives no edge: a subgraph is a group of concepts, not one",
                           "draw the arrow to the nodes inside it, or give the subgraph a label (" + *end +
                               "[…]) to make it a concept");
                break;  // one note an arrow
            }
        }
    }
    if (facts.mentions.empty() || (facts.mentions.size() == 1 && !facts.subject.empty() && facts.relations.empty() &&
                                   facts.table_drivers.empty())) {
        diags.warning({doc.path, 1, 1}, "note-without-facts",
                      "note yields no concepts (no driver table, flowchart, driver section or layer section)");
    }
    // A concept named like a note's id ("doc:PATH") gets another id (resolve.hpp): say so once.
    std::set<std::string> reserved;
    for (const auto& m : facts.mentions) {
        if (m.name.find(':') == std::string::npos && m.name.find("\uFF1A") == std::string::npos) continue;
        std::string id = normalize_name(m.name);
        if (!id.starts_with("doc:") || !reserved.insert(id).second) continue;
        diags.warning(m.loc, "reserved-concept-name",
                      "concept '" + m.name + "' reads as a note's id (doc:PATH); it is kept apart from the notes as '" +
                          concept_id(id) + "'",
                      "rename the concept: ids starting with doc: name notes");
    }
    std::set<std::string> table, overview, known;
    for (const auto& d : facts.table_drivers) table.insert(normalize_name(d.name));
    for (const auto& d : facts.overview_drivers) overview.insert(normalize_name(d.name));
    known.insert(table.begin(), table.end());
    known.insert(overview.begin(), overview.end());
    if (!table.empty() && !overview.empty()) {
        std::set<std::string> reported;
        for (const auto& d : facts.overview_drivers)
            if (!table.count(normalize_name(d.name)) && reported.insert(normalize_name(d.name)).second)
                diags.warning(d.loc, "overview-table-mismatch",
                              "driver '" + d.name + "' is in the overview flowchart but not in the driver table");
        for (const auto& d : facts.table_drivers)
            if (!overview.count(normalize_name(d.name)) && reported.insert(normalize_name(d.name)).second)
                diags.warning(d.loc, "overview-table-mismatch",
                              "driver '" + d.name + "' is in the driver table but not in the overview flowchart");
    }
    std::string subject = normalize_name(facts.subject);
    std::vector<std::string> suffixes;
    for (const auto& suffix : conv.driver_section_suffixes) suffixes.push_back(normalize_name(suffix));
    for (const auto& h : doc.headings) {
        if (h.level == 1) continue;
        std::string title = normalize_name(h.title.empty() ? h.text : h.title);
        for (const auto& s : suffixes) {
            if (s.empty() || !ends_with(title, s) || title.size() == s.size()) continue;
            std::string name(trim(std::string_view(title).substr(0, title.size() - s.size())));
            if (name.empty() || name == subject || known.count(name)) break;
            bool contains_known = std::any_of(known.begin(), known.end(),
                                              [&](const std::string& k) { return name.find(k) != std::string::npos; });
            if (!contains_known && !known.empty())
                diags.warning(h.loc, "unlisted-driver-section",
                              "section '" + h.text + "' is about a driver that no table or overview lists",
                              "add it to the driver table, or rename the section");
            break;
        }
    }
}

void check_near_duplicates(const Graph& g, DiagnosticSink& diags) {
    std::vector<NodeIndex> concepts;
    for (NodeIndex v = 0; v < g.node_count(); ++v)
        if (g.node(v).kind != Role::document) concepts.push_back(v);
    std::set<std::pair<NodeIndex, NodeIndex>> pairs;
    // Same skeleton: differ only in spacing or punctuation.
    std::map<std::string, std::vector<NodeIndex>> by_skeleton;
    for (NodeIndex v : concepts) by_skeleton[skeleton(g.node(v).id)].push_back(v);
    for (const auto& [key, nodes] : by_skeleton)
        if (!key.empty())
            for (std::size_t i = 1; i < nodes.size(); ++i) pairs.emplace(nodes[0], nodes[i]);
    // One edit apart, for names of five or more characters (shorter ones differ meaningfully) and
    // at most k_longest_name: a name's deletions take memory and time quadratic in its length (a
    // 50,000-character "concept" took 2.6 GB), and a name that long is no typo of another.
    constexpr std::size_t k_longest_name = 64;
    std::map<std::string, std::vector<NodeIndex>> by_deletion;
    for (NodeIndex v : concepts) {
        const std::string& id = g.node(v).id;
        const std::size_t length = code_point_count(id);
        if (length < 5 || length > k_longest_name) continue;
        by_deletion[id].push_back(v);
        for (auto& d : deletions(id)) by_deletion[std::move(d)].push_back(v);
    }
    for (auto& [key, nodes] : by_deletion) {
        std::sort(nodes.begin(), nodes.end());
        nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
        if (nodes.size() < 2 || nodes.size() > 8) continue;  // a crowded key is a common stem, not a typo
        for (std::size_t i = 0; i < nodes.size(); ++i)
            for (std::size_t j = i + 1; j < nodes.size(); ++j)
                if (edit_distance_within(g.node(nodes[i]).id, g.node(nodes[j]).id, 1) == 1) pairs.emplace(nodes[i], nodes[j]);
    }
    for (auto [a, b] : pairs) {
        const Node& x = g.node(a);
        const Node& y = g.node(b);
        // Report at the rarer spelling; the more frequent one is the suggestion.
        const Node& rare = x.provenance.size() < y.provenance.size() ? x : y;
        const Node& common = &rare == &x ? y : x;
        if (rare.provenance.empty()) continue;
        SourceLoc common_at = g.location(common.provenance.empty() ? rare.provenance.front().place
                                                                   : common.provenance.front().place);
        diags.warning(g.location(rare.provenance.front().place), "near-duplicate-concept",
                      "'" + rare.label + "' and '" + common.label + "' (" + to_string(common_at) +
                          ") look like one concept spelt two ways",
                      "use one spelling, or add \"aliases\": {\"" + rare.label + "\": \"" + common.label +
                          "\"} to convgraph.json");
    }
}

void check_aliases(const Graph& g, const std::vector<std::pair<std::string, std::string>>& alias_spellings,
                   const std::string& config_path, std::string_view config_text, DiagnosticSink& diags) {
    // Where each alias is written: the line of the first JSON string with its text, from one
    // pass over the configuration (searching it again for each of 8,000 aliases took 1.6 s).
    std::map<std::string_view, int> line_of;
    bool indexed = false;
    auto index = [&] {
        int line = 1;
        for (std::size_t i = 0; i < config_text.size(); ++i) {
            if (config_text[i] == '\n') ++line;
            if (config_text[i] != '"') continue;
            std::size_t end = i + 1;
            while (end < config_text.size() && config_text[end] != '"' && config_text[end] != '\n')
                end += config_text[end] == '\\' ? 2 : 1;
            if (end >= config_text.size() || config_text[end] != '"') continue;
            line_of.emplace(config_text.substr(i + 1, end - i - 1), line);
            i = end;
        }
        indexed = true;
    };
    for (const auto& [alias, target] : alias_spellings) {
        if (g.find(concept_id(normalize_name(target)))) continue;
        if (!indexed) index();
        auto it = line_of.find(alias);
        diags.warning({config_path, it == line_of.end() ? 0 : it->second, 0}, "alias-target-missing",
                      "alias '" + alias + "' points at '" + target + "', which is no concept in the corpus");
    }
}

}  // namespace convgraph
