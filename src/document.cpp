// Document: section numbers and lookups over the note model.
#include "convgraph/document.hpp"

#include "convgraph/normalize.hpp"
#include "convgraph/unicode.hpp"

#include <algorithm>
#include <string_view>

namespace convgraph {

namespace {

constexpr std::u32string_view k_cjk_numerals = U"零〇一二三四五六七八九十百千两";

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

const Heading* Document::title() const {
    auto it = std::find_if(headings.begin(), headings.end(), [](const Heading& h) { return h.level == 1; });
    return it == headings.end() ? nullptr : &*it;
}

bool Document::has_anchor(std::string_view anchor) const {
    return std::any_of(headings.begin(), headings.end(), [&](const Heading& h) { return h.anchor == anchor; });
}

void split_section_number(std::string_view text, std::string& number, std::string& title) {
    number.clear();
    title = std::string(trim(text));
    std::string_view t = title;
    // Arabic: 03.3.1- / 3.1 / 1. / 1、
    if (!t.empty() && is_ascii_digit(t[0])) {
        std::size_t i = 0;
        while (i < t.size() && (is_ascii_digit(t[i]) || (t[i] == '.' && i + 1 < t.size() && is_ascii_digit(t[i + 1]))))
            ++i;
        std::string_view num = t.substr(0, i);
        std::string_view rest = t.substr(i);
        bool separated = false;
        for (std::string_view sep : {"、", "．", ".", "-", " ", "\t", "：", ":"}) {
            if (rest.substr(0, sep.size()) == sep) {
                rest.remove_prefix(sep.size());
                separated = true;
                break;
            }
        }
        if (separated || rest.empty()) {
            number = std::string(num);
            title = std::string(trim(rest));
        }
        return;
    }
    // CJK: 三、 / 十二、
    std::size_t pos = 0;
    std::size_t end = 0;
    while (pos < t.size()) {
        std::size_t start = pos;
        char32_t cp = next_code_point(t, pos);
        if (k_cjk_numerals.find(cp) == std::u32string_view::npos) {
            pos = start;
            break;
        }
        end = pos;
    }
    if (end == 0) return;
    std::string_view rest = t.substr(end);
    for (std::string_view sep : {"、", "．", ".", " "}) {
        if (rest.substr(0, sep.size()) == sep) {
            number = std::string(t.substr(0, end));
            title = std::string(trim(rest.substr(sep.size())));
            return;
        }
    }
}

}  // namespace convgraph
