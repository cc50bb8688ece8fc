// Mermaid flowchart statements: the recursive-descent parser for the body of graph/flowchart.
#pragma once

#include "convgraph/diagnostics.hpp"
#include "convgraph/mermaid.hpp"
#include "mermaid_cursor.hpp"
#include "mermaid_links.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace convgraph::mermaid_detail {

// "TB", "TD", "BT", "RL", "LR" (any case) and the arrows '>' '<' '^' 'v' -> the upper-case
// two-letter form ('>' = LR, '<' = RL, '^' = BT, 'v' = TB); nullopt for anything else.
std::optional<std::string> normalize_direction(std::string_view token);

// Skips a "%%" comment to the end of the line, or a "%%{ … }%%" directive (which may span
// lines). False (with `error` set, cursor at the end of the line) for an unterminated directive.
bool skip_comment(Cursor& cursor, SyntaxError& error);

// Parses statements from the cursor to the end of the text into `chart` (whose header has
// already been read). Each bad statement gives one "mermaid-syntax" error; parsing goes on at
// the next line. Subgraph nesting uses an explicit stack, never the C++ call stack.
class FlowchartParser {
public:
    FlowchartParser(Cursor& cursor, MermaidChart& chart, DiagnosticSink& diags)
        : m_cursor(cursor), m_chart(chart), m_diags(diags) {}

    void parse();

private:
    struct PendingNode {
        std::string id;
        SourceLoc loc;
        bool has_label = false;
        std::string label;
        bool has_shape = false;
        NodeShape shape = NodeShape::rect;
        std::string shape_name;
        bool from_shape_data = false;
    };
    // One vertex statement, committed to the chart only when it parsed without error.
    struct Statement {
        std::vector<PendingNode> nodes;
        std::vector<MermaidEdge> edges;
    };

    bool statement();
    bool vertex_statement();
    bool node_group(Statement& st, std::vector<std::size_t>& group, const std::string& after);
    bool node(Statement& st, const std::string& after, std::size_t& index);
    bool shape(PendingNode& n);
    bool shape_data(PendingNode& n);
    bool class_suffix();
    bool subgraph_statement();
    bool end_statement();
    bool direction_statement();
    bool skipped_statement(std::string_view keyword);
    bool accessibility_statement(std::string_view keyword);
    bool statement_end(const std::string& after);
    bool at_statement_end() const;
    bool fail(SourceLoc loc, std::string message);
    bool fail(const SyntaxError& error) { return fail(error.loc, error.message); }
    void commit(const Statement& st);
    void add_node(const PendingNode& n);
    void finish();

    Cursor& m_cursor;
    MermaidChart& m_chart;
    DiagnosticSink& m_diags;
    std::optional<SyntaxError> m_error;
    std::unordered_map<std::string, std::size_t> m_node_index;
    std::vector<int> m_node_subgraph;     // per node: index into m_chart.subgraphs, or -1
    std::vector<bool> m_node_explicit;    // per node: ever given a label or a shape
    std::vector<std::size_t> m_open;      // stack of open subgraphs (indices)
    std::vector<bool> m_subgraph_open;    // per subgraph
    std::unordered_set<std::string> m_edge_ids;
};

}  // namespace convgraph::mermaid_detail
