// Places: the 16-byte vector of Place an edge keeps its statements in.
#include "convgraph/places.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <utility>
#include <vector>

using convgraph::Place;
using convgraph::Places;

namespace {

Place at(int line) { return Place{static_cast<std::uint32_t>(line % 7), line, line % 5 + 1}; }

std::vector<Place> as_vector(const Places& p) { return std::vector<Place>(p.begin(), p.end()); }

}  // namespace

TEST_CASE("places: one place inline, more on the heap, like a vector", "[places]") {
    STATIC_REQUIRE(sizeof(Places) == 16);
    Places p;
    CHECK(p.empty());
    CHECK(p.capacity() == 1);
    p.push_back(at(1));
    CHECK(p.size() == 1);
    CHECK(p.capacity() == 1);  // still inline
    CHECK(p.front() == at(1));
    std::vector<Place> expected{at(1)};
    for (int i = 2; i <= 100; ++i) {
        p.push_back(at(i));
        expected.push_back(at(i));
        REQUIRE(as_vector(p) == expected);
    }
    CHECK(p.capacity() >= 100);
    CHECK(p.back() == at(100));
    CHECK(p[41] == at(42));
}

TEST_CASE("places: copies are deep, moves leave an empty source", "[places]") {
    for (int n : {0, 1, 2, 9}) {
        Places a;
        for (int i = 0; i < n; ++i) a.push_back(at(i));
        Places b = a;
        CHECK(b == a);
        if (n > 0) {
            b[0] = at(99);
            CHECK(a[0] == at(0));
        }
        Places c = std::move(a);
        CHECK(a.empty());
        CHECK(c.size() == static_cast<std::size_t>(n));
        a.push_back(at(5));  // a moved-from Places is usable
        CHECK(as_vector(a) == std::vector<Place>{at(5)});
        Places d;
        d.push_back(at(7));
        d = c;
        CHECK(d == c);
        d = std::move(c);
        CHECK(d.size() == static_cast<std::size_t>(n));
        CHECK(c.empty());
        d = d;  // self-assignment keeps the places
        CHECK(d.size() == static_cast<std::size_t>(n));
    }
}

TEST_CASE("places: sort, unique and erase as an edge's places are finished", "[places]") {
    Places p{at(3), at(1), at(3), at(2), at(1)};
    std::sort(p.begin(), p.end());
    p.erase(std::unique(p.begin(), p.end()), p.end());
    CHECK(as_vector(p) == std::vector<Place>{at(1), at(2), at(3)});
    Places one{at(4), at(4)};
    one.erase(std::unique(one.begin(), one.end()), one.end());
    CHECK(as_vector(one) == std::vector<Place>{at(4)});
    p.erase(p.begin(), p.begin() + 1);
    CHECK(as_vector(p) == std::vector<Place>{at(2), at(3)});
    p.clear();
    CHECK(p.empty());
}

TEST_CASE("places: reserve and resize", "[places]") {
    Places p;
    p.reserve(1);
    CHECK(p.capacity() == 1);
    p.resize(1);
    CHECK(p[0] == Place{});
    p.resize(3);
    CHECK(as_vector(p) == std::vector<Place>(3));
    p.reserve(50);
    CHECK(p.capacity() >= 50);
    CHECK(p.size() == 3);
    p.resize(2);
    CHECK(p.size() == 2);
    std::vector<Places> many(10, Places{at(1), at(2)});
    many.resize(200, Places{at(3)});  // reallocation moves every element
    CHECK(as_vector(many.front()) == std::vector<Place>{at(1), at(2)});
    CHECK(as_vector(many.back()) == std::vector<Place>{at(3)});
}

TEST_CASE("places: pushing one of its own places, self-move, a single place on the heap", "[places]") {
    Places p;
    p.push_back(at(1));
    p.push_back(p[0]);  // inline → heap: the argument lives in the bytes being replaced
    CHECK(as_vector(p) == std::vector<Place>{at(1), at(1)});
    p.push_back(at(2));
    p.push_back(at(3));
    REQUIRE(p.size() == p.capacity());
    p.push_back(p[2]);  // heap → bigger heap: the argument lives in the block being freed
    CHECK(as_vector(p) == std::vector<Place>{at(1), at(1), at(2), at(3), at(2)});
    Places& same = p;
    p = std::move(same);  // self-move keeps the places
    CHECK(p.size() == 5);
    p.erase(p.begin() + 1, p.end());  // one place, still on the heap
    CHECK(p.capacity() > 1);
    Places copy = p;
    CHECK(as_vector(copy) == std::vector<Place>{at(1)});
    CHECK(copy.capacity() == 1);  // a copy of one place is inline again
}
