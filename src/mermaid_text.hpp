// Mermaid text helpers: UTF-8 decoding, character classes for ids, and label clean-up.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace convgraph::mermaid_detail {

// One decoded code point. Invalid or truncated sequences decode as U+FFFD with length 1 and
// valid == false, so every byte of any input is covered by exactly one CodePoint.
struct CodePoint {
    char32_t value = 0;
    std::size_t length = 1;
    bool valid = true;
};

CodePoint decode_utf8(std::string_view text, std::size_t pos);
void append_utf8(std::string& out, char32_t cp);

// Horizontal white space: space, tab, CR and the Unicode space separators (e.g. U+3000).
bool is_space_cp(char32_t cp);
// May appear anywhere in a node id: ASCII letters, digits and '_', and any non-ASCII letter,
// mark, number or symbol (CJK text, emoji, U+FFFD for undecodable bytes).
bool is_id_cp(char32_t cp);

// Replaces invalid UTF-8 and control characters (other than tab, CR, LF) with U+FFFD.
std::string sanitize_utf8(std::string_view text);

// Label text as written between the delimiters of a node, link or subgraph title (without the
// double quotes when it was quoted) -> display text: Markdown strings ("`…`") lose the backticks
// and emphasis markers, <br> becomes a space, #name; / #123; entity codes are decoded, invalid
// bytes are replaced, runs of white space collapse to one space and the ends are trimmed.
std::string clean_label(std::string_view content, bool quoted);

// `raw` is a whole label that may itself be a quoted string ("…"); unquotes it and cleans it.
std::string clean_label_maybe_quoted(std::string_view raw);

std::string_view trim(std::string_view s);

}  // namespace convgraph::mermaid_detail
