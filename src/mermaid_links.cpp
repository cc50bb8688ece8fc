// Mermaid links: reads one link (arrow) of a flowchart statement, with its text and edge id.
//
// The link grammar follows Mermaid's lexer (flow.jison):
//   solid   [xo<]? -{2,} [-xo>]       "-->", "---", "--o", "---->"   text form: "-- text -->"
//   thick   [xo<]? ={2,} [=xo>]       "==>", "===", "===>"           text form: "== text ==>"
//   dotted  [xo<]? -.{1,}- [xo>]?     "-.->", "-.-", "-..->"         text form: "-. text .->"
//   hidden  ~{3,}                     "~~~"
// followed by an optional "|text|". The length is the number of extra characters + 1, as in the
// table of the Mermaid docs ("-->"/"---" = 1, "--->"/"----" = 2, "-..->" = 2, "~~~~" = 2).
#include "mermaid_links.hpp"

#include "mermaid_text.hpp"

namespace convgraph::mermaid_detail {

namespace {

bool is_head_byte(int c) { return c == '>' || c == 'o' || c == 'x'; }

ArrowHead head_of(int c) {
    if (c == 'o') return ArrowHead::circle;
    if (c == 'x') return ArrowHead::cross;
    return ArrowHead::arrow;
}

std::size_t count_run(const Cursor& c, char ch, std::size_t from = 0) {
    std::size_t n = 0;
    while (c.is(ch, from + n)) ++n;
    return n;
}

// The end of a solid or thick link: a run of at least two `ch`, then `ch` or an arrow head.
bool read_solid_end(Cursor& c, char ch, Link& link) {
    std::size_t n = count_run(c, ch);
    if (n < 2) return false;
    int next = c.byte(n);
    if (is_head_byte(next)) {
        link.head_end = head_of(next);
        link.length = static_cast<int>(n) - 1;
        c.advance_bytes(n + 1);
    } else if (n >= 3) {
        link.head_end = ArrowHead::none;
        link.length = static_cast<int>(n) - 2;
        c.advance_bytes(n);
    } else {
        return false;
    }
    return true;
}

// The end of a dotted link: an optional '-', dots, '-', an optional arrow head.
bool read_dotted_end(Cursor& c, Link& link) {
    std::size_t i = c.is('-') ? 1 : 0;
    std::size_t dots = count_run(c, '.', i);
    if (dots == 0 || !c.is('-', i + dots)) return false;
    std::size_t end = i + dots + 1;
    if (is_head_byte(c.byte(end))) {
        link.head_end = head_of(c.byte(end));
        ++end;
    } else {
        link.head_end = ArrowHead::none;
    }
    link.length = static_cast<int>(dots);
    c.advance_bytes(end);
    return true;
}

// Where the text of "-- text -->" (or the thick/dotted forms) ends on the current line.
std::size_t find_text_end(const Cursor& c, Stroke stroke) {
    std::string_view text = c.text();
    std::size_t end = c.line_end();
    for (std::size_t p = c.pos(); p + 1 < end; ++p) {
        if (stroke == Stroke::normal && text[p] == '-' && text[p + 1] == '-') return p;
        if (stroke == Stroke::thick && text[p] == '=' && text[p + 1] == '=') return p;
        if (stroke == Stroke::dotted && text[p] == '.') {
            std::size_t q = p;
            while (q < end && text[q] == '.') ++q;
            if (q < end && text[q] == '-') return (p > c.pos() && text[p - 1] == '-') ? p - 1 : p;
            p = q - 1;
        }
    }
    return std::string_view::npos;
}

std::string_view expected_end(Stroke stroke) {
    switch (stroke) {
    case Stroke::thick: return "'==>' or '==='";
    case Stroke::dotted: return "'.->' or '.-'";
    default: return "'-->' or '---'";
    }
}

// After the opening "--", "==" or "-.": the text, then the closing arrow.
LinkStatus read_text_link(Cursor& c, Link& link, SyntaxError& error) {
    c.skip_spaces();
    if (c.is('"')) {
        std::string_view content;
        if (!read_quoted(c, content, error)) return LinkStatus::error;
        link.label = clean_label(content, true);
        c.skip_spaces();
    } else {
        std::size_t end = find_text_end(c, link.stroke);
        if (end == std::string_view::npos) {
            c.skip_to_eol();
            error = {c.loc(), "expected " + std::string(expected_end(link.stroke)) +
                                  " to end the link text, found end of line"};
            return LinkStatus::error;
        }
        link.label = clean_label(c.text().substr(c.pos(), end - c.pos()), false);
        c.advance_to(end);
    }
    std::size_t token_begin = c.pos();
    bool ok = link.stroke == Stroke::dotted ? read_dotted_end(c, link) : read_solid_end(c, link.stroke == Stroke::thick ? '=' : '-', link);
    if (!ok) {
        error = {c.loc(), "expected " + std::string(expected_end(link.stroke)) + " to end the link text, found " +
                              c.describe()};
        return LinkStatus::error;
    }
    link.token = std::string(c.text().substr(token_begin, c.pos() - token_begin));
    return LinkStatus::ok;
}

// The arrow itself; `c` is on its first character (after any edge id).
LinkStatus read_arrow(Cursor& c, Link& link, SyntaxError& error) {
    std::size_t token_begin = c.pos();
    int b = c.byte();
    if ((b == '<' || b == 'o' || b == 'x') && (c.is('-', 1) || c.is('=', 1))) {
        link.head_start = b == '<' ? ArrowHead::arrow : head_of(b);
        c.advance();
        b = c.byte();
    }
    auto finish = [&] {
        link.token = std::string(c.text().substr(token_begin, c.pos() - token_begin));
        return LinkStatus::ok;
    };
    if (b == '~') {
        std::size_t n = count_run(c, '~');
        if (n < 3 || link.head_start != ArrowHead::none) return LinkStatus::none;
        link.stroke = Stroke::invisible;
        link.head_end = ArrowHead::none;
        link.length = static_cast<int>(n) - 2;
        c.advance_bytes(n);
        return finish();
    }
    if (b == '=') {
        link.stroke = Stroke::thick;
        if (read_solid_end(c, '=', link)) return finish();
        if (count_run(c, '=') != 2) return LinkStatus::none;
        c.advance_bytes(2);
        return read_text_link(c, link, error);
    }
    if (b != '-') return LinkStatus::none;
    if (c.is('.', 1)) {
        link.stroke = Stroke::dotted;
        if (read_dotted_end(c, link)) return finish();
        c.advance_bytes(2);
        return read_text_link(c, link, error);
    }
    if (read_solid_end(c, '-', link)) return finish();
    if (count_run(c, '-') != 2) return LinkStatus::none;
    c.advance_bytes(2);
    return read_text_link(c, link, error);
}

}  // namespace

bool read_quoted(Cursor& cursor, std::string_view& content, SyntaxError& error) {
    std::size_t open = cursor.pos();
    std::size_t close = cursor.source().find_forward("\"", open + 1);
    if (close == std::string_view::npos) {
        error = {cursor.loc(), "unterminated string: expected a closing '\"' before the end of the diagram"};
        return false;
    }
    content = cursor.text().substr(open + 1, close - open - 1);
    cursor.advance_to(close + 1);
    return true;
}

LinkStatus read_link(Cursor& cursor, Link& link, SyntaxError& error) {
    Cursor c = cursor;
    link = Link{};
    {
        Cursor t = c;
        std::string_view id = t.read_id();
        if (!id.empty() && t.is('@') && is_link_start_byte(t.byte(1))) {
            link.edge_id = std::string(id);
            t.advance();
            c = t;
        }
    }
    link.loc = c.loc();
    LinkStatus status = read_arrow(c, link, error);
    if (status == LinkStatus::error) cursor = c;
    if (status != LinkStatus::ok) return status;

    Cursor t = c;
    t.skip_spaces();
    if (t.is('|')) {
        t.advance();
        t.skip_spaces();
        if (t.is('"')) {
            std::string_view content;
            bool quoted_ok = read_quoted(t, content, error);
            if (quoted_ok) {
                link.label = clean_label(content, true);
                t.skip_spaces();
                if (!t.is('|')) error = {t.loc(), "expected '|' to close the link text, found " + t.describe()};
            }
            if (!quoted_ok || !t.is('|')) {
                cursor = t;
                return LinkStatus::error;
            }
            t.advance();
        } else {
            std::string_view line = t.text().substr(t.pos(), t.line_end() - t.pos());
            std::size_t bar = line.find('|');
            if (bar == std::string_view::npos) {
                t.skip_to_eol();
                cursor = t;
                error = {t.loc(), "expected '|' to close the link text, found end of line"};
                return LinkStatus::error;
            }
            link.label = clean_label(line.substr(0, bar), false);
            t.advance_to(t.pos() + bar + 1);
        }
        c = t;
    }
    cursor = c;
    return LinkStatus::ok;
}

}  // namespace convgraph::mermaid_detail
