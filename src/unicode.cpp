// Unicode helpers over utf8proc: validation, widths, distances.
#include "convgraph/unicode.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <string>
#include <vector>

namespace convgraph {

namespace {

// Decodes the sequence at `pos` (validated by utf8_sequence_length: the strict rules of
// utf8proc_iterate). Returns its length, or 0 when the bytes there are invalid.
inline std::size_t decode_sequence(std::string_view text, std::size_t pos, char32_t& cp) {
    const std::size_t n = utf8_sequence_length(text, pos);
    const auto* s = reinterpret_cast<const unsigned char*>(text.data()) + pos;
    switch (n) {
    case 1: cp = s[0]; break;
    case 2: cp = (static_cast<char32_t>(s[0] & 0x1F) << 6) | (s[1] & 0x3F); break;
    case 3:
        cp = (static_cast<char32_t>(s[0] & 0x0F) << 12) | (static_cast<char32_t>(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
        break;
    case 4:
        cp = (static_cast<char32_t>(s[0] & 0x07) << 18) | (static_cast<char32_t>(s[1] & 0x3F) << 12) |
             (static_cast<char32_t>(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
        break;
    default: break;
    }
    return n;
}

}  // namespace

std::optional<std::size_t> find_invalid_utf8(std::string_view text) {
    for (std::size_t pos = 0; pos < text.size();) {
        const std::size_t n = utf8_sequence_length(text, pos);
        if (n == 0) return pos;
        pos += n;
    }
    return std::nullopt;
}

char32_t detail::next_code_point_multibyte(std::string_view text, std::size_t& pos) {
    char32_t cp = 0;
    std::size_t n = decode_sequence(text, pos, cp);
    if (n == 0) {
        ++pos;
        return 0xFFFD;
    }
    pos += n;
    return cp;
}

void append_utf8(std::string& out, char32_t cp) {
    // As utf8proc_encode_char: surrogates are encoded, nothing past U+10FFFF is.
    char buf[4];
    std::size_t n = 0;
    if (cp < 0x80) {
        buf[n++] = static_cast<char>(cp);
    } else if (cp < 0x800) {
        buf[n++] = static_cast<char>(0xC0 | (cp >> 6));
        buf[n++] = static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        buf[n++] = static_cast<char>(0xE0 | (cp >> 12));
        buf[n++] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        buf[n++] = static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x110000) {
        buf[n++] = static_cast<char>(0xF0 | (cp >> 18));
        buf[n++] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        buf[n++] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        buf[n++] = static_cast<char>(0x80 | (cp & 0x3F));
    }
    out.append(buf, n);
}

std::string repair_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t start = pos;
        char32_t cp = next_code_point(text, pos);
        if (cp == 0xFFFD && pos - start == 1 && static_cast<unsigned char>(text[start]) >= 0x80)
            append_utf8(out, 0xFFFD);
        else
            out.append(text.substr(start, pos - start));
    }
    return out;
}

std::size_t code_point_count(std::string_view text) {
    std::size_t n = 0;
    for (std::size_t pos = 0; pos < text.size();) {
        next_code_point(text, pos);
        ++n;
    }
    return n;
}

int byte_to_column(std::string_view line, int byte_column) {
    if (byte_column <= 1) return byte_column;
    auto limit = std::min(static_cast<std::size_t>(byte_column - 1), line.size());
    int column = 1;
    for (std::size_t pos = 0; pos < limit;) {
        next_code_point(line, pos);
        ++column;
    }
    if (static_cast<std::size_t>(byte_column - 1) > line.size())
        column += static_cast<int>(static_cast<std::size_t>(byte_column - 1) - line.size());
    return column;
}

std::size_t display_width(std::string_view text) {
    std::size_t width = 0;
    for (std::size_t pos = 0; pos < text.size();) {
        char32_t cp = next_code_point(text, pos);
        int w = utf8proc_charwidth(static_cast<utf8proc_int32_t>(cp));
        width += w > 0 ? static_cast<std::size_t>(w) : 0;
    }
    return width;
}

std::string truncate_to_width(std::string_view text, std::size_t width) {
    std::size_t used = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t start = pos;
        char32_t cp = next_code_point(text, pos);
        int w = utf8proc_charwidth(static_cast<utf8proc_int32_t>(cp));
        std::size_t cw = w > 0 ? static_cast<std::size_t>(w) : 0;
        if (used + cw > width) return std::string(text.substr(0, start));
        used += cw;
    }
    return std::string(text);
}

namespace {

std::u32string code_points(std::string_view s) {
    std::u32string out;
    out.reserve(s.size());
    for (std::size_t p = 0; p < s.size();) out.push_back(next_code_point(s, p));
    return out;
}

// Levenshtein distance restricted to the diagonal band |i - j| <= limit (Ukkonen): cells
// outside the band are at least limit + 1, so they are held at that value.
std::size_t banded_distance(const std::u32string& x, const std::u32string& y, std::size_t limit) {
    const std::size_t n = x.size(), m = y.size();
    const std::size_t over = limit + 1;
    if ((n > m ? n - m : m - n) > limit) return over;
    std::vector<std::size_t> prev(m + 1, over), cur(m + 1, over);
    for (std::size_t j = 0; j <= std::min(m, limit); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= n; ++i) {
        std::size_t lo = i > limit ? i - limit : 0;
        std::size_t hi = std::min(m, i + limit);
        std::fill(cur.begin(), cur.end(), over);
        if (lo == 0) cur[0] = i;
        std::size_t row_min = lo == 0 ? cur[0] : over;
        for (std::size_t j = std::max<std::size_t>(lo, 1); j <= hi; ++j) {
            std::size_t cost = x[i - 1] == y[j - 1] ? 0 : 1;
            std::size_t v = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
            cur[j] = std::min(v, over);
            row_min = std::min(row_min, cur[j]);
        }
        if (row_min > limit) return over;
        std::swap(prev, cur);
    }
    return std::min(prev[m], over);
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::u32string x = code_points(a), y = code_points(b);
    return banded_distance(x, y, std::max(x.size(), y.size()));
}

std::size_t edit_distance_within(std::string_view a, std::string_view b, std::size_t limit) {
    return banded_distance(code_points(a), code_points(b), limit);
}

bool is_xml_invalid(char32_t cp) {
    return (cp < 0x20 && cp != 0x09 && cp != 0x0A && cp != 0x0D) || cp == 0xFFFE || cp == 0xFFFF ||
           (cp >= 0xD800 && cp <= 0xDFFF);
}

std::string strip_xml_invalid(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t pos = 0; pos < text.size();) {
        std::size_t start = pos;
        char32_t cp = next_code_point(text, pos);
        if (!is_xml_invalid(cp)) out.append(text.substr(start, pos - start));
    }
    return out;
}

}  // namespace convgraph
