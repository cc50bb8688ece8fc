// CompactText: the one-pointer string edges keep their label and description in.
#include "convgraph/compact_text.hpp"

#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <utility>
#include <vector>

using convgraph::CompactText;

TEST_CASE("compact text is one pointer and empty without an allocation", "[compact_text]") {
    STATIC_REQUIRE(sizeof(CompactText) == sizeof(void*));
    CompactText t;
    CHECK(t.empty());
    CHECK(t.size() == 0);
    CHECK(t.view().empty());
    CompactText from_empty{std::string()};
    CHECK(from_empty.empty());  // an empty string keeps no block either
}

TEST_CASE("compact text holds any bytes, CJK and NUL included", "[compact_text]") {
    const std::string cjk = "架构同质化使训练栈趋于相同";
    CompactText t = cjk;
    CHECK(t.size() == cjk.size());
    CHECK(t.view() == cjk);
    CHECK(t.str() == cjk);
    CHECK(t == cjk);
    CHECK(t == "架构同质化使训练栈趋于相同");
    const std::string with_nul("a\0b", 3);
    CompactText n = with_nul;
    CHECK(n.size() == 3);
    CHECK(n.view() == with_nul);
    std::ostringstream out;
    out << t;
    CHECK(out.str() == cjk);
}

TEST_CASE("compact text copies deeply, moves by taking the block, and reassigns", "[compact_text]") {
    CompactText a = "first";
    CompactText b = a;
    CHECK(b == a);
    a = "second, longer than the first";
    CHECK(b == "first");
    CHECK(a == "second, longer than the first");
    CompactText c = std::move(a);
    CHECK(c == "second, longer than the first");
    b = c;
    CHECK(b == c);
    b = b;  // self-assignment keeps the text
    CHECK(b == "second, longer than the first");
    b = std::string();
    CHECK(b.empty());
    std::vector<CompactText> many(100, CompactText("x"));
    many.resize(1000, CompactText("y"));  // reallocation moves every element
    CHECK(many.front() == "x");
    CHECK(many.back() == "y");
}
