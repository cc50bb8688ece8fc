// Unicode: UTF-8 validation and decoding, display width, and byte/column conversion.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace convgraph {

// Where the first invalid UTF-8 sequence starts, or nullopt when `text` is valid UTF-8.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

// `text` with every invalid UTF-8 sequence replaced by U+FFFD.
std::string repair_utf8(std::string_view text);

namespace detail {
// next_code_point for a byte of 0x80 and up at `pos`.
char32_t next_code_point_multibyte(std::string_view text, std::size_t& pos);
}  // namespace detail

// Decodes one code point at `pos` and advances `pos`; invalid bytes decode as U+FFFD (one byte).
// Inline for ASCII: it runs for nearly every character of every note.
inline char32_t next_code_point(std::string_view text, std::size_t& pos) {
    auto c = static_cast<unsigned char>(text[pos]);
    if (c < 0x80) {
        ++pos;
        return c;
    }
    return detail::next_code_point_multibyte(text, pos);
}

void append_utf8(std::string& out, char32_t cp);

// Number of code points in `text` (invalid bytes count one each).
std::size_t code_point_count(std::string_view text);

// 1-based column in code points of the 1-based byte column `byte_column` within `line`.
int byte_to_column(std::string_view line, int byte_column);

// Terminal display width: East Asian wide and fullwidth characters count 2, marks 0.
std::size_t display_width(std::string_view text);

// Code-point prefix of `text` no wider than `width` columns.
std::string truncate_to_width(std::string_view text, std::size_t width);

// Levenshtein distance counted in code points.
std::size_t edit_distance(std::string_view a, std::string_view b);

// edit_distance(a, b) when it is at most `limit`, otherwise some value greater than `limit`.
// Costs O(limit × length) instead of O(length²): for "did you mean" searches over many names.
std::size_t edit_distance_within(std::string_view a, std::string_view b, std::size_t limit);

// True for U+0000-U+0008, U+000B, U+000C, U+000E-U+001F, U+FFFE, U+FFFF (invalid in XML 1.0).
bool is_xml_invalid(char32_t cp);

// Removes characters that XML 1.0 forbids (see is_xml_invalid); tabs and newlines are kept.
std::string strip_xml_invalid(std::string_view text);

}  // namespace convgraph
