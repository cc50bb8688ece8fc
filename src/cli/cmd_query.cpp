// convgraph query: list concepts and show one, as a table, TSV, CSV or JSON.
#include "commands.hpp"
#include "output.hpp"

#include "convgraph/error.hpp"
#include "convgraph/query.hpp"

#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

namespace convgraph::cli {

namespace {

struct QueryArgs {
    GraphSource source;
    std::string format = "table";
    // list
    std::string kind_word;
    std::string kind;
    std::string role;
    bool documents = false;
    // show
    std::string name;
};

TableFormat table_format(const QueryArgs& args) {
    auto f = parse_table_format(args.format);
    if (!f) throw Error("unknown format '" + args.format + "' (expected table, tsv, csv, json or jsonl)");
    return *f;
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

std::string roles_text(const Node& n) {
    std::string s;
    for (Role r : n.roles) s += (s.empty() ? "" : ",") + std::string(to_string(r));
    return s;
}

std::string first_place(const Node& n) { return n.provenance.empty() ? std::string() : to_string(n.provenance.front().loc); }

int run_list(const QueryArgs& args) {
    TableFormat format = table_format(args);
    NodeFilter filter;
    filter.kind = parse_role(args.kind, "kind");
    filter.role = parse_role(args.role, "role");
    if (!args.kind_word.empty()) filter.role = parse_role(args.kind_word, "kind");
    filter.include_documents = args.documents;
    BuildResult r = args.source.load();
    const Graph& g = r.graph;
    auto nodes = list_nodes(g, filter);
    TextTable t{{"name", "kind", "roles", "degree", "source"}, {}};
    for (NodeIndex v : nodes) {
        const Node& n = g.node(v);
        t.rows.push_back({n.label, std::string(to_string(n.kind)), roles_text(n), std::to_string(g.degree(v)), first_place(n)});
    }
    std::cout << render_table(t, format);
    return nodes.empty() ? k_exit_findings : k_exit_ok;
}

int report_unresolved(const Graph& g, const std::string& name, const NameResolution& res) {
    if (res.status == NameResolution::Status::ambiguous) {
        std::cerr << "convgraph: '" << name << "' is ambiguous; it matches:\n";
        for (NodeIndex v : res.candidates)
            std::cerr << "  " << g.node(v).label << "  (" << to_string(g.node(v).kind) << ")\n";
        return k_exit_usage;
    }
    std::cerr << "convgraph: no concept named '" << name << "'";
    if (!res.candidates.empty()) {
        std::cerr << "; did you mean ";
        for (std::size_t i = 0; i < res.candidates.size(); ++i)
            std::cerr << (i ? ", " : "") << "'" << g.node(res.candidates[i]).label << "'";
        std::cerr << "?";
    }
    std::cerr << '\n';
    return k_exit_findings;
}

int run_show(const QueryArgs& args) {
    TableFormat format = table_format(args);
    BuildResult r = args.source.load();
    const Graph& g = r.graph;
    NameResolution res = resolve_name(g, args.name);
    if (res.status != NameResolution::Status::found) return report_unresolved(g, args.name, res);
    NodeIndex v = res.node;
    const Node& n = g.node(v);
    auto groups = grouped_edges(g, v);

    if (format == TableFormat::json) {
        nlohmann::ordered_json j;
        j["id"] = n.id;
        j["label"] = n.label;
        j["kind"] = to_string(n.kind);
        j["roles"] = nlohmann::ordered_json::array();
        for (Role role : n.roles) j["roles"].push_back(to_string(role));
        if (!n.description.empty()) j["description"] = n.description;
        nlohmann::ordered_json edges = nlohmann::ordered_json::array();
        for (const auto& group : groups) {
            for (EdgeIndex e : group.edges) {
                const Edge& edge = g.edge(e);
                nlohmann::ordered_json je;
                je["relation"] = to_string(edge.relation);
                je["direction"] = group.outgoing ? "out" : "in";
                const Node& other = g.node(group.outgoing ? edge.target : edge.source);
                je["node"] = other.label;
                je["node_id"] = other.id;
                if (!edge.label.empty()) je["label"] = edge.label;
                if (!edge.description.empty()) je["description"] = edge.description;
                je["sources"] = nlohmann::ordered_json::array();
                for (const auto& loc : edge.provenance) je["sources"].push_back(to_string(loc));
                edges.push_back(std::move(je));
            }
        }
        j["edges"] = std::move(edges);
        j["stated_at"] = nlohmann::ordered_json::array();
        for (const auto& m : n.provenance) {
            nlohmann::ordered_json p;
            p["source"] = to_string(m.loc);
            p["role"] = to_string(m.role);
            j["stated_at"].push_back(std::move(p));
        }
        std::cout << j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
        return k_exit_ok;
    }
    if (format != TableFormat::table) {
        TextTable t{{"direction", "relation", "node", "label", "sources"}, {}};
        for (const auto& group : groups) {
            for (EdgeIndex e : group.edges) {
                const Edge& edge = g.edge(e);
                std::string places;
                for (const auto& loc : edge.provenance) places += (places.empty() ? "" : " ") + to_string(loc);
                t.rows.push_back({group.outgoing ? "out" : "in", std::string(to_string(edge.relation)),
                                  g.node(group.outgoing ? edge.target : edge.source).label,
                                  edge.label.empty() ? edge.description : edge.label, places});
            }
        }
        std::cout << render_table(t, format);
        return k_exit_ok;
    }
    std::cout << n.label << "\n";
    std::cout << "  kind:  " << to_string(n.kind) << "\n";
    std::cout << "  roles: " << roles_text(n) << "\n";
    if (n.id != n.label) std::cout << "  id:    " << n.id << "\n";
    if (!n.description.empty()) std::cout << "  about: " << n.description << "\n";
    for (const auto& group : groups) {
        std::cout << "\n" << (group.outgoing ? "" : "← ") << to_string(group.relation) << (group.outgoing ? " →" : "") << "\n";
        TextTable t{{"node", "detail", "source"}, {}};
        for (EdgeIndex e : group.edges) {
            const Edge& edge = g.edge(e);
            std::string detail = edge.label.empty() ? edge.description : edge.label;
            std::string place = edge.provenance.empty() ? std::string() : to_string(edge.provenance.front());
            if (edge.provenance.size() > 1) place += " (+" + std::to_string(edge.provenance.size() - 1) + ")";
            t.rows.push_back({"  " + g.node(group.outgoing ? edge.target : edge.source).label, detail, place});
        }
        std::cout << render_table(t, TableFormat::table, false);
    }
    std::cout << "\nstated at\n";
    TextTable t{{"source", "role"}, {}};
    for (const auto& m : n.provenance) t.rows.push_back({"  " + to_string(m.loc), std::string(to_string(m.role))});
    std::cout << render_table(t, TableFormat::table, false);
    return k_exit_ok;
}

}  // namespace

Runner setup_query(CLI::App& app, const GlobalOptions&) {
    auto args = std::make_shared<QueryArgs>();
    app.require_subcommand(1);
    auto add_common = [&](CLI::App* sub) {
        args->source.add_options(*sub);
        sub->add_option("-f,--format", args->format, "Output: table (default), tsv, csv, json or jsonl")
            ->check(CLI::IsMember({"table", "tsv", "csv", "json", "jsonl"}));
    };
    CLI::App* list = app.add_subcommand("list", "List concepts, optionally of one kind or role");
    add_common(list);
    list->add_option("kind", args->kind_word, "A role to list: drivers, mechanisms, effects, cases, layers, aspects, concepts, documents");
    list->add_option("--kind", args->kind, "Only concepts whose primary kind is this");
    list->add_option("--role", args->role, "Only concepts that play this role");
    list->add_flag("--documents", args->documents, "Include document nodes");
    CLI::App* show = app.add_subcommand("show", "Show one concept: roles, edges by relation, where it is stated");
    add_common(show);
    show->add_option("name", args->name, "Concept name (exact, normalised, alias, or unique prefix)")->required();
    app.footer("Exit status: 0 results, 1 nothing matched, 2 usage error or ambiguous name.");
    return [args, list, show]() -> int {
        if (list->parsed()) return run_list(*args);
        if (show->parsed()) return run_show(*args);
        return k_exit_usage;
    };
}

}  // namespace convgraph::cli
