// Unicode: UTF-8 validation and decoding, display width, and byte/column conversion.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace convgraph {

// Where the first invalid UTF-8 sequence starts, or nullopt when `text` is valid UTF-8.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

// The length (1–4) of the valid UTF-8 sequence at `pos` (pos < text.size()), or 0 when the bytes
// there are not one: the strict rules of utf8proc_iterate (no overlong forms, no surrogates,
// nothing above U+10FFFF). Inline: it runs for every character the graph file writes.
inline std::size_t utf8_sequence_length(std::string_view text, std::size_t pos) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data()) + pos;
    const std::size_t left = text.size() - pos;
    const unsigned char c = s[0];
    auto cont = [](unsigned char b) { return (b & 0xC0) == 0x80; };
    if (c < 0x80) return 1;
    if (c < 0xC2 || c > 0xF4) return 0;
    if (c < 0xE0) return left >= 2 && cont(s[1]) ? 2 : 0;
    if (c < 0xF0) {
        if (left < 3 || !cont(s[1]) || !cont(s[2])) return 0;
        if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] > 0x9F)) return 0;  // overlong, surrogate
        return 3;
    }
    if (left < 4 || !cont(s[1]) || !cont(s[2]) || !cont(s[3])) return 0;
    if ((c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] > 0x8F)) return 0;  // overlong, past U+10FFFF
    return 4;
}

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

// An ASCII control character: C0 (tab, newline and carriage return included) or DEL.
inline bool is_ascii_control(char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
}

// A CJK Unified Ideograph of the main block (U+4E00–U+9FFF) or extension A (U+3400–U+4DBF):
// a letter without case that no normalisation changes (the tests check each one with utf8proc).
constexpr bool is_cjk_ideograph(char32_t cp) { return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF); }

// Removes characters that XML 1.0 forbids (see is_xml_invalid); tabs and newlines are kept.
std::string strip_xml_invalid(std::string_view text);

}  // namespace convgraph
