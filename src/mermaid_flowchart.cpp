// Mermaid flowchart statements: the recursive-descent parser for the body of graph/flowchart.
//
// Grammar (one statement per line or per ';'):
//   statement  := vertex | "subgraph" title | "end" | "direction" dir
//               | ("style" | "classDef" | "class" | "linkStyle" | "click") args     (skipped)
//   | "accTitle" ":" text | "accDescr" (":" text | "{" text "}")                      (skipped)
//   vertex     := group (link group)*
//   group      := node ("&" node)*
//   node       := id (":::" class)? (shape | "@{" data "}")? (":::" class)?
//
// Decisions:
// - A node belongs to the innermost subgraph it is first mentioned in; a later mention in a
//   subgraph nested inside that one moves it there (Mermaid gives a node to the subgraph that
//   closes first). Mentions outside any subgraph never take a node out of its subgraph.
// - Edges to and from subgraph ids keep the subgraph id as the endpoint. A subgraph id is not a
//   node: bare mentions of it (no label, no shape) are removed from `nodes` at the end; an id
//   that is given a label or shape somewhere stays a node too.
// - A subgraph without an id whose title has white space (or no title) gets the id
//   "subGraph<N>", N = its index in `subgraphs`, as Mermaid does.
// - "x@{ … }" alone on a line where x is a known edge id is edge metadata and is skipped.
#include "mermaid_flowchart.hpp"

#include "mermaid_text.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace convgraph::mermaid_detail {

namespace {

bool is_word_end(const Cursor& c, std::size_t length) {
    int b = c.byte(length);
    return b < 0 || b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == ';';
}

std::string quote(std::string_view s) { return "'" + std::string(s) + "'"; }

bool has_space(std::string_view s) {
    for (char ch : s) {
        if (ch == ' ' || ch == '\t') return true;
    }
    return false;
}

// What must follow a skipped styling keyword, for the message when nothing does.
std::string_view expected_argument(std::string_view keyword) {
    if (keyword == "classDef") return "a class name";
    if (keyword == "linkStyle") return "a link number or 'default'";
    return "a node id";
}

}  // namespace

std::optional<std::string> normalize_direction(std::string_view token) {
    if (token == ">") return "LR";
    if (token == "<") return "RL";
    if (token == "^") return "BT";
    if (token == "v") return "TB";
    if (token.size() != 2) return std::nullopt;
    std::string upper(token);
    for (char& ch : upper) {
        if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    }
    for (std::string_view known : {"TB", "TD", "BT", "RL", "LR"}) {
        if (upper == known) return upper;
    }
    return std::nullopt;
}

bool skip_comment(Cursor& cursor, SyntaxError& error) {
    if (cursor.starts_with("%%{")) {
        SourceLoc loc = cursor.loc();
        std::size_t close = cursor.source().find_forward("}%%", cursor.pos() + 3);
        if (close == std::string_view::npos) {
            cursor.skip_to_eol();
            error = {loc, "unterminated directive: expected '}%%' to close '%%{'"};
            return false;
        }
        cursor.advance_to(close + 3);
    }
    cursor.skip_to_eol();
    return true;
}

void FlowchartParser::parse() {
    while (!m_cursor.at_end()) {
        m_cursor.skip_spaces();
        if (m_cursor.at_end()) break;
        if (m_cursor.is('\n') || m_cursor.is(';')) {
            m_cursor.advance();
            continue;
        }
        if (m_cursor.starts_with("%%")) {
            SyntaxError error;
            if (!skip_comment(m_cursor, error)) fail(error);
        } else if (!statement()) {
            m_cursor.skip_to_eol();
        }
        if (m_error) {
            m_diags.error(m_error->loc, "mermaid-syntax", m_error->message);
            m_error.reset();
        }
    }
    finish();
}

bool FlowchartParser::fail(SourceLoc loc, std::string message) {
    if (!m_error) m_error = SyntaxError{std::move(loc), std::move(message)};
    return false;
}

bool FlowchartParser::at_statement_end() const {
    return m_cursor.at_eol() || m_cursor.is(';') || m_cursor.starts_with("%%");
}

bool FlowchartParser::statement_end(const std::string& after) {
    m_cursor.skip_spaces();
    if (at_statement_end()) return true;
    return fail(m_cursor.loc(), "expected ';' or the end of the line after " + after + ", found " + m_cursor.describe());
}

bool FlowchartParser::statement() {
    std::string_view word = m_cursor.peek_id();
    auto keyword = [&](std::string_view kw) { return word == kw && is_word_end(m_cursor, kw.size()); };
    if (keyword("subgraph")) return subgraph_statement();
    if (keyword("end")) return end_statement();
    if (keyword("direction")) return direction_statement();
    for (std::string_view kw : {"style", "classDef", "class", "linkStyle", "click"}) {
        if (keyword(kw)) return skipped_statement(kw);
    }
    if (word == "accTitle" || word == "accDescr") {
        Cursor t = m_cursor;
        t.advance_bytes(word.size());
        t.skip_spaces();
        if (t.is(':') || t.is('{') || t.at_eol()) return accessibility_statement(word);
    }
    return vertex_statement();
}

bool FlowchartParser::vertex_statement() {
    Statement st;
    std::vector<std::size_t> previous;
    std::vector<std::size_t> next;
    if (!node_group(st, previous, "")) return false;
    while (true) {
        m_cursor.skip_spaces();
        if (at_statement_end()) break;
        Link link;
        SyntaxError error;
        LinkStatus status = read_link(m_cursor, link, error);
        if (status == LinkStatus::error) return fail(error);
        if (status == LinkStatus::none) {
            return fail(m_cursor.loc(), "expected a link such as '-->', '&' or the end of the statement after node " +
                                            quote(st.nodes[previous.back()].id) + ", found " + m_cursor.describe());
        }
        m_cursor.skip_spaces();
        next.clear();
        if (!node_group(st, next, "after " + quote(link.token))) return false;
        for (std::size_t from : previous) {
            for (std::size_t to : next) {
                MermaidEdge edge;
                edge.from = st.nodes[from].id;
                edge.to = st.nodes[to].id;
                edge.label = link.label;
                edge.stroke = link.stroke;
                edge.head_start = link.head_start;
                edge.head_end = link.head_end;
                edge.length = link.length;
                edge.edge_id = link.edge_id;
                edge.loc = link.loc;
                st.edges.push_back(std::move(edge));
            }
        }
        previous.swap(next);
    }
    bool edge_metadata = st.edges.empty() && st.nodes.size() == 1 && st.nodes[0].from_shape_data &&
                         m_edge_ids.count(st.nodes[0].id) > 0;
    if (!edge_metadata) commit(st);
    return true;
}

bool FlowchartParser::node_group(Statement& st, std::vector<std::size_t>& group, const std::string& after) {
    std::size_t index = 0;
    if (!node(st, after, index)) return false;
    group.push_back(index);
    while (true) {
        Cursor save = m_cursor;
        m_cursor.skip_spaces();
        if (!m_cursor.is('&')) {
            m_cursor = save;
            return true;
        }
        m_cursor.advance();
        m_cursor.skip_spaces();
        if (!node(st, "after '&'", index)) return false;
        group.push_back(index);
    }
}

bool FlowchartParser::subgraph_statement() {
    MermaidSubgraph sg;
    sg.loc = m_cursor.loc();
    m_cursor.advance_bytes(8);
    m_cursor.skip_spaces();
    bool generated = false;
    if (at_statement_end()) {
        generated = true;
    } else if (m_cursor.is('"')) {
        std::string_view content;
        SyntaxError error;
        if (!read_quoted(m_cursor, content, error)) return fail(error);
        sg.title = clean_label(content, true);
        generated = sg.title.empty() || has_space(sg.title);
        if (!generated) sg.id = sg.title;
    } else {
        std::size_t word_begin = m_cursor.pos();
        std::string_view word = m_cursor.read_id();
        if (word.empty()) {
            return fail(m_cursor.loc(), "expected a subgraph id or title after 'subgraph', found " + m_cursor.describe());
        }
        sg.id = sanitize_utf8(word);
        Cursor t = m_cursor;
        t.skip_spaces();
        if (t.is('[')) {
            m_cursor = t;
            m_cursor.advance();
            m_cursor.skip_spaces();
            if (m_cursor.is('"')) {
                std::string_view content;
                SyntaxError error;
                if (!read_quoted(m_cursor, content, error)) return fail(error);
                sg.title = clean_label(content, true);
                m_cursor.skip_spaces();
                if (!m_cursor.is(']')) {
                    return fail(m_cursor.loc(), "expected ']' to close the title of subgraph " + quote(sg.id) +
                                                    ", found " + m_cursor.describe());
                }
                m_cursor.advance();
            } else {
                std::string_view line = m_cursor.text().substr(m_cursor.pos(), m_cursor.line_end() - m_cursor.pos());
                std::size_t bracket = line.find(']');
                if (bracket == std::string_view::npos) {
                    m_cursor.skip_to_eol();
                    return fail(m_cursor.loc(), "expected ']' to close the title of subgraph " + quote(sg.id) +
                                                    ", found end of line");
                }
                sg.title = clean_label(line.substr(0, bracket), false);
                m_cursor.advance_bytes(bracket + 1);
            }
        } else {
            // The title is the rest of the statement: "subgraph one" or "subgraph Big title".
            std::string_view line = m_cursor.text().substr(word_begin, m_cursor.line_end() - word_begin);
            std::size_t end = std::min(line.find(';'), line.find("%%"));
            std::string_view raw = trim(line.substr(0, std::min(end, line.size())));
            sg.title = clean_label_maybe_quoted(raw);
            if (raw != word) {
                generated = true;
                sg.id.clear();
            }
            m_cursor.advance_to(word_begin + raw.size());
        }
    }
    if (!statement_end("the subgraph title")) return false;
    std::size_t index = m_chart.subgraphs.size();
    if (generated) sg.id = "subGraph" + std::to_string(index);
    if (!m_open.empty()) sg.parent = m_chart.subgraphs[m_open.back()].id;
    m_chart.subgraphs.push_back(std::move(sg));
    m_open.push_back(index);
    m_subgraph_open.push_back(true);
    return true;
}

bool FlowchartParser::end_statement() {
    SourceLoc loc = m_cursor.loc();
    m_cursor.advance_bytes(3);
    if (m_open.empty()) return fail(loc, "found 'end' but no subgraph is open");
    if (!statement_end("'end'")) return false;
    m_subgraph_open[m_open.back()] = false;
    m_open.pop_back();
    return true;
}

bool FlowchartParser::direction_statement() {
    m_cursor.advance_bytes(9);
    m_cursor.skip_spaces();
    SourceLoc loc = m_cursor.loc();
    std::size_t begin = m_cursor.pos();
    while (!at_statement_end() && !is_space_cp(m_cursor.code_point())) m_cursor.advance();
    std::string_view token = m_cursor.text().substr(begin, m_cursor.pos() - begin);
    std::optional<std::string> direction = normalize_direction(token);
    if (!direction) {
        std::string found = token.empty() ? "end of line" : quote(sanitize_utf8(token.substr(0, 40)));
        return fail(loc, "expected a direction (TB, TD, BT, RL, LR, >, <, ^ or v) after 'direction', found " + found);
    }
    if (!statement_end(quote("direction " + std::string(token)))) return false;
    if (m_open.empty()) {
        m_chart.direction = *direction;
    } else {
        m_chart.subgraphs[m_open.back()].direction = *direction;
    }
    return true;
}

bool FlowchartParser::skipped_statement(std::string_view keyword) {
    m_cursor.advance_bytes(keyword.size());
    m_cursor.skip_spaces();
    if (at_statement_end()) {
        return fail(m_cursor.loc(), "expected " + std::string(expected_argument(keyword)) + " after " + quote(keyword) +
                                        ", found " + m_cursor.describe());
    }
    // Up to the next ';' outside double quotes, or the end of the line.
    bool in_quote = false;
    while (!m_cursor.at_eol()) {
        if (m_cursor.is('"')) in_quote = !in_quote;
        if (m_cursor.is(';') && !in_quote) break;
        m_cursor.advance();
    }
    return true;
}

bool FlowchartParser::accessibility_statement(std::string_view keyword) {
    m_cursor.advance_bytes(keyword.size());
    m_cursor.skip_spaces();
    if (m_cursor.is(':')) {
        m_cursor.skip_to_eol();
        return true;
    }
    if (keyword == "accDescr" && m_cursor.is('{')) {
        SourceLoc loc = m_cursor.loc();
        std::size_t close = m_cursor.source().find_forward("}", m_cursor.pos() + 1);
        if (close == std::string_view::npos) return fail(loc, "unterminated 'accDescr {': expected '}'");
        m_cursor.advance_to(close + 1);
        return statement_end("'accDescr { … }'");
    }
    std::string expected = keyword == "accDescr" ? "':' or '{'" : "':'";
    return fail(m_cursor.loc(), "expected " + expected + " after " + quote(keyword) + ", found " + m_cursor.describe());
}

void FlowchartParser::commit(const Statement& st) {
    for (const PendingNode& n : st.nodes) add_node(n);
    for (const MermaidEdge& edge : st.edges) {
        if (!edge.edge_id.empty()) m_edge_ids.insert(edge.edge_id);
        m_chart.edges.push_back(edge);
    }
}

void FlowchartParser::add_node(const PendingNode& n) {
    auto [it, inserted] = m_node_index.try_emplace(n.id, m_chart.nodes.size());
    if (inserted) {
        MermaidNode node;
        node.id = n.id;
        node.label = n.id;
        node.loc = n.loc;
        m_chart.nodes.push_back(std::move(node));
        m_node_subgraph.push_back(-1);
        m_node_explicit.push_back(false);
    }
    std::size_t i = it->second;
    MermaidNode& node = m_chart.nodes[i];
    if (n.has_shape) {
        node.shape = n.shape;
        node.shape_name = n.shape_name;
        m_node_explicit[i] = true;
    }
    if (n.has_label) {
        node.label = n.label;
        node.has_label = true;
        m_node_explicit[i] = true;
    }
    if (!m_open.empty()) {
        int current = static_cast<int>(m_open.back());
        int& owner = m_node_subgraph[i];
        if (owner < 0 || (owner != current && m_subgraph_open[static_cast<std::size_t>(owner)])) {
            owner = current;
            node.subgraph = m_chart.subgraphs[m_open.back()].id;
        }
    }
}

void FlowchartParser::finish() {
    for (std::size_t index : m_open) {
        const MermaidSubgraph& sg = m_chart.subgraphs[index];
        m_diags.error(sg.loc, "mermaid-syntax",
                      "subgraph " + quote(sg.id) + " is not closed: expected 'end' before the end of the diagram");
    }
    std::unordered_set<std::string> subgraph_ids;
    for (const MermaidSubgraph& sg : m_chart.subgraphs) subgraph_ids.insert(sg.id);
    if (subgraph_ids.empty()) return;
    std::vector<MermaidNode> kept;
    kept.reserve(m_chart.nodes.size());
    for (std::size_t i = 0; i < m_chart.nodes.size(); ++i) {
        if (!m_node_explicit[i] && subgraph_ids.count(m_chart.nodes[i].id) > 0) continue;
        kept.push_back(std::move(m_chart.nodes[i]));
    }
    m_chart.nodes = std::move(kept);
}

}  // namespace convgraph::mermaid_detail
