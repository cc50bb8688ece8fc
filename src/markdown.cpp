// Markdown: cmark-gfm tree → Document (headings, paragraphs, lists, tables, code, links).
#include "convgraph/markdown.hpp"

#include "convgraph/anchor.hpp"
#include "convgraph/normalize.hpp"
#include "convgraph/unicode.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace convgraph {

namespace {

struct ParserDeleter {
    void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeDeleter {
    void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct IterDeleter {
    void operator()(cmark_iter* i) const { cmark_iter_free(i); }
};

void ensure_extensions_registered() {
    static std::once_flag once;
    std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

std::string_view type_of(cmark_node* n) {
    const char* s = cmark_node_get_type_string(n);
    return s ? std::string_view(s) : std::string_view();
}

// Plain text of a subtree: text and code by content, breaks as spaces, markup and HTML dropped.
// Walks the tree in document order by its links rather than with a cmark_iter, which allocates.
std::string plain_text(cmark_node* root) {
    std::string out;
    cmark_node* n = root;
    while (true) {
        switch (cmark_node_get_type(n)) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
            if (const char* lit = cmark_node_get_literal(n)) out += lit;
            break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK: out += ' '; break;
        default: break;
        }
        if (cmark_node* child = cmark_node_first_child(n)) {
            n = child;
            continue;
        }
        while (n != root && !cmark_node_next(n)) n = cmark_node_parent(n);
        if (n == root) return out;
        n = cmark_node_next(n);
    }
}

// Cells written in one source line of a table: unescaped pipes (GFM splits on them even inside
// code spans), without the optional leading and trailing pipe.
int count_source_cells(std::string_view line) {
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
        line.remove_suffix(1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t' || line.front() == '>')) line.remove_prefix(1);
    if (line.empty()) return 0;
    int pipes = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '\\') {
            ++i;
            continue;
        }
        if (line[i] == '|') ++pipes;
    }
    int cells = pipes + 1;
    if (line.front() == '|') --cells;
    if (line.size() > 1 && line.back() == '|' && line[line.size() - 2] != '\\') --cells;
    return cells;
}

class Builder {
public:
    Builder(std::string_view path, std::string_view text, DiagnosticSink& diags)
        : m_text(text), m_diags(diags) {
        m_doc.path = std::string(path);
        m_line_starts.push_back(0);
        for (std::size_t i = text.find('\n'); i != std::string_view::npos; i = text.find('\n', i + 1))
            m_line_starts.push_back(i + 1);
    }

    Document build(cmark_node* root) {
        std::unique_ptr<cmark_iter, IterDeleter> it(cmark_iter_new(root));
        cmark_event_type ev;
        // The lists, items and tables open around the node visited, counted as the walk enters
        // and leaves them: asking each node for its ancestors cost a note of 50,000 nested list
        // markers (one line of "+ + + …") 35 s.
        while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE) {
            cmark_node* n = cmark_iter_get_node(it.get());
            const int step = ev == CMARK_EVENT_ENTER ? 1 : -1;
            if (ev == CMARK_EVENT_ENTER) visit(n);
            switch (cmark_node_get_type(n)) {
            case CMARK_NODE_LIST: m_open.lists += step; break;
            case CMARK_NODE_ITEM: m_open.items += step; break;
            case CMARK_NODE_PARAGRAPH:
            case CMARK_NODE_HEADING:
            case CMARK_NODE_CODE_BLOCK:
            case CMARK_NODE_TEXT:
            case CMARK_NODE_LINK: break;
            default:
                if (type_of(n) == "table") m_open.tables += step;
                break;
            }
        }
        return std::move(m_doc);
    }

private:
    std::string_view line_text(int line) const {
        if (line < 1 || static_cast<std::size_t>(line) > m_line_starts.size()) return {};
        std::size_t start = m_line_starts[static_cast<std::size_t>(line - 1)];
        std::size_t end = static_cast<std::size_t>(line) < m_line_starts.size()
                              ? m_line_starts[static_cast<std::size_t>(line)]
                              : m_text.size();
        return m_text.substr(start, end - start);
    }

    SourceLoc loc_of(cmark_node* n) {
        int line = cmark_node_get_start_line(n);
        int byte_col = cmark_node_get_start_column(n);
        return SourceLoc{m_doc.path, line, column_of(line, byte_col)};
    }

    // A table cell's place: cmark-gfm starts cells at the padding after the pipe; skip it.
    SourceLoc cell_loc(cmark_node* cell) {
        int line = cmark_node_get_start_line(cell);
        int byte_col = cmark_node_get_start_column(cell);
        std::string_view text = line_text(line);
        while (byte_col >= 1 && static_cast<std::size_t>(byte_col) < text.size() &&
               (text[static_cast<std::size_t>(byte_col - 1)] == ' ' || text[static_cast<std::size_t>(byte_col - 1)] == '\t'))
            ++byte_col;
        return SourceLoc{m_doc.path, line, column_of(line, byte_col)};
    }

    // byte_to_column(line_text(line), byte_col), resumed from the last answer when it was on the
    // same line and not further right: nodes come in document order, so a line with many
    // inline nodes is decoded once instead of once per node.
    int column_of(int line, int byte_col) {
        if (byte_col <= 1) return byte_col;
        std::string_view text = line_text(line);
        std::size_t limit = std::min(static_cast<std::size_t>(byte_col - 1), text.size());
        if (line != m_column_cache.line || limit < m_column_cache.pos) m_column_cache = {line, 0, 1};
        std::size_t pos = m_column_cache.pos;
        int column = m_column_cache.column;
        while (pos < limit) {
            next_code_point(text, pos);
            ++column;
        }
        m_column_cache.pos = pos;
        m_column_cache.column = column;
        if (static_cast<std::size_t>(byte_col - 1) > text.size())
            column += static_cast<int>(static_cast<std::size_t>(byte_col - 1) - text.size());
        return column;
    }

    void visit(cmark_node* n) {
        switch (cmark_node_get_type(n)) {
        case CMARK_NODE_HEADING: add_heading(n); return;
        case CMARK_NODE_PARAGRAPH:
            if (m_open.items == 0) add_block(Paragraph{labeled(n)});
            return;
        case CMARK_NODE_LIST: add_list(n); return;
        case CMARK_NODE_CODE_BLOCK: add_code(n); return;
        case CMARK_NODE_LINK: add_link(n); return;
        default: break;
        }
        if (type_of(n) == "table") add_table(n);
    }

    void add_block(std::variant<Paragraph, ListBlock, Table, CodeBlock> content) {
        m_doc.blocks.push_back(Block{current_heading(), std::move(content)});
    }

    int current_heading() const { return static_cast<int>(m_doc.headings.size()) - 1; }

    void add_heading(cmark_node* n) {
        Heading h;
        h.level = cmark_node_get_heading_level(n);
        std::string plain = plain_text(n);  // untrimmed: `&#x20;a&#x20;` slugs to "-a-" on GitHub
        h.text = std::string(trim(plain));
        split_section_number(h.text, h.number, h.title);
        h.anchor = m_slugger.slug(plain);
        h.loc = loc_of(n);
        while (!m_open_headings.empty() && m_doc.headings[static_cast<std::size_t>(m_open_headings.back())].level >= h.level)
            m_open_headings.pop_back();
        h.parent = m_open_headings.empty() ? -1 : m_open_headings.back();
        m_open_headings.push_back(static_cast<int>(m_doc.headings.size()));
        m_doc.headings.push_back(std::move(h));
    }

    // "**Label**：text" → {label, text}; anything else → {"", text}.
    LabeledText labeled(cmark_node* para) {
        LabeledText out;
        out.loc = loc_of(para);
        cmark_node* first = cmark_node_first_child(para);
        if (first && cmark_node_get_type(first) == CMARK_NODE_STRONG) {
            out.label = clean_label(trim(plain_text(first)));
            out.label_loc = loc_of(first);
            for (std::string_view colon : {"：", ":"}) {
                if (out.label.size() >= colon.size() &&
                    std::string_view(out.label).substr(out.label.size() - colon.size()) == colon)
                    out.label = std::string(trim(std::string_view(out.label).substr(0, out.label.size() - colon.size())));
            }
            std::string rest;
            cmark_node* next = cmark_node_next(first);
            out.text_loc = next ? loc_of(next) : out.loc;
            for (cmark_node* s = next; s; s = cmark_node_next(s)) {
                if (cmark_node_get_type(s) == CMARK_NODE_TEXT || cmark_node_get_type(s) == CMARK_NODE_CODE) {
                    if (const char* lit = cmark_node_get_literal(s)) rest += lit;
                } else if (cmark_node_get_type(s) == CMARK_NODE_SOFTBREAK ||
                           cmark_node_get_type(s) == CMARK_NODE_LINEBREAK) {
                    rest += ' ';
                } else {
                    rest += plain_text(s);
                }
            }
            std::string_view r = trim(rest);
            for (std::string_view colon : {"：", ":"}) {
                if (r.substr(0, colon.size()) == colon) {
                    r.remove_prefix(colon.size());
                    break;
                }
            }
            out.text = std::string(trim(r));
        } else {
            out.label_loc = out.text_loc = out.loc;
            out.text = std::string(trim(plain_text(para)));
        }
        return out;
    }

    void add_list(cmark_node* n) {
        ListBlock list;
        list.ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
        list.loc = loc_of(n);
        list.depth = m_open.lists;
        for (cmark_node* item = cmark_node_first_child(n); item; item = cmark_node_next(item)) {
            cmark_node* first = cmark_node_first_child(item);
            if (first && cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH) {
                list.items.push_back(labeled(first));
            } else {
                LabeledText empty;
                empty.loc = empty.label_loc = empty.text_loc = loc_of(item);
                list.items.push_back(std::move(empty));
            }
        }
        add_block(std::move(list));
    }

    void add_table(cmark_node* n) {
        Table table;
        table.loc = loc_of(n);
        for (cmark_node* row = cmark_node_first_child(n); row; row = cmark_node_next(row)) {
            std::vector<TableCell> cells;
            for (cmark_node* cell = cmark_node_first_child(row); cell; cell = cmark_node_next(cell))
                cells.push_back(TableCell{clean_label(trim(plain_text(cell))), cell_loc(cell)});
            if (cmark_gfm_extensions_get_table_row_is_header(row) || type_of(row) == "table_header") {
                table.header = std::move(cells);
            } else {
                table.rows.push_back(std::move(cells));
                table.source_cells.push_back(count_source_cells(line_text(cmark_node_get_start_line(row))));
            }
        }
        add_block(std::move(table));
    }

    void add_code(cmark_node* n) {
        CodeBlock code;
        const char* info = cmark_node_get_fence_info(n);
        std::string_view info_sv = info ? std::string_view(info) : std::string_view();
        code.info = std::string(trim(info_sv.substr(0, info_sv.find_first_of(" \t{"))));
        if (const char* lit = cmark_node_get_literal(n)) code.text = lit;
        code.loc = loc_of(n);
        int fence_length = 0, fence_offset = 0;
        char fence_char = 0;
        bool fenced = cmark_node_get_fenced(n, &fence_length, &fence_offset, &fence_char) != 0;
        code.content_loc = code.loc;
        if (fenced) code.content_loc.line += 1;
        if (code.info == "mermaid") code.chart = parse_mermaid(code.text, code.content_loc, m_diags);
        if (m_open.tables == 0) add_block(std::move(code));
    }

    void add_link(cmark_node* n) {
        Link link;
        if (const char* url = cmark_node_get_url(n)) link.destination = url;
        link.text = std::string(trim(plain_text(n)));
        link.heading = current_heading();
        link.loc = loc_of(n);
        m_doc.links.push_back(std::move(link));
    }

    std::string_view m_text;
    DiagnosticSink& m_diags;
    Document m_doc;
    Slugger m_slugger;
    std::vector<int> m_open_headings;  // the headings a new one may nest under
    struct {
        int lists = 0, items = 0, tables = 0;  // open around the node visited
    } m_open;
    std::vector<std::size_t> m_line_starts;
    struct {
        int line = 0;
        std::size_t pos = 0;  // a code point boundary in the line
        int column = 1;       // the column of the code point at `pos`
    } m_column_cache;
};

}  // namespace

Document parse_markdown(std::string_view path, std::string_view text, DiagnosticSink& diags) {
    ensure_extensions_registered();
    std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(CMARK_OPT_SOURCEPOS));
    if (cmark_syntax_extension* table = cmark_find_syntax_extension("table"))
        cmark_parser_attach_syntax_extension(parser.get(), table);
    cmark_parser_feed(parser.get(), text.data(), text.size());
    std::unique_ptr<cmark_node, NodeDeleter> root(cmark_parser_finish(parser.get()));
    Builder builder(path, text, diags);
    return builder.build(root.get());
}

}  // namespace convgraph
