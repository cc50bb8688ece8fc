// Mermaid cursor: a position in a block's text that tracks the Markdown line and code-point column.
#include "mermaid_cursor.hpp"

#include "mermaid_text.hpp"

#include <cstdio>

namespace convgraph::mermaid_detail {

Source::Source(std::string_view text, const SourceLoc& origin) : m_text(text), m_origin(origin) {
    if (m_origin.line < 1) m_origin.line = 1;
    if (m_origin.column < 1) m_origin.column = 1;
}

std::size_t Source::find_forward(std::string_view needle, std::size_t from) {
    std::size_t slot = m_failed_count;
    for (std::size_t i = 0; i < m_failed_count; ++i) {
        if (m_failed_needles[i] == needle) {
            if (from >= m_failed_from[i]) return std::string_view::npos;
            slot = i;
        }
    }
    std::size_t found = m_text.find(needle, from);
    if (found == std::string_view::npos && slot < 4) {
        m_failed_needles[slot] = std::string(needle);
        m_failed_from[slot] = from;
        if (slot == m_failed_count) ++m_failed_count;
    }
    return found;
}

int Cursor::byte(std::size_t ahead) const {
    std::size_t p = m_pos + ahead;
    if (p >= text().size()) return -1;
    return static_cast<unsigned char>(text()[p]);
}

char32_t Cursor::code_point() const {
    if (at_end()) return 0;
    return decode_utf8(text(), m_pos).value;
}

std::size_t Cursor::line_end() const {
    // Cached: many constructs look at the rest of the line, and lines can be very long.
    if (m_line_end == std::string_view::npos || m_pos > m_line_end) {
        std::size_t end = text().find('\n', m_pos);
        m_line_end = end == std::string_view::npos ? text().size() : end;
    }
    return m_line_end;
}

void Cursor::advance() {
    if (at_end()) return;
    if (text()[m_pos] == '\n') {
        ++m_line;
        m_column = 0;
        ++m_pos;
        return;
    }
    m_pos += decode_utf8(text(), m_pos).length;
    ++m_column;
}

void Cursor::advance_to(std::size_t target) {
    if (target > text().size()) target = text().size();
    while (m_pos < target) advance();
}

void Cursor::skip_spaces() {
    while (!at_end()) {
        int b = byte();
        if (b == ' ' || b == '\t' || b == '\r') {
            advance();
        } else if (b >= 0x80 && is_space_cp(code_point())) {
            advance();
        } else {
            break;
        }
    }
}

SourceLoc Cursor::loc() const {
    const SourceLoc& origin = m_source->origin();
    return SourceLoc{origin.path, origin.line + m_line, origin.column + m_column};
}

std::string_view Cursor::peek_id() const {
    Cursor copy = *this;
    return copy.read_id();
}

std::string_view Cursor::read_id() {
    std::size_t begin = m_pos;
    while (!at_end()) {
        int b = byte();
        if (b == '-' || b == '.') {
            if (m_pos == begin) break;
            int next = byte(1);
            if (next < 0) break;
            bool next_is_id = next >= 0x80 ? is_id_cp(decode_utf8(text(), m_pos + 1).value)
                                           : is_id_cp(static_cast<char32_t>(next));
            if (!next_is_id) break;
            advance();
            continue;
        }
        if (!is_id_cp(code_point())) break;
        advance();
    }
    return text().substr(begin, m_pos - begin);
}

std::string Cursor::describe() const {
    if (at_eol()) return "end of line";
    CodePoint cp = decode_utf8(text(), m_pos);
    char buffer[32];
    if (!cp.valid) {
        std::snprintf(buffer, sizeof buffer, "invalid UTF-8 byte 0x%02X", static_cast<unsigned>(byte()));
        return buffer;
    }
    if (cp.value < 0x20 || cp.value == 0x7F) {
        std::snprintf(buffer, sizeof buffer, "control character U+%04X", static_cast<unsigned>(cp.value));
        return buffer;
    }
    if (is_id_cp(cp.value)) {
        std::string_view id = peek_id();
        std::string shown;
        std::size_t count = 0;
        for (std::size_t i = 0; i < id.size() && count < 30; ++count) {
            std::size_t n = decode_utf8(id, i).length;
            shown.append(id.substr(i, n));
            i += n;
        }
        return "'" + shown + "'";
    }
    if (cp.value < 0x80) {
        // A short run of punctuation, e.g. '-->' or ']]'.
        std::string run;
        for (std::size_t i = 0; run.size() < 6; ++i) {
            int b = byte(i);
            bool punct = b > 0x20 && b < 0x7F && !is_id_cp(static_cast<char32_t>(b)) && b != '"' && b != ';';
            if (!punct || (i > 0 && b == '%' && byte(i + 1) == '%')) break;
            run += static_cast<char>(b);
        }
        if (run.empty()) run += static_cast<char>(byte());
        return "'" + run + "'";
    }
    return "'" + std::string(text().substr(m_pos, cp.length)) + "'";
}

bool is_link_start_byte(int c) {
    return c == '-' || c == '=' || c == '~' || c == '<' || c == 'o' || c == 'x' || c == '.';
}

}  // namespace convgraph::mermaid_detail
