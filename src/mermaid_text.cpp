// Mermaid text helpers: UTF-8 decoding, character classes for ids, and label clean-up.
#include "mermaid_text.hpp"

#include <utf8proc.h>

#include <array>
#include <utility>

namespace convgraph::mermaid_detail {

namespace {

constexpr char32_t replacement_char = 0xFFFD;

bool is_ascii_alnum(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// HTML character names Mermaid users write as #name; (a practical subset of the HTML list).
constexpr std::array<std::pair<std::string_view, char32_t>, 48> named_entities{{
    {"quot", 0x22},    {"amp", 0x26},     {"lt", 0x3C},      {"gt", 0x3E},      {"apos", 0x27},
    {"nbsp", 0xA0},    {"copy", 0xA9},    {"reg", 0xAE},     {"trade", 0x2122}, {"hellip", 0x2026},
    {"mdash", 0x2014}, {"ndash", 0x2013}, {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"ldquo", 0x201C},
    {"rdquo", 0x201D}, {"laquo", 0xAB},   {"raquo", 0xBB},   {"hearts", 0x2665}, {"deg", 0xB0},
    {"plusmn", 0xB1},  {"times", 0xD7},   {"divide", 0xF7},  {"middot", 0xB7},  {"bull", 0x2022},
    {"euro", 0x20AC},  {"pound", 0xA3},   {"yen", 0xA5},     {"cent", 0xA2},    {"sect", 0xA7},
    {"para", 0xB6},    {"larr", 0x2190},  {"rarr", 0x2192},  {"uarr", 0x2191},  {"darr", 0x2193},
    {"harr", 0x2194},  {"rArr", 0x21D2},  {"lArr", 0x21D0},  {"hArr", 0x21D4},  {"le", 0x2264},
    {"ge", 0x2265},    {"ne", 0x2260},    {"infin", 0x221E}, {"check", 0x2713}, {"num", 0x23},
    {"semi", 0x3B},    {"colon", 0x3A},   {"vert", 0x7C},
}};

// "#35;" / "#quot;" at text[pos] -> decoded code point and the length of the code.
bool decode_entity(std::string_view text, std::size_t pos, char32_t& cp, std::size_t& length) {
    std::size_t end = pos + 1;
    while (end < text.size() && end - pos <= 12 && is_ascii_alnum(static_cast<unsigned char>(text[end]))) ++end;
    if (end == pos + 1 || end >= text.size() || text[end] != ';') return false;
    std::string_view name = text.substr(pos + 1, end - pos - 1);
    bool numeric = true;
    for (char c : name) numeric = numeric && c >= '0' && c <= '9';
    if (numeric) {
        if (name.size() > 7) return false;
        unsigned long value = std::stoul(std::string(name));
        if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return false;
        cp = static_cast<char32_t>(value);
    } else {
        bool found = false;
        for (const auto& [entity, value] : named_entities) {
            if (entity == name) {
                cp = value;
                found = true;
                break;
            }
        }
        if (!found) return false;
    }
    length = end - pos + 1;
    return true;
}

std::string decode_entities(std::string_view text) {
    if (text.find('#') == std::string_view::npos) return std::string(text);
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        char32_t cp = 0;
        std::size_t length = 0;
        if (text[i] == '#' && decode_entity(text, i, cp, length)) {
            append_utf8(out, cp);
            i += length;
        } else {
            out += text[i++];
        }
    }
    return out;
}

bool ieq_ascii(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i];
        char y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

// <br>, <br/>, <br /> (any case) -> " ".
std::string replace_line_breaks(std::string_view text) {
    if (text.find('<') == std::string_view::npos) return std::string(text);
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] == '<' && text.size() - i >= 3 && ieq_ascii(text.substr(i + 1, 2), "br")) {
            std::size_t j = i + 3;
            while (j < text.size() && text[j] == ' ') ++j;
            if (j < text.size() && text[j] == '/') ++j;
            if (j < text.size() && text[j] == '>') {
                out += ' ';
                i = j + 1;
                continue;
            }
        }
        out += text[i++];
    }
    return out;
}

bool is_word_byte(std::string_view text, std::size_t pos) {
    if (pos >= text.size()) return false;
    auto c = static_cast<unsigned char>(text[pos]);
    return is_ascii_alnum(c) || c >= 0x80;
}

// Removes Markdown emphasis delimiters (runs of '*' or '_') the way a reader would not see them:
// a '*' run goes unless it stands alone between spaces, a '_' run goes unless it is inside a word.
std::string strip_emphasis(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        char c = text[i];
        if (c != '*' && c != '_') {
            out += text[i++];
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && text[end] == c) ++end;
        bool space_before = i == 0 || is_ascii_space(text[i - 1]);
        bool space_after = end >= text.size() || is_ascii_space(text[end]);
        bool keep = space_before && space_after;
        if (c == '_' && i > 0 && is_word_byte(text, i - 1) && is_word_byte(text, end)) keep = true;
        if (keep) out.append(text.substr(i, end - i));
        i = end;
    }
    return out;
}

std::string collapse_spaces(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool pending_space = false;
    for (std::size_t i = 0; i < text.size();) {
        if (is_ascii_space(text[i])) {
            pending_space = !out.empty();
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && !is_ascii_space(text[end])) ++end;
        if (pending_space) out += ' ';
        pending_space = false;
        out.append(text, i, end - i);
        i = end;
    }
    return out;
}

}  // namespace

CodePoint decode_utf8(std::string_view text, std::size_t pos) {
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    unsigned char b0 = byte(pos);
    if (b0 < 0x80) return {b0, 1, true};
    std::size_t length = 0;
    char32_t cp = 0;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        length = 2;
        cp = b0 & 0x1Fu;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        length = 3;
        cp = b0 & 0x0Fu;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        length = 4;
        cp = b0 & 0x07u;
    } else {
        return {replacement_char, 1, false};
    }
    if (pos + length > text.size()) return {replacement_char, 1, false};
    for (std::size_t i = 1; i < length; ++i) {
        unsigned char b = byte(pos + i);
        if ((b & 0xC0u) != 0x80u) return {replacement_char, 1, false};
        cp = (cp << 6) | (b & 0x3Fu);
    }
    bool overlong = (length == 3 && cp < 0x800) || (length == 4 && cp < 0x10000);
    if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {replacement_char, 1, false};
    return {cp, length, true};
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

bool is_space_cp(char32_t cp) {
    if (cp == ' ' || cp == '\t' || cp == '\r') return true;
    if (cp < 0x80) return false;
    return utf8proc_category(static_cast<utf8proc_int32_t>(cp)) == UTF8PROC_CATEGORY_ZS;
}

bool is_id_cp(char32_t cp) {
    if (cp < 0x80) return is_ascii_alnum(static_cast<unsigned char>(cp)) || cp == '_';
    switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO: case UTF8PROC_CATEGORY_SM:
    case UTF8PROC_CATEGORY_SC: case UTF8PROC_CATEGORY_SK: case UTF8PROC_CATEGORY_SO:
    case UTF8PROC_CATEGORY_CO:  // private use (icon fonts)
        return true;
    default:
        return cp == 0x200D;  // zero-width joiner inside emoji sequences
    }
}

std::string sanitize_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t kept = 0;  // start of the bytes not yet copied, all of them fine
    for (std::size_t i = 0; i < text.size();) {
        CodePoint cp = decode_utf8(text, i);
        bool control = cp.value < 0x20 && cp.value != '\t' && cp.value != '\n' && cp.value != '\r';
        if (!cp.valid || control || cp.value == 0x7F) {
            out.append(text, kept, i - kept);
            append_utf8(out, replacement_char);
            kept = i + cp.length;
        }
        i += cp.length;
    }
    out.append(text, kept, text.size() - kept);
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_ascii_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_ascii_space(s.back())) s.remove_suffix(1);
    return s;
}

std::string clean_label(std::string_view content, bool quoted) {
    std::string text(content);
    std::string_view t = trim(text);
    if (quoted && t.size() >= 2 && t.front() == '`' && t.back() == '`') {
        text = strip_emphasis(t.substr(1, t.size() - 2));
    }
    text = replace_line_breaks(text);
    text = decode_entities(text);
    return collapse_spaces(sanitize_utf8(text));
}

std::string clean_label_maybe_quoted(std::string_view raw) {
    std::string_view t = trim(raw);
    if (t.size() >= 2 && t.front() == '"' && t.back() == '"') return clean_label(t.substr(1, t.size() - 2), true);
    return clean_label(t, false);
}

}  // namespace convgraph::mermaid_detail
