// Mermaid flowchart nodes: an id with its shape and label ("A[x]", "B((y))", "C@{ shape: … }").
#include "mermaid_flowchart.hpp"

#include "mermaid_shapes.hpp"
#include "mermaid_text.hpp"

#include <utility>

namespace convgraph::mermaid_detail {

namespace {

std::string quote(std::string_view s) { return "'" + std::string(s) + "'"; }

}  // namespace

bool FlowchartParser::node(Statement& st, const std::string& after, std::size_t& index) {
    PendingNode n;
    n.loc = m_cursor.loc();
    std::string_view id = m_cursor.read_id();
    if (id.empty()) {
        return fail(n.loc, "expected a node id" + (after.empty() ? std::string() : " " + after) + ", found " +
                               m_cursor.describe());
    }
    n.id = sanitize_utf8(id);
    if (!class_suffix()) return false;
    if (m_cursor.starts_with("@{")) {
        if (!shape_data(n)) return false;
    } else if (!shape(n)) {
        return false;
    }
    if (!class_suffix()) return false;
    st.nodes.push_back(std::move(n));
    index = st.nodes.size() - 1;
    return true;
}

bool FlowchartParser::class_suffix() {
    if (!m_cursor.starts_with(":::")) return true;
    m_cursor.advance_bytes(3);
    if (m_cursor.read_id().empty()) {
        return fail(m_cursor.loc(), "expected a class name after ':::', found " + m_cursor.describe());
    }
    return true;
}

bool FlowchartParser::shape(PendingNode& n) {
    const ShapeOpen* open = nullptr;
    for (const ShapeOpen& candidate : shape_openers()) {
        if (m_cursor.starts_with(candidate.text)) {
            open = &candidate;
            break;
        }
    }
    if (open == nullptr) return true;  // a bare id
    // "[/" and "[\" close with "/]" or "\]" at the first ']' of an unquoted label; when that
    // ']' has no slash before it, "[/x]" is a rectangle whose label starts with '/'.
    std::size_t slash_close = std::string_view::npos;
    if (open->close_count == 2) {
        Cursor t = m_cursor;
        t.advance_bytes(open->text.size());
        t.skip_spaces();
        if (!t.is('"')) {
            std::string_view line = m_cursor.text().substr(m_cursor.pos(), m_cursor.line_end() - m_cursor.pos());
            std::size_t bracket = line.find(']', open->text.size());
            if (bracket != std::string_view::npos && bracket > open->text.size() &&
                (line[bracket - 1] == '/' || line[bracket - 1] == '\\')) {
                slash_close = bracket - 1 - open->text.size();
            } else {
                open = &rect_opener();
            }
        }
    }
    m_cursor.advance_bytes(open->text.size());
    auto unclosed = [&](const std::string& found) {
        std::string closers = quote(open->closes[0].text);
        if (open->close_count == 2) closers += " or " + quote(open->closes[1].text);
        return fail(m_cursor.loc(), "expected " + closers + " to close the label of node " + quote(n.id) + ", found " + found);
    };

    Cursor t = m_cursor;
    t.skip_spaces();
    if (t.is('"')) {
        m_cursor = t;
        std::string_view content;
        SyntaxError error;
        if (!read_quoted(m_cursor, content, error)) return fail(error);
        m_cursor.skip_spaces();
        for (int i = 0; i < open->close_count; ++i) {
            if (m_cursor.starts_with(open->closes[i].text)) {
                m_cursor.advance_bytes(open->closes[i].text.size());
                n.has_shape = true;
                n.shape = open->closes[i].shape;
                n.label = clean_label(content, true);
                n.has_label = !n.label.empty();
                return true;
            }
        }
        return unclosed(m_cursor.describe());
    }
    std::string_view line = m_cursor.text().substr(m_cursor.pos(), m_cursor.line_end() - m_cursor.pos());
    std::size_t best = std::string_view::npos;
    int chosen = 0;
    if (slash_close != std::string_view::npos) {
        best = slash_close;
        chosen = line[best] == open->closes[0].text[0] ? 0 : 1;
    } else {
        best = line.find(open->closes[0].text);
    }
    if (best == std::string_view::npos) {
        m_cursor.skip_to_eol();
        return unclosed("end of line");
    }
    n.has_shape = true;
    n.shape = open->closes[chosen].shape;
    n.label = clean_label(line.substr(0, best), false);
    n.has_label = !n.label.empty();
    m_cursor.advance_bytes(best + open->closes[chosen].text.size());
    return true;
}

bool FlowchartParser::shape_data(PendingNode& n) {
    SourceLoc loc = m_cursor.loc();
    const Cursor at_sign = m_cursor;  // to place an error inside the braces
    Source& source = m_cursor.source();
    std::string_view text = m_cursor.text();
    std::size_t begin = m_cursor.pos() + 2;
    std::size_t close = std::string_view::npos;
    for (std::size_t p = begin;;) {
        std::size_t brace = source.find_forward("}", p);
        if (brace == std::string_view::npos) break;
        std::size_t quote_at = text.substr(p, brace - p).find('"');
        if (quote_at == std::string_view::npos) {
            close = brace;
            break;
        }
        std::size_t quote_end = source.find_forward("\"", p + quote_at + 1);
        if (quote_end == std::string_view::npos) {
            close = brace;
            break;
        }
        p = quote_end + 1;
    }
    if (close == std::string_view::npos) {
        return fail(loc, "unterminated '@{' of node " + quote(n.id) + ": expected '}'");
    }
    std::string_view body = text.substr(begin, close - begin);
    m_cursor.advance_to(close + 1);
    n.from_shape_data = true;

    // Entries "key: value" separated by ',' or new lines; values may be quoted.
    std::vector<std::string_view> entries;
    bool in_quote = false;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= body.size(); ++i) {
        if (i < body.size() && body[i] == '"') in_quote = !in_quote;
        if (i == body.size() || (!in_quote && (body[i] == ',' || body[i] == '\n'))) {
            std::string_view entry = trim(body.substr(start, i - start));
            if (!entry.empty()) entries.push_back(entry);
            start = i + 1;
        }
    }
    bool has_shape_key = false;
    for (std::string_view entry : entries) {
        std::size_t colon = entry.find(':');
        if (colon == std::string_view::npos) {
            Cursor at_entry = at_sign;
            at_entry.advance_to(static_cast<std::size_t>(entry.data() - text.data()));
            return fail(at_entry.loc(), "expected 'key: value' in '@{ }' of node " + quote(n.id) + ", found " +
                                 quote(sanitize_utf8(entry.substr(0, 40))));
        }
        std::string_view key = trim(entry.substr(0, colon));
        std::string_view value = trim(entry.substr(colon + 1));
        if (key == "shape") {
            std::string name = clean_label_maybe_quoted(value);
            n.has_shape = true;
            n.shape = shape_from_name(name);
            n.shape_name = name;
            has_shape_key = true;
        } else if (key == "label") {
            n.label = clean_label_maybe_quoted(value);
            n.has_label = !n.label.empty();
        } else if ((key == "icon" || key == "img") && !has_shape_key) {
            n.has_shape = true;
            n.shape = NodeShape::other;
            n.shape_name = key == "icon" ? "icon" : "image";
        }
    }
    return true;
}

}  // namespace convgraph::mermaid_detail
