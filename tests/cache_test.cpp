// Unit tests: the per-note cache — a cached rebuild gives the bytes of a clean build.
#include "convgraph/cache.hpp"
#include "convgraph/graph_file.hpp"
#include "convgraph/io.hpp"
#include "convgraph/pipeline.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
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

std::vector<fs::path> entries(const fs::path& dir) {
    std::vector<fs::path> out;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file()) out.push_back(e.path());
    return out;
}

}  // namespace

TEST_CASE("cache: a warm rebuild analyses nothing and gives the clean bytes", "[cache]") {
    TempDir tmp;
    Sources src = corpus();
    std::string clean = build_json(src, {});
    std::size_t analyzed = 0;
    CHECK(build_json(src, tmp.path, &analyzed) == clean);
    CHECK(analyzed == src.size());
    CHECK(entries(tmp.path).size() == src.size());
    CHECK(build_json(src, tmp.path, &analyzed) == clean);
    CHECK(analyzed == 0);
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

TEST_CASE("cache: corrupt and truncated entries are misses, not errors", "[cache]") {
    TempDir tmp;
    Sources src = corpus();
    std::string clean = build_json(src, tmp.path);
    auto files = entries(tmp.path);
    REQUIRE(files.size() == src.size());
    for (std::size_t i = 0; i < files.size(); ++i) {
        std::string data = read_file(files[i]);
        write_file_atomic(files[i], i % 2 == 0 ? std::string("garbage") : data.substr(0, data.size() / 2));
    }
    std::size_t analyzed = 0;
    CHECK(build_json(src, tmp.path, &analyzed) == clean);
    CHECK(analyzed == src.size());
    CHECK(build_json(src, tmp.path, &analyzed) == clean);
    CHECK(analyzed == 0);
}

TEST_CASE("cache: the key depends on path, text and conventions", "[cache]") {
    std::string salt = cache_salt(Conventions::defaults());
    Conventions other = Conventions::defaults();
    other.case_labels.push_back("实例");
    CHECK(cache_salt(other) != salt);
    std::string k = NoteCache::key(salt, "a.md", "text");
    CHECK(k.size() == 32);
    CHECK(NoteCache::key(salt, "a.md", "text") == k);
    CHECK(NoteCache::key(salt, "b.md", "text") != k);
    CHECK(NoteCache::key(salt, "a.md", "text!") != k);
    CHECK(content_hash("") != content_hash(std::string(1, '\0')));
}

TEST_CASE("cache: an entry round-trips and names its note", "[cache]") {
    BuildOptions options;
    NoteAnalysis a = analyze_note("notes/10.md", note(0, 1), options);
    std::string data = encode_note_analysis(a);
    auto back = decode_note_analysis(data, "notes/10.md");
    REQUIRE(back);
    CHECK(back->diagnostics == a.diagnostics);
    CHECK(back->facts.mentions.size() == a.facts.mentions.size());
    CHECK(back->facts.relations.size() == a.facts.relations.size());
    REQUIRE(back->links.links.size() == a.links.links.size());
    CHECK(back->links.anchors == a.links.anchors);
    CHECK(back->links.path == a.links.path);
    REQUIRE(!a.links.anchors.empty());
    REQUIRE(!a.links.links.empty());
    for (std::size_t i = 0; i < a.links.links.size(); ++i) {
        CHECK(back->links.links[i].destination == a.links.links[i].destination);
        CHECK(back->links.loc(back->links.links[i]) == a.links.loc(a.links.links[i]));
    }
    CHECK(back->facts.title == a.facts.title);
    CHECK(back->facts.title_loc == a.facts.title_loc);
    for (std::size_t i = 0; i < a.facts.relations.size(); ++i) {
        CHECK(back->facts.relations[i].from == a.facts.relations[i].from);
        CHECK(back->facts.relations[i].loc == a.facts.relations[i].loc);
        CHECK(back->facts.relations[i].attributes == a.facts.relations[i].attributes);
    }
    CHECK(!decode_note_analysis(data, "notes/11.md"));
    std::string older = data;  // an entry of an earlier cache format is a miss
    older[8] = 2;
    older[9] = older[10] = older[11] = 0;
    CHECK_FALSE(decode_note_analysis(older, "notes/10.md"));
    // Every truncation is refused, and a flipped byte anywhere never crashes (ASan runs this).
    for (std::size_t n = 0; n < data.size(); ++n) CHECK_FALSE(decode_note_analysis(data.substr(0, n), "notes/10.md"));
    CHECK_FALSE(decode_note_analysis(data + "x", "notes/10.md"));
    for (std::size_t i = 0; i < data.size(); i += 3) {
        std::string bad = data;
        bad[i] = static_cast<char>(bad[i] ^ 0x5A);
        (void)decode_note_analysis(bad, "notes/10.md");
    }
}
