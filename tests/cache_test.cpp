// Unit tests: the per-note cache — a cached rebuild gives the bytes of a clean build.
#include "convgraph/cache.hpp"
#include "convgraph/graph_file.hpp"
#include "convgraph/io.hpp"
#include "convgraph/pipeline.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

using namespace convgraph;
namespace fs = std::filesystem;

namespace {

using Sources = std::vector<std::pair<std::string, std::string>>;

std::string note(int i, int next) {
    std::string n = std::to_string(10 + i);
    std::string m = std::to_string(10 + next);
    return "# " + n + ".1-驱动" + n + "\n\n"
           "<!-- convgraph-disable-next-line broken-link -->\n"
           "- [坏](gone.md)\n\n"
           "| 因素 | 作用机制 | 收敛效果 |\n| --- | --- | --- |\n"
           "| 共享因素 | 机制" + n + "，共享机制 | 效果" + m + " |\n\n"
           "## 一、共享因素驱动力\n\n**核心思想**：机制" + n + "\n\n**收敛效果**：\n\n"
           "1. **效果" + n + "**：描述" + n + "\n\n"
           "```mermaid\ngraph LR\n    A[机制" + n + "] -->|推动| B[效果" + m + "]\n```\n\n"
           "- [下一篇](" + m + ".1-驱动" + m + ".md#一共享因素驱动力)\n"
           "- [坏锚点](" + m + ".1-驱动" + m + ".md#没有)\n"
           "- [坏](missing.md)\n";
}

Sources corpus() {
    Sources out;
    for (int i = 0; i < 8; ++i)
        out.emplace_back("notes/" + std::to_string(10 + i) + ".1-驱动" + std::to_string(10 + i) + ".md",
                         note(i, (i + 1) % 8));
    return out;
}

struct TempDir {
    fs::path path;
    TempDir() {
        std::string tmpl = (fs::temp_directory_path() / "convgraph-cache-test-XXXXXX").string();
        path = ::mkdtemp(tmpl.data());
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

std::string build_json(const Sources& src, const fs::path& cache, std::size_t* analyzed = nullptr) {
    BuildOptions options;
    options.jobs = 2;
    options.cache_dir = cache;
    BuildResult r = build_graph_from_sources(src, options);
    if (analyzed) *analyzed = r.analyzed;
    return write_graph_json(r);
}

std::vector<fs::path> files_in(const fs::path& dir) {
    std::vector<fs::path> out;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file()) out.push_back(e.path());
    return out;
}

std::uintmax_t log_size(const fs::path& dir) { return fs::file_size(NoteCache::log_path(dir)); }

}  // namespace

TEST_CASE("cache: a warm rebuild analyses nothing and gives the clean bytes", "[cache]") {
    TempDir tmp;
    Sources src = corpus();
    std::string clean = build_json(src, {});
    std::size_t analyzed = 0;
    CHECK(build_json(src, tmp.path, &analyzed) == clean);
    CHECK(analyzed == src.size());
    CHECK(files_in(tmp.path) == std::vector<fs::path>{NoteCache::log_path(tmp.path)});  // one file, no temporaries
    const auto size = log_size(tmp.path);
    CHECK(build_json(src, tmp.path, &analyzed) == clean);
    CHECK(analyzed == 0);
    CHECK(log_size(tmp.path) == size);  // nothing appended, nothing rewritten
}

TEST_CASE("cache: after an edit only the edited note is analysed again", "[cache]") {
    TempDir tmp;
    Sources src = corpus();
    build_json(src, tmp.path);
    src[3].second += "\n## 二、新增驱动力\n\n**核心思想**：新机制\n";
    std::size_t analyzed = 0;
    CHECK(build_json(src, tmp.path, &analyzed) == build_json(src, {}));
    CHECK(analyzed == 1);
}

TEST_CASE("cache: deleting a note gives the clean build of the rest", "[cache]") {
    TempDir tmp;
    Sources src = corpus();
    build_json(src, tmp.path);
    src.erase(src.begin() + 2);  // its neighbour's links now point nowhere
    std::size_t analyzed = 0;
    CHECK(build_json(src, tmp.path, &analyzed) == build_json(src, {}));
    CHECK(analyzed == 0);
}

TEST_CASE("cache: a renamed note is analysed under its new path", "[cache]") {
    TempDir tmp;
    Sources src = corpus();
    build_json(src, tmp.path);
    src[5].first = "moved/15.1-驱动15.md";
    std::size_t analyzed = 0;
    CHECK(build_json(src, tmp.path, &analyzed) == build_json(src, {}));
    CHECK(analyzed == 1);
}

TEST_CASE("cache: a note made invalid gives the clean diagnostics", "[cache]") {
    TempDir tmp;
    Sources src = corpus();
    build_json(src, tmp.path);
    src[1].second = std::string("binary\0data", 11);
    src[4].second = "no title here\n\n| 因素 |\n| --- |\n| x | y |\n";
    std::string clean = build_json(src, {});
    CHECK(build_json(src, tmp.path) == clean);
    CHECK(build_json(src, tmp.path) == clean);
}

TEST_CASE("cache: a damaged log is a miss, not an error, and is rewritten", "[cache]") {
    Sources src = corpus();
    const std::string clean = build_json(src, {});
    // Cut short (a build stopped while appending), a byte flipped in each part of the log,
    // garbage, empty, another cache format.
    using Damage = std::function<std::string(const std::string&)>;
    const std::vector<std::pair<const char*, Damage>> damages = {
        {"cut in the middle of a record", [](const std::string& d) { return d.substr(0, d.size() / 2); }},
        {"cut after the header", [](const std::string& d) { return d.substr(0, 12); }},
        {"a record's magic", [](std::string d) { d[12] ^= 0x7F; return d; }},
        {"a record's size", [](std::string d) { d[12 + 4 + 32 + 3] = '\x7F'; return d; }},
        {"inside an entry", [](std::string d) { d[d.size() / 3] ^= 0x55; d[2 * d.size() / 3] ^= 0x55; return d; }},
        {"garbage", [](const std::string&) { return std::string("garbage"); }},
        {"empty", [](const std::string&) { return std::string(); }},
        {"another format", [](std::string d) { d[8] ^= 0x01; return d; }},
    };
    for (const auto& [what, damage] : damages) {
        SECTION(what) {
            TempDir tmp;
            CHECK(build_json(src, tmp.path) == clean);
            const fs::path log = NoteCache::log_path(tmp.path);
            write_file_atomic(log, damage(read_file(log)));
            std::size_t analyzed = 0;
            CHECK(build_json(src, tmp.path, &analyzed) == clean);
            CHECK(analyzed <= src.size());
            CHECK(build_json(src, tmp.path, &analyzed) == clean);
            CHECK(analyzed == 0);  // whatever was lost was stored again, readable
        }
    }
}

TEST_CASE("cache: the log is rewritten when most of it is records no longer used", "[cache]") {
    TempDir tmp;
    Sources src = corpus();
    build_json(src, tmp.path);
    const auto fresh = log_size(tmp.path);
    std::vector<std::uintmax_t> sizes;
    for (int round = 1; round <= 3; ++round) {
        for (auto& [path, text] : src) text += "\n<!-- edit " + std::to_string(round) + " -->\n";
        std::size_t analyzed = 0;
        CHECK(build_json(src, tmp.path, &analyzed) == build_json(src, {}));
        CHECK(analyzed == src.size());
        sizes.push_back(log_size(tmp.path));
    }
    CHECK(sizes[0] > fresh);        // appended: half of it is stale, not more
    CHECK(sizes[1] < sizes[0]);     // two thirds stale: rewritten with the used third
    CHECK(sizes[1] < fresh * 3 / 2);
    CHECK(files_in(tmp.path).size() == 1);
    std::size_t analyzed = 0;
    build_json(src, tmp.path, &analyzed);
    CHECK(analyzed == 0);  // the rewritten log holds every note
}

TEST_CASE("cache: a cache that saw a few notes keeps the others", "[cache]") {
    TempDir tmp;
    Sources src = corpus();
    build_json(src, tmp.path);
    const auto size = log_size(tmp.path);
    const std::string salt = cache_salt(Conventions::defaults());
    {
        NoteCache cache(tmp.path);  // as a rebuild's early cutoff uses it: one note, no compaction
        CHECK(cache.load(NoteCache::key(salt, src[0].first, src[0].second), src[0].first));
    }
    CHECK(log_size(tmp.path) == size);
    std::size_t analyzed = 1;
    build_json(src, tmp.path, &analyzed);
    CHECK(analyzed == 0);
}

TEST_CASE("cache: an unusable cache directory only costs speed", "[cache]") {
    TempDir tmp;
    Sources src = corpus();
    const fs::path file = tmp.path / "a-file";
    write_file_atomic(file, std::string("not a directory"));
    std::size_t analyzed = 0;
    CHECK(build_json(src, file, &analyzed) == build_json(src, {}));
    CHECK(analyzed == src.size());
    CHECK(build_json(src, file / "below", &analyzed) == build_json(src, {}));
}

TEST_CASE("cache: the facts hash leaves out the byte count and is the same stored, loaded or computed", "[cache]") {
    TempDir tmp;
    const BuildOptions options;
    const std::string path = "notes/10.1-驱动10.md";
    const std::string text = note(0, 1);
    const NoteAnalysis a = analyze_note(path, text, options);
    const std::uint64_t reference = facts_hash(encode_note_analysis(a));

    NoteAnalysis longer = a;
    longer.bytes += 100;  // a comment added: the same facts, another size
    CHECK(facts_hash(encode_note_analysis(longer)) == reference);
    NoteAnalysis other = analyze_note(path, note(0, 2), options);  // another fact
    CHECK(facts_hash(encode_note_analysis(other)) != reference);

    const std::string key = NoteCache::key("salt", path, text);
    {
        NoteCache cache(tmp.path);
        CHECK(cache.store(key, a) == std::optional<std::uint64_t>(reference));
    }
    {
        NoteCache cache(tmp.path);  // a later build reads what an earlier one stored
        std::uint64_t loaded = 0;
        REQUIRE(cache.load(key, path, &loaded));
        CHECK(loaded == reference);
    }

    // cached_analysis gives it on a miss, on a hit and without a cache.
    bool analysed = false;
    std::uint64_t facts = 0;
    {
        NoteCache cache(tmp.path / "fresh");
        cached_analysis(&cache, key, path, text, options, analysed, &facts);
        CHECK(analysed);
        CHECK(facts == reference);
    }
    facts = 0;
    {
        NoteCache cache(tmp.path / "fresh");
        cached_analysis(&cache, key, path, text, options, analysed, &facts);
        CHECK_FALSE(analysed);
        CHECK(facts == reference);
    }
    facts = 0;
    NoteAnalysis uncached = cached_analysis(nullptr, "", path, text, options, analysed, &facts);
    CHECK(facts == reference);
    CHECK(note_digest(facts, uncached, {}) == note_digest(uncached, {}));
}
