// Concept-name normalisation over utf8proc (NFKC + case folding).
#include "convgraph/normalize.hpp"

#include "convgraph/unicode.hpp"

#include <utf8proc.h>

#include <cstdlib>
#include <memory>

namespace convgraph {

namespace {

bool is_space(char32_t cp) {
    if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v') return true;
    if (cp < 0x80) return false;
    auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
    return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL || cat == UTF8PROC_CATEGORY_ZP;
}

// Emphasis and code marks dropped, whitespace collapsed and trimmed.
std::string strip_marks(std::string_view name) {
    std::string out;
    out.reserve(name.size());
    bool pending_space = false;
    for (std::size_t pos = 0; pos < name.size();) {
        std::size_t start = pos;
        char32_t cp = next_code_point(name, pos);
        if (cp == '*' || cp == '`') continue;
        if (cp == '_' && (start == 0 || pos == name.size() || name[start - 1] == '_' || name[pos] == '_'))
            continue;  // __bold__ / _em_ at the ends; keeps snake_case
        if (cp == '~' && pos < name.size() && name[pos] == '~') {
            ++pos;
            continue;
        }
        if (is_space(cp)) {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space) out += ' ';
        pending_space = false;
        out.append(name.substr(start, pos - start));
    }
    return out;
}

}  // namespace

std::string_view trim(std::string_view text) {
    std::size_t begin = 0;
    while (begin < text.size()) {
        std::size_t pos = begin;
        if (!is_space(next_code_point(text, pos))) break;
        begin = pos;
    }
    std::size_t end = text.size();
    while (end > begin) {
        std::size_t start = end - 1;
        while (start > begin && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
        std::size_t pos = start;
        if (!is_space(next_code_point(text, pos))) break;
        end = start;
    }
    return text.substr(begin, end - begin);
}

std::string clean_label(std::string_view name) { return strip_marks(name); }

std::string normalize_name(std::string_view name) {
    std::string stripped = strip_marks(name);
    if (stripped.empty()) return stripped;
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
