// CompactText and EdgeAttributes: how an edge keeps its label, description and attributes.
#include "convgraph/compact_text.hpp"
#include "convgraph/edge_attributes.hpp"
#include "convgraph/graph.hpp"

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
    CompactText d = "to be replaced";
    CompactText e = "moved in";
    d = std::move(e);
    CHECK(d == "moved in");
    CHECK(e.empty());  // a moved-from text is empty, not the target's old text
    d = std::move(d);
    CHECK(d == "moved in");
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

TEST_CASE("edge attributes keep their pairs in order, in one block", "[compact_text]") {
    using convgraph::EdgeAttributes;
    EdgeAttributes none;
    CHECK(none.empty());
    CHECK(none.items().empty());
    CHECK(EdgeAttributes(std::vector<std::pair<std::string, std::string>>{}).empty());
    const std::vector<std::pair<std::string, std::string>> pairs = {
        {"stroke", "dotted"}, {"arrow", "arrow"}, {"subgraph", "子图 一"}, {"", ""}, {"k", std::string("a\0b", 3)}};
    EdgeAttributes a(pairs);
    CHECK_FALSE(a.empty());
    REQUIRE(a.size() == pairs.size());
    const auto items = a.items();
    for (std::size_t i = 0; i < pairs.size(); ++i) {
        CHECK(items[i].first == pairs[i].first);
        CHECK(items[i].second == pairs[i].second);
    }
    EdgeAttributes copy = a;
    CHECK(copy == a);
    CHECK_FALSE(copy == none);
    using Pairs = std::vector<std::pair<std::string, std::string>>;
    CHECK_FALSE(EdgeAttributes(Pairs{{"stroke", "dotted"}}) == EdgeAttributes(Pairs{{"stroke", "thick"}}));
}

TEST_CASE("an edge is 56 bytes: a graph holds millions", "[compact_text]") {
    CHECK(sizeof(convgraph::Edge) <= 56);
}
