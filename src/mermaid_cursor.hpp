// Mermaid cursor: a position in a block's text that tracks the Markdown line and code-point column.
#pragma once

#include "convgraph/source_loc.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace convgraph::mermaid_detail {

// The text of one block and where it sits in the note. Also remembers where searches for a
// closing delimiter already failed, so that repeated unterminated constructs stay linear.
class Source {
public:
    Source(std::string_view text, const SourceLoc& origin);

    std::string_view text() const { return m_text; }
    const SourceLoc& origin() const { return m_origin; }

    // Position of the first `needle` at or after `from` (npos when there is none); answers
    // npos at once when an earlier search from a position <= `from` found nothing.
    std::size_t find_forward(std::string_view needle, std::size_t from);

private:
    std::string_view m_text;
    SourceLoc m_origin;
    std::string m_failed_needles[4];
    std::size_t m_failed_from[4] = {0, 0, 0, 0};
    std::size_t m_failed_count = 0;
};

class Cursor {
public:
    explicit Cursor(Source& source) : m_source(&source) {}

    Source& source() const { return *m_source; }
    std::string_view text() const { return m_source->text(); }
    std::size_t pos() const { return m_pos; }
    bool at_end() const { return m_pos >= text().size(); }
    bool at_eol() const { return at_end() || text()[m_pos] == '\n'; }
    // The byte `ahead` bytes further, or -1 past the end.
    int byte(std::size_t ahead = 0) const;
    bool is(char c, std::size_t ahead = 0) const { return byte(ahead) == static_cast<unsigned char>(c); }
    char32_t code_point() const;
    bool starts_with(std::string_view s) const { return text().substr(m_pos).starts_with(s); }
    // Position of the next '\n' (or the end of the text).
    std::size_t line_end() const;

    void advance();                      // one code point (or one invalid byte)
    void advance_to(std::size_t target);  // code point by code point up to `target`
    void advance_bytes(std::size_t n) { advance_to(m_pos + n); }
    void skip_spaces();                  // horizontal white space only
    void skip_to_eol() { advance_to(line_end()); }

    // Where the cursor is, in the note: origin line + line, origin column + code points.
    SourceLoc loc() const;

    // Reads an id: id code points, plus '-' and '.' when followed by another id code point.
    std::string_view read_id();
    std::string_view peek_id() const;

    // A short description of what is at the cursor, for "found …" in messages.
    std::string describe() const;

private:
    Source* m_source;
    std::size_t m_pos = 0;
    int m_line = 0;
    int m_column = 0;
    mutable std::size_t m_line_end = std::string_view::npos;  // end of the current line, once known
};

// True when the ASCII byte `c` may start a link (after an optional edge id and '@').
bool is_link_start_byte(int c);

}  // namespace convgraph::mermaid_detail
