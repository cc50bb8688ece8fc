// Unit tests: UTF-8 validation and repair, columns, display width, edit distance, XML stripping.
#include "convgraph/unicode.hpp"

#include <catch2/catch.hpp>
#include <utf8proc.h>

#include <string>
#include <vector>

using namespace convgraph;

TEST_CASE("find_invalid_utf8 gives the byte offset of the first bad sequence", "[unicode]") {
    CHECK_FALSE(find_invalid_utf8("").has_value());
    CHECK_FALSE(find_invalid_utf8("plain ascii").has_value());
    CHECK_FALSE(find_invalid_utf8("技术收敛 😀 é").has_value());
    CHECK(find_invalid_utf8("ab\xFF" "cd") == std::optional<std::size_t>(2));
    CHECK(find_invalid_utf8("中\xE4\xB8") == std::optional<std::size_t>(3));  // truncated sequence at the end
    CHECK(find_invalid_utf8("\xC0\xAF") == std::optional<std::size_t>(0));     // overlong '/'
    CHECK(find_invalid_utf8("x\xED\xA0\x80") == std::optional<std::size_t>(1)); // UTF-16 surrogate
    CHECK(find_invalid_utf8("ok\x80") == std::optional<std::size_t>(2));        // lone continuation byte
}

TEST_CASE("repair_utf8 replaces each invalid byte with U+FFFD and keeps the rest", "[unicode]") {
    CHECK(repair_utf8("a\xFF" "b") == "a\xEF\xBF\xBD" "b");
    CHECK(repair_utf8("中\xE4\xB8") == "中\xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK(repair_utf8("技术") == "技术");
    CHECK_FALSE(find_invalid_utf8(repair_utf8("\xC0\xAF\xFE\xFF")).has_value());
}

TEST_CASE("next_code_point and code_point_count decode UTF-8", "[unicode]") {
    std::string_view text = "a中😀\xFF";
    std::size_t pos = 0;
    CHECK(next_code_point(text, pos) == U'a');
    CHECK(pos == 1);
    CHECK(next_code_point(text, pos) == U'中');
    CHECK(pos == 4);
    CHECK(next_code_point(text, pos) == U'\U0001F600');
    CHECK(pos == 8);
    CHECK(next_code_point(text, pos) == U'\uFFFD');
    CHECK(pos == 9);
    CHECK(code_point_count(text) == 4);
    std::string out;
    append_utf8(out, U'收');
    append_utf8(out, U'\U0001F389');
    CHECK(out == "收🎉");
}

TEST_CASE("byte_to_column counts code points before the byte", "[unicode]") {
    std::string_view line = "中文ab|表";
    CHECK(byte_to_column(line, 1) == 1);
    CHECK(byte_to_column(line, 4) == 2);   // 文 starts at byte 4
    CHECK(byte_to_column(line, 7) == 3);   // a
    CHECK(byte_to_column(line, 8) == 4);   // b
    CHECK(byte_to_column(line, 10) == 6);  // 表 after '|'
    CHECK(byte_to_column("abc", 3) == 3);
    CHECK(byte_to_column("ab", 5) == 5);   // past the end: one column per byte
}

TEST_CASE("display_width counts wide characters two and marks zero", "[unicode]") {
    CHECK(display_width("") == 0);
    CHECK(display_width("abc") == 3);
    CHECK(display_width("技术收敛") == 8);
    CHECK(display_width("ＡＢＣ") == 6);
    CHECK(display_width("😀") == 2);
    CHECK(display_width("e\xCC\x81") == 1);  // e + combining acute
    CHECK(display_width("a技b") == 4);
}

TEST_CASE("truncate_to_width never splits a wide character", "[unicode]") {
    CHECK(truncate_to_width("技术收敛", 5) == "技术");
    CHECK(truncate_to_width("技术收敛", 4) == "技术");
    CHECK(truncate_to_width("ab技", 3) == "ab");
    CHECK(truncate_to_width("ab技", 4) == "ab技");
    CHECK(truncate_to_width("abc", 0).empty());
    CHECK(truncate_to_width("short", 80) == "short");
    CHECK(truncate_to_width("e\xCC\x81x", 1) == "e\xCC\x81");  // the mark rides along with its base
}

TEST_CASE("edit_distance counts code points not bytes", "[unicode]") {
    CHECK(edit_distance("kitten", "sitting") == 3);
    CHECK(edit_distance("技术收敛", "技术收敛力") == 1);
    CHECK(edit_distance("技术收敛", "技朮收敛") == 1);
    CHECK(edit_distance("中", "") == 1);
    CHECK(edit_distance("", "") == 0);
    CHECK(edit_distance("架构同质化", "架构同质化") == 0);
}

TEST_CASE("edit_distance_within agrees with edit_distance up to its limit", "[unicode]") {
    CHECK(edit_distance_within("kitten", "sitting", 3) == 3);
    CHECK(edit_distance_within("kitten", "sitting", 2) > 2);
    CHECK(edit_distance_within("技术收敛", "技朮收敛", 1) == 1);
    CHECK(edit_distance_within("a", "abcdef", 2) > 2);  // length gap alone exceeds the limit
    CHECK(edit_distance_within("", "", 0) == 0);
    // Every pair over a small alphabet, both ways round, against the full computation.
    const std::vector<std::string> words = {"", "收", "收敛", "敛收", "ab", "ba", "abc", "acb", "xabc", "abcx",
                                            "收a敛", "aaaa", "abab", "baba", "收敛驱动", "收敛动力"};
    for (const auto& a : words)
        for (const auto& b : words)
            for (std::size_t limit = 0; limit <= 4; ++limit) {
                std::size_t full = edit_distance(a, b);
                std::size_t banded = edit_distance_within(a, b, limit);
                INFO(a << " / " << b << " limit " << limit);
                if (full <= limit)
                    CHECK(banded == full);
                else
                    CHECK(banded > limit);
            }
}

TEST_CASE("strip_xml_invalid drops characters XML 1.0 forbids", "[unicode]") {
    CHECK(is_xml_invalid(0x00));
    CHECK(is_xml_invalid(0x0B));
    CHECK(is_xml_invalid(0x1F));
    CHECK(is_xml_invalid(0xFFFE));
    CHECK(is_xml_invalid(0xFFFF));
    CHECK_FALSE(is_xml_invalid(0x09));
    CHECK_FALSE(is_xml_invalid(0x0A));
    CHECK_FALSE(is_xml_invalid(0x0D));
    CHECK_FALSE(is_xml_invalid(U'中'));
    CHECK(strip_xml_invalid(std::string("a\x01" "b\tc\nd\x0B\x0C", 9)) == "ab\tc\nd");
    CHECK(strip_xml_invalid(std::string("x\0y", 3)) == "xy");
    CHECK(strip_xml_invalid("技\xEF\xBF\xBE术\xEF\xBF\xBF") == "技术");
}

namespace {

// next_code_point and find_invalid_utf8 on `bytes` agree with utf8proc's own decoder.
void check_against_reference(const std::string& bytes) {
    utf8proc_int32_t cp = 0;
    auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(bytes.data()),
                              static_cast<utf8proc_ssize_t>(bytes.size()), &cp);
    std::size_t pos = 0;
    char32_t got = next_code_point(bytes, pos);
    bool same = n > 0 ? got == static_cast<char32_t>(cp) && pos == static_cast<std::size_t>(n)
                      : got == U'\uFFFD' && pos == 1 && find_invalid_utf8(bytes) == std::optional<std::size_t>(0);
    if (n > 0) same = same && !find_invalid_utf8(bytes.substr(0, static_cast<std::size_t>(n))).has_value();
    same = same && utf8_sequence_length(bytes, 0) == (n > 0 ? static_cast<std::size_t>(n) : 0);
    // The same bytes after runs of ASCII that the word-at-a-time path skips, at every alignment.
    for (std::size_t ascii : {7u, 8u, 9u, 16u, 23u}) {
        const std::string padded = std::string(ascii, 'a') + bytes;
        const auto bad = find_invalid_utf8(padded);
        same = same && (n > 0 ? (!bad || *bad >= ascii + static_cast<std::size_t>(n)) : bad == std::optional<std::size_t>(ascii));
    }
    if (!same) {
        std::string hex;
        for (char c : bytes) hex += std::to_string(static_cast<unsigned char>(c)) + " ";
        FAIL("decoding differs from utf8proc_iterate for bytes " << hex);
    }
}

}  // namespace

TEST_CASE("next_code_point decodes exactly like utf8proc_iterate", "[unicode]") {
    // Every one- and two-byte input, then the lead bytes of longer forms with the continuation
    // bytes at the edges of the valid ranges, truncated and complete.
    for (int a = 0; a < 256; ++a) {
        check_against_reference(std::string(1, static_cast<char>(a)));
        for (int b = 0; b < 256; ++b) check_against_reference({static_cast<char>(a), static_cast<char>(b)});
    }
    const std::vector<int> edges = {0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF};
    for (int a = 0xC0; a < 256; ++a)
        for (int b : edges)
            for (int c : edges) {
                check_against_reference({static_cast<char>(a), static_cast<char>(b), static_cast<char>(c)});
                for (int d : edges)
                    check_against_reference(
                        {static_cast<char>(a), static_cast<char>(b), static_cast<char>(c), static_cast<char>(d)});
            }
    // Every scalar value round-trips.
    for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
        if (cp >= 0xD800 && cp <= 0xDFFF) continue;
        std::string s;
        append_utf8(s, cp);
        std::size_t pos = 0;
        if (next_code_point(s, pos) != cp || pos != s.size()) FAIL("code point " << static_cast<unsigned>(cp));
    }
}

TEST_CASE("append_utf8 encodes exactly like utf8proc_encode_char", "[unicode]") {
    std::size_t mismatches = 0;
    auto compare = [&](char32_t cp) {
        utf8proc_uint8_t buf[4];
        auto n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buf);
        std::string expected(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n > 0 ? n : 0));
        std::string got;
        append_utf8(got, cp);
        if (got != expected && ++mismatches <= 5) FAIL_CHECK("code point " << static_cast<unsigned>(cp));
    };
    for (char32_t cp = 0; cp <= 0x110010; ++cp) compare(cp);
    compare(0x7FFFFFFF);
    compare(0x80000000);
    compare(0xFFFFFFFF);
    CHECK(mismatches == 0);
}
