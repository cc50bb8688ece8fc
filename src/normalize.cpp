// Concept-name normalisation over utf8proc (NFKC + case folding).
#include "convgraph/normalize.hpp"

#include "convgraph/unicode.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <memory>

namespace convgraph {

namespace {

bool is_space(char32_t cp) {
    if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v') return true;
    if (cp < 0x80) return false;
    // The Unicode categories Zs, Zl and Zp, written out: asking utf8proc for the category of
    // every character was a good part of the per-note time (tests/normalize_test.cpp checks
    // this list against utf8proc_category for every code point).
    return cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
           cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

// True when NFKC with case folding leaves every code point of `text` alone except A-Z, which
// become a-z, and nothing in it composes with a neighbour: ASCII, common CJK and general
// punctuation, CJK Unified Ideographs (the main block and extension A). Most names are made
// of these alone, and for them normalize_name can skip utf8proc_map, which allocates and
// decomposes (tests/normalize_test.cpp checks the claim for every code point of these ranges).
bool folds_to_ascii_lower(std::string_view text) {
    for (std::size_t pos = 0; pos < text.size();) {
        char32_t cp = next_code_point(text, pos);
        bool trivial = cp < 0x80 || is_cjk_ideograph(cp) || (cp >= 0x3001 && cp <= 0x3029) ||
                       (cp >= 0x2013 && cp <= 0x2014) || (cp >= 0x2018 && cp <= 0x2023);
        if (!trivial) return false;
    }
    return true;
}

// Lead bytes of the UTF-8 forms of the non-ASCII white space (U+00A0, U+1680, U+2000-U+205F,
// U+3000): other bytes of 0x80 and up are never part of white space.
constexpr bool may_start_space(unsigned char c) { return c == 0xC2 || c == 0xE1 || c == 0xE2 || c == 0xE3; }

// Per byte: true when strip_marks copies it without a second look (not a mark, not white space,
// not the lead byte of non-ASCII white space).
constexpr std::array<bool, 256> k_plain_bytes = [] {
    std::array<bool, 256> plain{};
    for (int c = 0; c < 256; ++c) {
        auto b = static_cast<unsigned char>(c);
        plain[b] = b >= 0x80 ? !may_start_space(b)
                             : b != '*' && b != '`' && b != '_' && b != '~' && b != ' ' && (b < '\t' || b > '\r');
    }
    return plain;
}();

// Emphasis and code marks dropped, whitespace collapsed and trimmed. Works on bytes and copies
// runs of plain bytes at once; only possible white space is decoded.
std::string strip_marks(std::string_view name) {
    std::string out;
    out.reserve(name.size());
    bool pending_space = false;
    for (std::size_t pos = 0; pos < name.size();) {
        const std::size_t start = pos;
        const auto c = static_cast<unsigned char>(name[pos]);
        if (c == '*' || c == '`') {
            ++pos;
            continue;
        }
        if (c == '_' && (start == 0 || start + 1 == name.size() || name[start - 1] == '_' || name[start + 1] == '_')) {
            ++pos;
            continue;  // __bold__ / _em_ at the ends; keeps snake_case
        }
        if (c == '~' && start + 1 < name.size() && name[start + 1] == '~') {
            pos += 2;
            continue;
        }
        bool space = false;
        if (may_start_space(c)) {
            space = is_space(next_code_point(name, pos));
        } else {
            space = c < 0x80 && is_space(c);
            ++pos;
        }
        if (space) {
            pending_space = !out.empty();
            continue;
        }
        while (pos < name.size() && k_plain_bytes[static_cast<unsigned char>(name[pos])]) ++pos;
        if (pending_space) out += ' ';
        pending_space = false;
        out.append(name, start, pos - start);
    }
    return out;
}

}  // namespace

std::string_view trim(std::string_view text) {
    // White space at `pos`, advancing `pos` past it; only possible white space is decoded.
    auto space_at = [&](std::size_t& pos) {
        auto c = static_cast<unsigned char>(text[pos]);
        if (c >= 0x80 && !may_start_space(c)) return false;
        return is_space(next_code_point(text, pos));
    };
    std::size_t begin = 0;
    while (begin < text.size()) {
        std::size_t pos = begin;
        if (!space_at(pos)) break;
        begin = pos;
    }
    std::size_t end = text.size();
    while (end > begin) {
        std::size_t start = end - 1;
        while (start > begin && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
        std::size_t pos = start;
        if (!space_at(pos)) break;
        end = start;
    }
    return text.substr(begin, end - begin);
}

std::string clean_label(std::string_view name) { return strip_marks(name); }

std::string normalize_name(std::string_view name) {
    std::string stripped = strip_marks(name);
    if (stripped.empty()) return stripped;
    if (folds_to_ascii_lower(stripped)) {
        for (char& c : stripped)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        // As below, the result of the mapping is stripped again. Lower-casing makes no marks and
        // no white space, and the first pass left neither '*', '`' nor white space to change, so
        // the second pass can only drop a '_' or '~' that a removed mark had kept ("_ _a").
        if (std::none_of(stripped.begin(), stripped.end(), [](char c) { return c == '_' || c == '~'; })) return stripped;
        return strip_marks(stripped);
    }
    std::string valid = repair_utf8(stripped);
    utf8proc_uint8_t* mapped = nullptr;
    auto options = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                                                  UTF8PROC_CASEFOLD);
    auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(valid.data()),
                          static_cast<utf8proc_ssize_t>(valid.size()), &mapped, options);
    if (n < 0) return valid;
    std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> holder(mapped, &std::free);
    // NFKC may turn U+3000 and friends into plain spaces: collapse once more.
    return strip_marks(std::string_view(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(n)));
}

std::vector<std::string> split_phrases(std::string_view text, const std::vector<std::string>& delimiters) {
    std::vector<std::string> out;
    std::size_t start = 0;
    std::size_t pos = 0;
    auto flush = [&](std::size_t end) {
        auto piece = clean_label(trim(text.substr(start, end - start)));
        if (!piece.empty()) out.push_back(std::move(piece));
    };
    while (pos < text.size()) {
        std::size_t matched = 0;
        for (const auto& d : delimiters) {
            if (!d.empty() && text.compare(pos, d.size(), d) == 0) {
                matched = d.size();
                break;
            }
        }
        if (matched > 0) {
            flush(pos);
            pos += matched;
            start = pos;
        } else {
            next_code_point(text, pos);
        }
    }
    flush(text.size());
    return out;
}

void AliasTable::add(std::string_view alias, std::string_view target) {
    std::string canonical = normalize_name(target);
    m_map[normalize_name(alias)] = canonical;
    m_display.emplace(canonical, clean_label(target));
}

const std::string* AliasTable::display(const std::string& canonical) const {
    auto it = m_display.find(canonical);
    return it == m_display.end() ? nullptr : &it->second;
}

const std::string& AliasTable::resolve(const std::string& normalized) const {
    auto it = m_map.find(normalized);
    return it == m_map.end() ? normalized : it->second;
}

}  // namespace convgraph
