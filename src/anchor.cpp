// Anchor: GitHub heading slugs over utf8proc's Unicode categories.
#include "convgraph/anchor.hpp"

#include "convgraph/unicode.hpp"

#include <utf8proc.h>

namespace convgraph {

namespace {

// Symbols that Unicode counts as Alphabetic (circled and squared Latin letters): kept.
bool is_alphabetic_symbol(char32_t cp) {
    return (cp >= 0x24B6 && cp <= 0x24E9) || (cp >= 0x1F130 && cp <= 0x1F149) ||
           (cp >= 0x1F150 && cp <= 0x1F169) || (cp >= 0x1F170 && cp <= 0x1F189);
}

bool is_stripped(char32_t cp) {
    if (cp == ' ' || cp == '-') return false;
    if (is_alphabetic_symbol(cp)) return false;
    switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_NO:
    case UTF8PROC_CATEGORY_PD:
    case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE:
    case UTF8PROC_CATEGORY_PI:
    case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO:
    case UTF8PROC_CATEGORY_SM:
    case UTF8PROC_CATEGORY_SC:
    case UTF8PROC_CATEGORY_SK:
    case UTF8PROC_CATEGORY_SO:
    case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CF:
    case UTF8PROC_CATEGORY_CO:
    case UTF8PROC_CATEGORY_CN:
    case UTF8PROC_CATEGORY_CS:
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP: return true;
    default: return false;
    }
}

bool is_letter(char32_t cp) {
    auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

std::string github_slug(std::string_view heading_text) {
    std::u32string cps;
    cps.reserve(heading_text.size());
    for (std::size_t pos = 0; pos < heading_text.size();) cps.push_back(next_code_point(heading_text, pos));
    std::string out;
    out.reserve(heading_text.size());
    for (std::size_t i = 0; i < cps.size(); ++i) {
        char32_t cp = cps[i];
        if (cp == 0x0130) {  // İ lower-cases to i + combining dot above (JavaScript's toLowerCase)
            out += "i\xCC\x87";
            continue;
        }
        if (cp == 0x03A3) {  // final sigma: after a letter and not before one
            bool after_letter = i > 0 && is_letter(cps[i - 1]);
            bool before_letter = i + 1 < cps.size() && is_letter(cps[i + 1]);
            append_utf8(out, after_letter && !before_letter ? U'\u03C2' : U'\u03C3');
            continue;
        }
        if (is_cjk_ideograph(cp)) {  // a letter without case: kept as it is
            append_utf8(out, cp);
            continue;
        }
        char32_t lower = 0;
        if (cp < 0x80) {  // most headings are largely ASCII: no need to ask utf8proc
            lower = cp >= 'A' && cp <= 'Z' ? cp - 'A' + 'a' : cp;
            bool kept = (lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9') || lower == '_' ||
                        lower == ' ' || lower == '-';
            if (!kept) continue;
        } else {
            lower = static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp)));
            if (is_stripped(lower)) continue;
        }
        if (lower == ' ')
            out += '-';
        else
            append_utf8(out, lower);
    }
    return out;
}

std::string Slugger::slug(std::string_view heading_text) {
    std::string base = github_slug(heading_text);
    std::string result = base;
    while (m_occurrences.count(result)) {
        int n = ++m_occurrences[base];
        result = base + "-" + std::to_string(n);
    }
    m_occurrences[result] = 0;
    return result;
}

std::string percent_decode(std::string_view text) {
    if (text.find('%') == std::string_view::npos) return std::string(text);
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size()) {
            int hi = hex_value(text[i + 1]);
            int lo = hex_value(text[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out += static_cast<char>(hi * 16 + lo);
                i += 2;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

}  // namespace convgraph
