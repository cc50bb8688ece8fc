// Unit tests: formatting blocks on several threads and writing them in order (src/ordered_blocks.hpp).
#include "../src/ordered_blocks.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <algorithm>
#include <chrono>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using namespace convgraph;

namespace {

// Item i as text; later items take longer, so helpers finish out of order.
void format_items(std::size_t begin, std::size_t end, std::string& out) {
    for (std::size_t i = begin; i < end; ++i) {
        out += std::to_string(i);
        out += ',';
    }
    if (begin % 3 == 0) std::this_thread::sleep_for(std::chrono::microseconds(200));
}

std::string expected(std::size_t count) {
    std::string s;
    format_items(0, count, s);
    return s;
}

}  // namespace

TEST_CASE("blocks come out in order on any number of threads", "[ordered_blocks]") {
    for (std::size_t count : {0u, 1u, 7u, 64u, 1000u}) {
        for (std::size_t block : {1u, 3u, 64u, 5000u}) {
            for (unsigned threads : {0u, 1u, 2u, 3u, 8u}) {
                std::string out;
                std::size_t calls = 0;
                format_in_order(count, block, threads, format_items, [&](const std::string& text) {
                    out += text;
                    ++calls;
                });
                INFO("count " << count << ", block " << block << ", threads " << threads);
                CHECK(out == expected(count));
                CHECK(calls == (count + block - 1) / block);
            }
        }
    }
}

TEST_CASE("several threads really format blocks", "[ordered_blocks]") {
    std::mutex mutex;
    std::set<std::thread::id> formatters;
    std::set<std::thread::id> sinks;
    std::string out;
    format_in_order(
        400, 1, 4,
        [&](std::size_t begin, std::size_t end, std::string& text) {
            {
                std::lock_guard lock(mutex);
                formatters.insert(std::this_thread::get_id());
            }
            std::this_thread::sleep_for(std::chrono::microseconds(300));
            format_items(begin, end, text);
        },
        [&](const std::string& text) {
            sinks.insert(std::this_thread::get_id());
            out += text;
        });
    CHECK(out == expected(400));
    CHECK(formatters.size() > 1);
    REQUIRE(sinks.size() == 1);
    CHECK(*sinks.begin() == std::this_thread::get_id());  // the sink runs on the calling thread only
}

TEST_CASE("an exception while formatting reaches the caller and stops the others", "[ordered_blocks]") {
    for (unsigned threads : {1u, 2u, 4u}) {
        std::atomic<std::size_t> formatted{0};
        std::string out;
        auto failing = [&](std::size_t begin, std::size_t end, std::string& text) {
            if (begin == 50) throw std::runtime_error("block 50");
            ++formatted;
            format_items(begin, end, text);
        };
        CHECK_THROWS_WITH(format_in_order(10000, 1, threads, failing, [&](const std::string& text) { out += text; }),
                          "block 50");
        CHECK(formatted < 10000 - 1);        // the helpers stopped early
        CHECK(out.size() <= expected(50).size());  // nothing after the failed block was written
        CHECK(expected(10000).rfind(out, 0) == 0);
    }
}

TEST_CASE("an exception from the sink reaches the caller and the helpers are joined", "[ordered_blocks]") {
    for (unsigned threads : {1u, 2u, 4u}) {
        std::size_t written = 0;
        auto sink = [&](const std::string&) {
            if (++written == 5) throw std::runtime_error("disk full");
        };
        CHECK_THROWS_WITH(format_in_order(10000, 1, threads, format_items, sink), "disk full");
        CHECK(written == 5);
    }
}

TEST_CASE("memory stays bounded: helpers run at most a window ahead of the writer", "[ordered_blocks]") {
    std::atomic<std::size_t> started{0};
    std::size_t written = 0;
    std::size_t most_ahead = 0;
    format_in_order(
        200, 1, 3,
        [&](std::size_t begin, std::size_t end, std::string& text) {
            ++started;
            format_items(begin, end, text);
        },
        [&](const std::string&) {
            ++written;
            most_ahead = std::max(most_ahead, started.load() - written);
            std::this_thread::sleep_for(std::chrono::microseconds(100));  // a slow disk
        });
    CHECK(written == 200);
    CHECK(most_ahead <= 2 * 3);
}
