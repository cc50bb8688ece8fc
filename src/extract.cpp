// Extract: driver tables, overview charts, driver sections, layer sections → facts.
#include "convgraph/extract.hpp"

#include "convgraph/normalize.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <string_view>
#include <unordered_map>

namespace convgraph {

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::vector<std::string> normalized(const std::vector<std::string>& words) {
    std::vector<std::string> out;
    out.reserve(words.size());
    for (const auto& w : words) out.push_back(normalize_name(w));
    return out;
}

// True when the normalised label `norm` ends with one of the normalised `words`.
bool label_matches(const std::string& norm, const std::vector<std::string>& words) {
    if (norm.empty()) return false;
    return std::any_of(words.begin(), words.end(), [&](const std::string& w) { return ends_with(norm, w); });
}

// Where the first colon (full-width or not) of an unlabelled item's text is, and its length.
std::pair<std::size_t, std::size_t> first_colon(std::string_view t) {
    std::pair<std::size_t, std::size_t> at{std::string_view::npos, 0};
    for (std::string_view colon : {"：", ":"}) {
        auto p = t.find(colon);
        if (p < at.first) at = {p, colon.size()};
    }
    return at;
}

// The name a list item stands for: its bold label, else its text up to the first colon.
std::string item_name(const LabeledText& item) {
    if (!item.label.empty()) return item.label;
    std::string_view t = item.text;
    return clean_label(trim(t.substr(0, first_colon(t).first)));
}

// The rest of the item: its description (none for an unlabelled item without a colon, which is
// all name).
std::string item_description(const LabeledText& item) {
    if (!item.label.empty()) return item.text;
    std::string_view t = item.text;
    auto [p, n] = first_colon(t);
    return p == std::string_view::npos ? std::string() : std::string(trim(t.substr(p + n)));
}

enum class ListRole { none, effects, cases };

class Extractor {
public:
    Extractor(const Document& doc, const Conventions& conv)
        : m_doc(doc),
          m_conv(conv),
          m_core_idea_labels(normalized(conv.core_idea_labels)),
          m_effect_labels(normalized(conv.effect_labels)),
          m_case_labels(normalized(conv.case_labels)),
          m_layer_suffixes(normalized(conv.layer_suffixes)) {
        for (const auto& joiner : conv.layer_joiners) m_layer_joiners_lower.push_back(lower_ascii(joiner));
    }

    NoteFacts run() {
        m_facts.path = m_doc.path;
        if (const Heading* h1 = m_doc.title()) {
            m_facts.title = h1->text;
            m_facts.series = h1->number;
            m_facts.subject = clean_label(h1->title.empty() ? h1->text : h1->title);
            m_subject_norm = normalize_name(m_facts.subject);
            m_facts.title_loc = h1->loc;
            if (!m_facts.subject.empty()) mention(m_facts.subject, Role::driver, h1->loc);
        }
        for (const Block& b : m_doc.blocks) {
            if (auto* t = std::get_if<Table>(&b.content)) read_table(*t);
            if (auto* c = std::get_if<CodeBlock>(&b.content))
                if (c->chart && c->chart->is_flowchart()) read_chart(*c->chart);
        }
        assign_driver_sections();
        read_sections();
        return std::move(m_facts);
    }

private:
    void mention(const std::string& name, Role role, const SourceLoc& loc, std::string description = {}) {
        if (name.empty()) return;
        m_facts.mentions.push_back(ConceptMention{name, role, loc, std::move(description)});
    }

    void relate(Relation rel, const std::string& from, const std::string& to, const SourceLoc& loc,
                std::string description = {}) {
        if (from.empty() || to.empty()) return;
        RelationFact f;
        f.relation = rel;
        f.from = from;
        f.to = to;
        f.loc = loc;
        f.description = std::move(description);
        m_facts.relations.push_back(std::move(f));
    }

    void add_driver(const std::string& name) {
        std::string norm = normalize_name(name);
        if (norm.empty() || norm == m_subject_norm) return;
        if (std::find(m_driver_norms.begin(), m_driver_norms.end(), norm) == m_driver_norms.end())
            m_driver_norms.push_back(norm);
        m_driver_names.emplace(norm, name);
    }

    void read_table(const Table& t) {
        std::optional<std::size_t> dcol, mcol, ecol;
        for (std::size_t i = 0; i < t.header.size(); ++i) {
            auto role = m_conv.header_role(t.header[i].text);
            if (role == Role::driver && !dcol) dcol = i;
            else if (role == Role::mechanism && !mcol) mcol = i;
            else if (role == Role::effect && !ecol) ecol = i;
        }
        if (!dcol || (!mcol && !ecol)) return;
        for (const auto& row : t.rows) {
            if (*dcol >= row.size()) continue;
            const TableCell& dcell = row[*dcol];
            std::string driver = clean_label(dcell.text);
            if (driver.empty()) continue;
            mention(driver, Role::driver, dcell.loc);
            add_driver(driver);
            m_facts.table_drivers.push_back(NamedAt{driver, dcell.loc});
            if (!m_facts.subject.empty()) relate(Relation::has_factor, m_facts.subject, driver, dcell.loc);
            std::vector<std::string> mechs, effects;
            const TableCell* ecell = (ecol && *ecol < row.size()) ? &row[*ecol] : nullptr;
            const TableCell* mcell = (mcol && *mcol < row.size()) ? &row[*mcol] : nullptr;
            if (mcell) {
                mechs = split_phrases(mcell->text, m_conv.delimiters);
                for (const auto& m : mechs) {
                    mention(m, Role::mechanism, mcell->loc);
                    relate(Relation::acts_through, driver, m, mcell->loc);
                }
            }
            if (ecell) {
                effects = split_phrases(ecell->text, m_conv.delimiters);
                for (const auto& e : effects) {
                    mention(e, Role::effect, ecell->loc);
                    for (const auto& m : mechs) relate(Relation::produces, m, e, ecell->loc);
                }
            }
        }
    }

    void read_chart(const MermaidChart& chart) {
        // Each node's label, cleaned once, and its normalised form once an edge needs it.
        std::vector<std::string> labels;
        labels.reserve(chart.nodes.size());
        std::vector<std::optional<std::string>> norms(chart.nodes.size());
        std::unordered_map<std::string_view, std::size_t> by_id;
        for (std::size_t i = 0; i < chart.nodes.size(); ++i) {
            labels.push_back(clean_label(chart.nodes[i].label));
            mention(labels.back(), Role::concept_, chart.nodes[i].loc);
            by_id.emplace(chart.nodes[i].id, i);
        }
        auto norm_of = [&](std::size_t i) -> const std::string& {
            if (!norms[i]) norms[i] = normalize_name(labels[i]);
            return *norms[i];
        };
        const std::string& subject_norm = m_subject_norm;
        for (const auto& e : chart.edges) {
            auto from_at = by_id.find(e.from);
            auto to_at = by_id.find(e.to);
            if (from_at == by_id.end() || to_at == by_id.end()) continue;  // an edge to or from a subgraph id
            const MermaidNode* from = &chart.nodes[from_at->second];
            const MermaidNode* to = &chart.nodes[to_at->second];
            const std::string& a = labels[from_at->second];
            const std::string& b = labels[to_at->second];
            if (a.empty() || b.empty()) continue;
            RelationFact f;
            f.relation = Relation::leads_to;
            f.from = a;
            f.to = b;
            f.loc = e.loc;
            f.label = clean_label(e.label);
            f.attributes = {{"stroke", std::string(to_string(e.stroke))},
                            {"arrow", std::string(to_string(e.head_end))}};
            if (e.head_start != ArrowHead::none) f.attributes.emplace_back("arrow_start", std::string(to_string(e.head_start)));
            if (!from->subgraph.empty()) f.attributes.emplace_back("subgraph", from->subgraph);
            m_facts.relations.push_back(std::move(f));
            // Overview tree: the subject's children are its drivers.
            if (!subject_norm.empty() && norm_of(from_at->second) == subject_norm && norm_of(to_at->second) != subject_norm) {
                mention(b, Role::driver, to->loc);
                add_driver(b);
                m_facts.overview_drivers.push_back(NamedAt{b, to->loc});
                relate(Relation::has_factor, m_facts.subject, b, e.loc);
            }
        }
    }

    // For each heading below the H1: the driver whose section it is (innermost naming heading).
    void assign_driver_sections() {
        m_section_driver.assign(m_doc.headings.size(), std::string());
        for (std::size_t i = 0; i < m_doc.headings.size(); ++i) {
            const Heading& h = m_doc.headings[i];
            if (h.level > 1) {
                std::string text = normalize_name(h.text);
                std::string best;
                for (const auto& d : m_driver_norms)
                    if (text.find(d) != std::string::npos && d.size() > best.size()) best = d;
                if (!best.empty()) {
                    m_section_driver[i] = m_driver_names[best];
                    continue;
                }
            }
            if (h.parent >= 0) m_section_driver[i] = m_section_driver[static_cast<std::size_t>(h.parent)];
        }
    }

    // The layer a heading names ("技术收敛驱动力与执行层" → "执行层"), or "".
    std::string layer_of(const Heading& h) const {
        const std::string& title = h.title.empty() ? h.text : h.title;
        // ASCII lower-casing keeps byte offsets, so positions found in `lower` apply to `title`.
        std::string lower = lower_ascii(title);
        for (std::size_t j = 0; j < m_conv.layer_joiners.size(); ++j) {
            auto p = lower.rfind(m_layer_joiners_lower[j]);
            if (p == std::string::npos || p == 0) continue;
            std::string layer = clean_label(trim(std::string_view(title).substr(p + m_conv.layer_joiners[j].size())));
            std::string norm = normalize_name(layer);
            for (const auto& suffix : m_layer_suffixes)
                if (!norm.empty() && ends_with(norm, suffix)) return layer;
        }
        return {};
    }

    void read_sections() {
        ListRole pending = ListRole::none;
        int pending_heading = -2;
        for (const Block& b : m_doc.blocks) {
            if (b.heading != pending_heading) pending = ListRole::none;
            const std::string driver = b.heading >= 0 ? m_section_driver[static_cast<std::size_t>(b.heading)] : std::string();
            const Heading* heading = b.heading >= 0 ? &m_doc.headings[static_cast<std::size_t>(b.heading)] : nullptr;
            if (auto* p = std::get_if<Paragraph>(&b.content)) {
                const LabeledText& c = p->content;
                if (c.label.empty() || driver.empty()) continue;
                const std::string label = normalize_name(c.label);
                if (label_matches(label, m_core_idea_labels)) {
                    for (const auto& m : split_phrases(c.text, m_conv.delimiters)) {
                        mention(m, Role::mechanism, c.text_loc);
                        relate(Relation::acts_through, driver, m, c.text_loc);
                    }
                    pending = ListRole::none;
                } else if (label_matches(label, m_effect_labels) || label_matches(label, m_case_labels)) {
                    ListRole role = label_matches(label, m_effect_labels) ? ListRole::effects : ListRole::cases;
                    if (c.text.empty()) {
                        pending = role;
                        pending_heading = b.heading;
                    } else {
                        for (const auto& item : split_phrases(c.text, m_conv.delimiters)) add_item(role, driver, item, c.text_loc, {});
                        pending = ListRole::none;
                    }
                } else {
                    pending = ListRole::none;
                }
            } else if (auto* l = std::get_if<ListBlock>(&b.content)) {
                if (l->depth > 0) continue;
                if (heading && heading->level > 1) {
                    std::string layer = layer_of(*heading);
                    if (!layer.empty()) {
                        read_layer(layer, *heading, *l);
                        continue;
                    }
                }
                if (pending != ListRole::none && !driver.empty()) {
                    for (const auto& item : l->items)
                        add_item(pending, driver, item_name(item), item.label_loc, item_description(item));
                }
                pending = ListRole::none;
            }
        }
    }

    void add_item(ListRole role, const std::string& driver, const std::string& name, const SourceLoc& loc,
                  const std::string& description) {
        if (name.empty()) return;
        if (role == ListRole::effects) {
            mention(name, Role::effect, loc, description);
            relate(Relation::results_in, driver, name, loc, description);
        } else {
            mention(name, Role::case_, loc, description);
            relate(Relation::exemplified_by, driver, name, loc, description);
        }
    }

    void read_layer(const std::string& layer, const Heading& h, const ListBlock& list) {
        mention(layer, Role::layer, h.loc);
        for (const auto& item : list.items) {
            std::string aspect = item_name(item);
            if (aspect.empty()) continue;
            const std::string description = item_description(item);
            mention(aspect, Role::aspect, item.label_loc, description);
            relate(Relation::has_aspect, layer, aspect, item.label_loc, description);
            if (!m_facts.subject.empty()) relate(Relation::influences, m_facts.subject, aspect, item.label_loc, description);
        }
    }

    static std::string lower_ascii(std::string s) {
        for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        return s;
    }

    const Document& m_doc;
    const Conventions& m_conv;
    // The convention words in the forms they are compared in, worked out once per note.
    std::vector<std::string> m_core_idea_labels, m_effect_labels, m_case_labels;  // normalised
    std::vector<std::string> m_layer_suffixes;                                    // normalised
    std::vector<std::string> m_layer_joiners_lower;                               // ASCII lower case
    NoteFacts m_facts;
    std::string m_subject_norm;  // normalize_name(m_facts.subject)
    std::vector<std::string> m_driver_norms;            // in order of first definition
    std::map<std::string, std::string> m_driver_names;  // normalised → first spelling
    std::vector<std::string> m_section_driver;          // per heading
};

}  // namespace

NoteFacts extract_facts(const Document& doc, const Conventions& conv) { return Extractor(doc, conv).run(); }

}  // namespace convgraph
