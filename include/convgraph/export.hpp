// Export: the table of export formats {name, extension, description, writer}, the selection
// every format shares (--kind, --relation, --around/--depth, --doc, --with-documents), and the
// text helpers the writers share.
#pragma once

#include "convgraph/graph.hpp"

#include <functional>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace convgraph {

enum class DotCluster { none, document, kind };

struct ExportOptions {
    // Selection (applies to every format).
    bool with_documents = false;       // document nodes and links_to/mentions edges
    std::vector<Role> kinds;           // keep nodes of these primary kinds (empty: all)
    std::vector<Relation> relations;   // keep edges of these relations (empty: all)
    std::optional<std::string> around;  // keep the neighbourhood of this concept ...
    int depth = 1;                      // ... up to this many edges away, either direction
    std::optional<std::string> doc;     // keep the concepts this note defines or mentions
    // Format options.
    std::string gexf_version = "1.3";  // "1.3" or "1.2" (1.2draft, for networkx < 3.6)
    DotCluster cluster = DotCluster::none;  // dot, svg, png
    std::string layout = "dot";             // svg, png: the Graphviz layout engine
};

// Which nodes and edges an export shows, derived once from the options.
struct ExportSelection {
    std::vector<bool> node;  // per NodeIndex
    std::vector<bool> edge;  // per EdgeIndex
    std::size_t node_count() const;
    std::size_t edge_count() const;
};

// Applies the options to `g`. Throws Error for an unknown, ambiguous or filtered-out --around
// name, a --doc that names no note, or a negative depth. An edge is kept when its relation is
// selected and both ends are kept; with --relation, nodes left without a kept edge are dropped
// (the --around centre stays). Asking for a document kind or relation implies --with-documents.
ExportSelection select_for_export(const Graph& g, const ExportOptions& options);

// One output file: `suffix` is appended to the -o path ("" for single-file formats).
struct ExportFile {
    std::string suffix;
    std::string content;
};

using ExportWriter =
    std::function<std::vector<ExportFile>(const Graph&, const ExportSelection&, const ExportOptions&)>;

struct ExportFormat {
    std::string_view name;
    std::string_view extension;  // of the single file, or of each file of a multi-file format
    std::string_view description;
    ExportWriter write;
    bool multi_file = false;  // writes several files next to the -o prefix; needs -o
};

std::span<const ExportFormat> export_formats();
const ExportFormat* find_export_format(std::string_view name);
// The format names closest to `name` by edit distance (for "did you mean"), best first.
std::vector<std::string_view> suggest_export_formats(std::string_view name);

// The writers (one file each). Single-file writers return the text; multi-file writers the files.
std::string write_graphml(const Graph& g, const ExportSelection& sel, const ExportOptions& options);
std::string write_gexf(const Graph& g, const ExportSelection& sel, const ExportOptions& options);
std::string write_dot(const Graph& g, const ExportSelection& sel, const ExportOptions& options);
std::string write_node_link_json(const Graph& g, const ExportSelection& sel, const ExportOptions& options);
std::vector<ExportFile> write_gephi_csv(const Graph& g, const ExportSelection& sel, const ExportOptions& options);
std::vector<ExportFile> write_neo4j_csv(const Graph& g, const ExportSelection& sel, const ExportOptions& options);
std::string write_cypher(const Graph& g, const ExportSelection& sel, const ExportOptions& options);
std::string write_mermaid(const Graph& g, const ExportSelection& sel, const ExportOptions& options);
// Renders write_dot's graph plus a legend of kinds through libgvc; `format` is "svg" or "png".
std::string render_graphviz(const Graph& g, const ExportSelection& sel, const ExportOptions& options,
                            std::string_view format);

// Shared by the writers.
namespace export_detail {

// Text with XML-invalid characters (controls but tab and newline) removed and invalid UTF-8
// repaired: what every format writes.
std::string clean(std::string_view text);
// clean() with tabs, newlines and runs of spaces folded to one space: for one-line formats.
std::string clean_line(std::string_view text);
// The edge's display label: its Mermaid label when it has one, else the relation name.
std::string edge_label(const Edge& e);
// Roles joined with ';' ("driver;effect").
std::string roles_text(const Node& n);
// "path:line:col" of the first provenance, "" when there is none.
std::string first_place(const Graph& g, const Node& n);
std::string first_place(const Graph& g, const Edge& e);
// Node size from its degree within the selection: 10 + 5 * sqrt(degree), one decimal.
std::vector<std::string> node_sizes(const Graph& g, const ExportSelection& sel);
// "#rrggbb" of a kind's colour.
std::string hex_color(Role kind);
// The kind's colour mixed 1:2 with white: a light fill under black text (DOT, SVG, Mermaid).
std::string fill_color(Role kind);
// Capitalised label for Neo4j and the DOT legend: "Driver", "Case", "Document".
std::string role_title(Role r);
// One CSV row: the (already quoted) fields joined by ',', then `line_end`.
void csv_row(std::string& out, std::initializer_list<std::string> fields, std::string_view line_end);
// The DOT text of write_dot, plus a legend of the kinds shown when `legend` is set.
std::string dot_source(const Graph& g, const ExportSelection& sel, const ExportOptions& options, bool legend);

}  // namespace export_detail

}  // namespace convgraph
