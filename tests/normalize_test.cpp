// Unit tests: concept-name normalisation, labels, phrase splitting, trimming, aliases.
#include "convgraph/conventions.hpp"
#include "convgraph/normalize.hpp"
#include "convgraph/unicode.hpp"

#include <catch2/catch.hpp>
#include <utf8proc.h>

#include <cstdlib>
#include <random>

#include <string>
#include <vector>

using namespace convgraph;

TEST_CASE("normalize_name strips emphasis and code marks", "[normalize]") {
    CHECK(normalize_name("**Scaling Law**") == "scaling law");
    CHECK(normalize_name("*Scaling Law*") == "scaling law");
    CHECK(normalize_name("`Scaling Law`") == "scaling law");
    CHECK(normalize_name("__bold__") == "bold");
    CHECK(normalize_name("_em_") == "em");
    CHECK(normalize_name("~~gone~~") == "gone");
    CHECK(normalize_name("**架构同质化**") == "架构同质化");
}

TEST_CASE("normalize_name trims and collapses white space", "[normalize]") {
    CHECK(normalize_name("  Scaling \t  Law \n") == "scaling law");
    CHECK(normalize_name("\xE3\x80\x80技术收敛\xE3\x80\x80") == "技术收敛");  // U+3000 at both ends
    CHECK(normalize_name("a\xE3\x80\x80\xE3\x80\x80" "b") == "a b");
    CHECK(normalize_name("").empty());
    CHECK(normalize_name("  ** **  ").empty());
}

TEST_CASE("normalize_name folds full-width forms and Latin case", "[normalize]") {
    CHECK(normalize_name("ＡＢＣ") == "abc");
    CHECK(normalize_name("ＡＢＣ") == normalize_name("abc"));
    CHECK(normalize_name("技术，收敛") == "技术,收敛");
    CHECK(normalize_name("技术，收敛") == normalize_name("技术,收敛"));
    CHECK(normalize_name("（背景）") == "(背景)");
    CHECK(normalize_name("PyTorch/TensorFlow 双寡头") == "pytorch/tensorflow 双寡头");
    CHECK(normalize_name("ÄÖÜ Straße") == "äöü strasse");
    CHECK(normalize_name("Scaling Law") == normalize_name("SCALING law"));
}

TEST_CASE("normalize_name keeps snake_case and inner marks of words", "[normalize]") {
    CHECK(normalize_name("snake_case") == "snake_case");
    CHECK(normalize_name("bind_headers_x") == "bind_headers_x");
    CHECK(normalize_name("AdamW+Warmup 标准") == "adamw+warmup 标准");
}

TEST_CASE("clean_label strips marks but keeps case and width", "[normalize]") {
    CHECK(clean_label("**Scaling  Law**") == "Scaling Law");
    CHECK(clean_label("  `ＡＢＣ`  ") == "ＡＢＣ");
    CHECK(clean_label("snake_case") == "snake_case");
}

TEST_CASE("split_phrases splits on the default delimiters", "[normalize]") {
    const auto& d = Conventions::defaults().delimiters;
    CHECK(split_phrases("规模效应，性能可预测", d) == std::vector<std::string>{"规模效应", "性能可预测"});
    CHECK(split_phrases("a, b;c；d、e", d) == std::vector<std::string>{"a", "b", "c", "d", "e"});
    CHECK(split_phrases("fixed cadence; scope cut-off", d) == std::vector<std::string>{"fixed cadence", "scope cut-off"});
    CHECK(split_phrases("**甲**，，\xE3\x80\x80乙\xE3\x80\x80", d) == std::vector<std::string>{"甲", "乙"});
    CHECK(split_phrases("架构同质化", d) == std::vector<std::string>{"架构同质化"});
    CHECK(split_phrases("", d).empty());
    CHECK(split_phrases("a|b", {"|"}) == std::vector<std::string>{"a", "b"});
}

TEST_CASE("trim removes ASCII and Unicode white space at both ends", "[normalize]") {
    CHECK(trim("  abc \t\n") == "abc");
    CHECK(trim("\xE3\x80\x80 技术 \xE3\x80\x80") == "技术");
    CHECK(trim("\xC2\xA0x\xC2\xA0") == "x");  // NBSP
    CHECK(trim("a b") == "a b");
    CHECK(trim("").empty());
    CHECK(trim(" \xE3\x80\x80 ").empty());
}

TEST_CASE("AliasTable normalises both sides and resolves to the target", "[normalize]") {
    AliasTable aliases;
    CHECK(aliases.empty());
    aliases.add("**LLM**", "Large Language Model");
    aliases.add("ＧＰＴ", "gpt family");
    CHECK_FALSE(aliases.empty());
    CHECK(aliases.resolve("llm") == "large language model");
    CHECK(aliases.resolve("gpt") == "gpt family");
    const std::string other = "other";
    CHECK(&aliases.resolve(other) == &other);
    CHECK(aliases.entries().size() == 2);
    CHECK(aliases.entries().at("llm") == "large language model");
}

namespace {

// NFKC + case folding by utf8proc itself, for comparison with normalize_name's shortcut.
std::string utf8proc_fold(const std::string& s) {
    utf8proc_uint8_t* mapped = nullptr;
    auto options = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                                                  UTF8PROC_CASEFOLD);
    auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                          static_cast<utf8proc_ssize_t>(s.size()), &mapped, options);
    if (n < 0) return "(error)";
    std::string out(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(n));
    std::free(mapped);
    return out;
}

bool is_mark_or_space(char32_t cp) {
    return cp == '*' || cp == '`' || cp == '_' || cp == '~' || cp == ' ' || (cp >= 0x09 && cp <= 0x0D);
}

}  // namespace

TEST_CASE("normalize_name agrees with utf8proc on ASCII, CJK ideographs and punctuation", "[normalize]") {
    // normalize_name skips utf8proc_map for text made only of these code points.
    std::vector<char32_t> fast;
    for (char32_t cp = 1; cp < 0x80; ++cp)
        if (!is_mark_or_space(cp)) fast.push_back(cp);
    const std::pair<char32_t, char32_t> ranges[] = {
        {0x2013, 0x2014}, {0x2018, 0x2023}, {0x3001, 0x3029}, {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}};
    for (auto [first, last] : ranges)
        for (char32_t cp = first; cp <= last; ++cp) fast.push_back(cp);
    std::size_t mismatches = 0;
    auto compare = [&](const std::string& s) {
        if (normalize_name(s) != utf8proc_fold(s) && ++mismatches <= 5) FAIL_CHECK("differs for '" << s << "'");
    };
    for (char32_t cp : fast) {
        std::string s;
        append_utf8(s, cp);
        compare(s);
        compare("Ab" + s + "Z");
    }
    // Pairs: a composition would need one of them to combine with the other.
    for (char32_t a = 1; a < 0x80; ++a) {
        if (is_mark_or_space(a)) continue;
        for (std::size_t i = 0; i < fast.size(); i += 7) {
            std::string x, y;
            append_utf8(x, a);
            append_utf8(y, fast[i]);
            compare(x + y);
            compare(y + x);
        }
    }
    CHECK(mismatches == 0);
    // Outside the shortcut utf8proc still decides.
    CHECK(normalize_name("ＡＢＣ（技术）") == "abc(技术)");
    CHECK(normalize_name("Ǆ x") == "dž x");
    CHECK(normalize_name("e\xCC\x81") == "\xC3\xA9");  // e + combining acute composes to é
    CHECK(normalize_name("技术、\xE3\x80\xAA") == utf8proc_fold("技术、\xE3\x80\xAA"));  // U+302A is a mark
}

TEST_CASE("trim treats exactly the Unicode space separators as white space", "[normalize]") {
    std::size_t mismatches = 0;
    for (char32_t cp = 0x80; cp <= 0x10FFFF; ++cp) {
        if (cp >= 0xD800 && cp <= 0xDFFF) continue;
        auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
        bool space = cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL || cat == UTF8PROC_CATEGORY_ZP;
        std::string s;
        append_utf8(s, cp);
        if (trim(s).empty() != space && ++mismatches <= 5) FAIL_CHECK("code point " << static_cast<unsigned>(cp));
    }
    CHECK(mismatches == 0);
}

namespace {

bool reference_is_space(char32_t cp) {
    if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v') return true;
    if (cp < 0x80) return false;
    auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
    return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL || cat == UTF8PROC_CATEGORY_ZP;
}

// clean_label as first written, code point by code point: the byte-wise version must agree.
std::string reference_clean_label(std::string_view name) {
    std::string out;
    bool pending_space = false;
    for (std::size_t pos = 0; pos < name.size();) {
        std::size_t start = pos;
        char32_t cp = next_code_point(name, pos);
        if (cp == '*' || cp == '`') continue;
        if (cp == '_' && (start == 0 || pos == name.size() || name[start - 1] == '_' || name[pos] == '_')) continue;
        if (cp == '~' && pos < name.size() && name[pos] == '~') {
            ++pos;
            continue;
        }
        if (reference_is_space(cp)) {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space) out += ' ';
        pending_space = false;
        out.append(name.substr(start, pos - start));
    }
    return out;
}

// trim as first written: decodes every code point it looks at.
std::string_view reference_trim(std::string_view text) {
    std::size_t begin = 0;
    while (begin < text.size()) {
        std::size_t pos = begin;
        if (!reference_is_space(next_code_point(text, pos))) break;
        begin = pos;
    }
    std::size_t end = text.size();
    while (end > begin) {
        std::size_t start = end - 1;
        while (start > begin && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
        std::size_t pos = start;
        if (!reference_is_space(next_code_point(text, pos))) break;
        end = start;
    }
    return text.substr(begin, end - begin);
}

}  // namespace

TEST_CASE("clean_label and trim agree with code point by code point references on random text", "[normalize]") {
    const std::vector<std::string> pieces = {
        "*", "**", "`", "_", "__", "~", "~~", " ", "\t", "\n", "a", "Z", "snake_case", "中", "技术", "、",
        "\xE2\x80\x94", "\xC2\xA0", "\xE3\x80\x80", "\xE2\x80\xA8", "\xE1\x9A\x80", "\xE2\x81\x9F",
        "\xC2\xB7", "\xE2", "\xC2", "\xE3\x80", "\x80", "\xFF", "\xF0\x9F\x98\x80", "\xEF\xBC\x9A"};
    std::mt19937 rng(12345);
    std::uniform_int_distribution<std::size_t> count(0, 10), pick(0, pieces.size() - 1);
    std::size_t mismatches = 0;
    for (int i = 0; i < 100000; ++i) {
        std::string s;
        for (std::size_t n = count(rng); n > 0; --n) s += pieces[pick(rng)];
        if (clean_label(s) != reference_clean_label(s) && ++mismatches <= 5) FAIL_CHECK("differs for '" << s << "'");
        if (trim(s) != reference_trim(s) && ++mismatches <= 5) FAIL_CHECK("trim differs for '" << s << "'");
    }
    CHECK(mismatches == 0);
}

TEST_CASE("normalize_name of ASCII and CJK text is the marks stripped, lower-cased and stripped again", "[normalize]") {
    // The reference is the two passes the fast path of normalize_name shortens to one when it can.
    auto reference = [](const std::string& s) {
        std::string once = clean_label(s);
        for (char& c : once)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        return clean_label(once);
    };
    const std::vector<std::string> pieces = {"a", "B", "_", "~", "*", "`", " ", "\t", "中", "文", "-", "x_y"};
    std::mt19937 rng(7);
    for (int i = 0; i < 20000; ++i) {
        std::string s;
        const int n = static_cast<int>(rng() % 9);
        for (int k = 0; k < n; ++k) s += pieces[rng() % pieces.size()];
        INFO("input: [" << s << "]");
        REQUIRE(normalize_name(s) == reference(s));
    }
    CHECK(normalize_name("_ _a") == "a");  // the second pass drops the '_' the first one kept
    CHECK(normalize_name("snake_case") == "snake_case");
}
