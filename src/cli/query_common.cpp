// convgraph query: what the subcommands share — formats, colour, parsing of kinds and
// relations, places, and name resolution with its messages.
#include "query_common.hpp"

#include "commands.hpp"

#include "convgraph/error.hpp"
#include "convgraph/unicode.hpp"

#include <iostream>

namespace convgraph::cli::queries {

std::string dump(const Json& j, int indent) {
    return j.dump(indent, ' ', false, Json::error_handler_t::replace) + "\n";
}

TableFormat table_format(const QueryArgs& args) {
    auto f = parse_table_format(args.format);
    if (!f) throw Error("unknown format '" + args.format + "' (expected table, tsv, csv, json or jsonl)");
    return *f;
}

std::string paint(const QueryArgs& args, const std::string& text, const char* sgr) {
    return use_color(*args.global, stdout_is_terminal()) ? std::string("\033[") + sgr + "m" + text + "\033[0m" : text;
}

std::optional<Role> parse_role(const std::string& word, const char* what) {
    if (word.empty()) return std::nullopt;
    auto r = role_from_string(word);
    if (!r) {
        std::string names;
        for (Role x : k_all_roles) names += (names.empty() ? "" : ", ") + std::string(to_string(x));
        throw Error(std::string("unknown ") + what + " '" + word + "' (expected one of " + names + ")");
    }
    return r;
}

std::vector<Relation> parse_relations(const std::vector<std::string>& words) {
    std::vector<Relation> out;
    for (const auto& w : words) {
        auto r = relation_from_string(w);
        if (!r) {
            std::string names, nearest;
            std::size_t best = 3;
            for (Relation x : k_all_relations) {
                names += (names.empty() ? "" : ", ") + std::string(to_string(x));
                if (std::size_t d = edit_distance(w, to_string(x)); d < best) best = d, nearest = to_string(x);
            }
            throw Error("unknown relation '" + w + "'" + (nearest.empty() ? "" : "; did you mean '" + nearest + "'?") +
                        " (expected one of " + names + ")");
        }
        out.push_back(*r);
    }
    return out;
}

RelationSet relation_set(const std::vector<Relation>& relations) {
    if (relations.empty()) return RelationSet::concepts();
    const RelationSet concepts = RelationSet::concepts();
    RelationSet s;
    for (Relation r : relations) {
        // Walking mentions or links_to would step into notes and give documents as answers.
        if (!concepts.contains(r))
            throw Error("--relation " + std::string(to_string(r)) +
                        ": this command follows relations between concepts, and " + std::string(to_string(r)) +
                        (r == Relation::mentions ? " joins notes to concepts" : " joins notes to notes"));
        s.add(r);
    }
    return s;
}

std::string roles_text(const Node& n) {
    std::string s;
    for (Role r : n.roles) s += (s.empty() ? "" : ",") + std::string(to_string(r));
    return s;
}

std::string first_place(const Graph& g, const Node& n) {
    return n.provenance.empty() ? std::string() : to_string(g.location(n.provenance.front().place));
}

std::string edge_place(const Graph& g, const Edge& e) {
    std::string place = e.provenance.empty() ? std::string() : to_string(g.location(e.provenance.front()));
    if (e.provenance.size() > 1) place += " (+" + std::to_string(e.provenance.size() - 1) + ")";
    return place;
}

int print_names(const Graph& g, const std::vector<NodeIndex>& nodes) {
    for (NodeIndex v : nodes) std::cout << g.node(v).label << '\0';
    return nodes.empty() ? k_exit_findings : k_exit_ok;
}

int report_unresolved(const Graph& g, const std::string& name, const NameResolution& res, const char* what) {
    if (res.status == NameResolution::Status::ambiguous) {
        std::cerr << "convgraph: '" << name << "' is ambiguous; it matches:\n";
        for (NodeIndex v : res.candidates)
            std::cerr << "  " << g.node(v).label << "  (" << to_string(g.node(v).kind) << ")\n";
        return k_exit_usage;
    }
    std::cerr << "convgraph: no " << what << " named '" << name << "'";
    if (!res.candidates.empty()) {
        std::cerr << "; did you mean ";
        for (std::size_t i = 0; i < res.candidates.size(); ++i)
            std::cerr << (i ? ", " : "") << "'" << g.node(res.candidates[i]).label << "'";
        std::cerr << "?";
    }
    std::cerr << '\n';
    return k_exit_findings;
}

std::optional<NodeIndex> resolve_or_report(const Graph& g, const std::string& name, int& status) {
    NameResolution res = resolve_name(g, name);
    if (res.status == NameResolution::Status::found) return res.node;
    status = report_unresolved(g, name, res);
    return std::nullopt;
}

}  // namespace convgraph::cli::queries
