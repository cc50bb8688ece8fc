// Unit tests: UTF-8 validation and repair, columns, display width, edit distance, XML stripping.
#include "convgraph/unicode.hpp"

#include <catch2/catch.hpp>

#include <string>

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
