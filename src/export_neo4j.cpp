// Export: Neo4j — neo4j-admin database import CSV (nodes and relationships files) and a Cypher
// script of MERGE statements with static labels and relationship types (no APOC).
#include "convgraph/export.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <tuple>

namespace convgraph {

namespace {

using namespace export_detail;

// neo4j-admin CSV: quote with '"', double inner quotes, no backslash escapes.
std::string field(std::string_view text) {
    std::string in = clean_line(text);
    if (in.find_first_of(",\"") == std::string::npos) return in;
    std::string out = "\"";
    for (char c : in) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

void row(std::string& out, std::initializer_list<std::string> fields) { csv_row(out, fields, "\n"); }

// "Concept;Driver;Effect" for a concept with roles driver and effect, "Concept" for a plain
// concept, "Document" for a note.
std::vector<std::string> labels(const Node& n) {
    if (n.kind == Role::document) return {"Document"};
    std::vector<std::string> out{"Concept"};
    for (Role r : n.roles)
        if (r != Role::concept_) out.push_back(role_title(r));
    return out;
}

std::string base_label(const Node& n) { return n.kind == Role::document ? "Document" : "Concept"; }

std::string relationship_type(Relation r) {
    std::string s(to_string(r));
    for (char& c : s)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return s;  // ACTS_THROUGH ...: matches ^[A-Z][A-Z0-9_]*$
}

// A Cypher single-quoted string literal.
std::string literal(std::string_view text) {
    std::string in = clean(text);
    std::string out = "'";
    for (char c : in) {
        switch (c) {
        case '\\': out += "\\\\"; break;
        case '\'': out += "\\'"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default: out += c;
        }
    }
    return out + "'";
}

constexpr std::size_t k_batch = 500;  // rows per UNWIND statement

}  // namespace

std::vector<ExportFile> write_neo4j_csv(const Graph& g, const ExportSelection& sel, const ExportOptions&) {
    std::string nodes;
    row(nodes, {"id:ID", "label", "kind", "roles:string[]", "description", "provenance", ":LABEL"});
    for (NodeIndex v = 0; v < g.node_count(); ++v) {
        if (!sel.node[v]) continue;
        const Node& n = g.node(v);
        std::string label_list;
        for (const auto& l : labels(n)) label_list += (label_list.empty() ? "" : ";") + l;
        row(nodes, {field(n.id), field(n.label), std::string(to_string(n.kind)), roles_text(n), field(n.description),
                    field(first_place(g, n)), label_list});
    }
    std::string rels;
    row(rels, {":START_ID", ":END_ID", ":TYPE", "label", "description", "provenance", "weight:double"});
    for (EdgeIndex e = 0; e < g.edge_count(); ++e) {
        if (!sel.edge[e]) continue;
        const Edge& edge = g.edge(e);
        row(rels, {field(g.node(edge.source).id), field(g.node(edge.target).id), relationship_type(edge.relation),
                   field(edge_label(edge)), field(edge.description), field(first_place(g, edge)),
                   std::to_string(edge.provenance.size()) + ".0"});
    }
    return {ExportFile{".nodes.csv", std::move(nodes)}, ExportFile{".relationships.csv", std::move(rels)}};
}

// Idempotent: constraints first, then nodes merged on `id` (grouped by label set, since labels
// cannot be parameters), then relationships merged between bound nodes, one statement per
// (type, start label, end label) batch.
std::string write_cypher(const Graph& g, const ExportSelection& sel, const ExportOptions&) {
    std::string out = "// convgraph export: run with cypher-shell -f FILE (Neo4j 4.4+; no APOC needed).\n";
    out += "CREATE CONSTRAINT convgraph_concept_id IF NOT EXISTS FOR (n:Concept) REQUIRE n.id IS UNIQUE;\n";
    out += "CREATE CONSTRAINT convgraph_document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE;\n";

    std::map<std::vector<std::string>, std::vector<NodeIndex>> by_labels;
    for (NodeIndex v = 0; v < g.node_count(); ++v)
        if (sel.node[v]) by_labels[labels(g.node(v))].push_back(v);
    for (const auto& [ls, members] : by_labels) {
        std::string extra;
        for (std::size_t i = 1; i < ls.size(); ++i) extra += ":" + ls[i];
        for (std::size_t start = 0; start < members.size(); start += k_batch) {
            out += "\nUNWIND [\n";
            std::size_t end = std::min(members.size(), start + k_batch);
            for (std::size_t i = start; i < end; ++i) {
                const Node& n = g.node(members[i]);
                std::string roles;
                for (Role r : n.roles) roles += (roles.empty() ? "" : ", ") + literal(to_string(r));
                out += "  {id: " + literal(n.id) + ", label: " + literal(n.label) + ", kind: " +
                       literal(to_string(n.kind)) + ", roles: [" + roles + "], description: " + literal(n.description) +
                       ", provenance: " + literal(first_place(g, n)) + "}" + (i + 1 < end ? ",\n" : "\n");
            }
            out += "] AS row\nMERGE (n:" + ls[0] + " {id: row.id})\nSET n.label = row.label, n.kind = row.kind, "
                   "n.roles = row.roles, n.description = row.description, n.provenance = row.provenance";
            if (!extra.empty()) out += "\nSET n" + extra;
            out += ";\n";
        }
    }

    std::map<std::tuple<std::string, std::string, std::string>, std::vector<EdgeIndex>> by_type;
    for (EdgeIndex e = 0; e < g.edge_count(); ++e) {
        if (!sel.edge[e]) continue;
        const Edge& edge = g.edge(e);
        by_type[{relationship_type(edge.relation), base_label(g.node(edge.source)), base_label(g.node(edge.target))}]
            .push_back(e);
    }
    for (const auto& [key, members] : by_type) {
        const auto& [type, from, to] = key;
        for (std::size_t start = 0; start < members.size(); start += k_batch) {
            out += "\nUNWIND [\n";
            std::size_t end = std::min(members.size(), start + k_batch);
            for (std::size_t i = start; i < end; ++i) {
                const Edge& edge = g.edge(members[i]);
                out += "  {s: " + literal(g.node(edge.source).id) + ", t: " + literal(g.node(edge.target).id) +
                       ", label: " + literal(edge_label(edge)) + ", description: " + literal(edge.description) +
                       ", provenance: " + literal(first_place(g, edge)) + ", weight: " +
                       std::to_string(edge.provenance.size()) + ".0}" + (i + 1 < end ? ",\n" : "\n");
            }
            out += "] AS row\nMATCH (a:" + from + " {id: row.s})\nMATCH (b:" + to + " {id: row.t})\nMERGE (a)-[r:" + type +
                   "]->(b)\nSET r.label = row.label, r.description = row.description, r.provenance = row.provenance, "
                   "r.weight = row.weight;\n";
        }
    }
    return out;
}

}  // namespace convgraph
