// Unit tests: the pieces of the early cutoff — the build record, patching the documents of a
// graph file and of its twin, assembling a file from ranges of another.
#include "convgraph/build_record.hpp"
#include "convgraph/cache.hpp"
#include "convgraph/error.hpp"
#include "convgraph/graph_binary.hpp"
#include "convgraph/graph_file.hpp"
#include "convgraph/io.hpp"
#include "convgraph/pipeline.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>
#include <sstream>
#include <string>

using namespace convgraph;
namespace fs = std::filesystem;

namespace {

BuildRecord sample_record() {
    BuildRecord r;
    r.signature = std::string("sig\0nature", 10);
    r.started_ns = 1'700'000'000'000'000'000;
    r.notes = {{"a.md", {10, 20, 30, 40}, "0123456789abcdef0123456789abcdef", 77, 10, true},
               {"b/c.md", {11, -5, 31, 40}, "", 78, 0, false}};
    r.link_targets = {{"img.png", true}, {"missing.pdf", false}};
    r.scan_digest = 99;
    r.json = {1000, 2000};
    r.twin = {3000, 4000};
    return r;
}

BuildResult sample_build() {
    BuildOptions options;
    options.jobs = 1;
    return build_graph_from_sources(
        {{"a.md", "# 01-甲\n\n| 因素 | 作用机制 | 收敛效果 |\n|---|---|---|\n| **乙** | 机制 | 效果 |\n\n[坏](#nope)\n"},
         {"b.md", "# 02-丙\n\n## 一、丙驱动力\n\n**收敛效果**：\n\n1. **乙**：描述\n"},
         {"c.md", "# 03-丁 \"引号\"\n\n**核心思想**：乙，丙\n"}},
        options);
}

struct TempDir {
    fs::path path;
    TempDir() {
        std::string tmpl = (fs::temp_directory_path() / "convgraph-rebuild-test-XXXXXX").string();
        path = ::mkdtemp(tmpl.data());
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

}  // namespace

TEST_CASE("build record: round trip, and anything else is a miss", "[rebuild]") {
    const BuildRecord r = sample_record();
    const std::string data = encode_build_record(r);
    auto back = decode_build_record(data);
    REQUIRE(back);
    CHECK(*back == r);
    for (std::size_t n = 0; n < data.size(); ++n) CHECK_FALSE(decode_build_record(data.substr(0, n)));
    CHECK_FALSE(decode_build_record(data + "x"));
    BuildRecord unsorted = r;
    std::swap(unsorted.notes[0], unsorted.notes[1]);
    CHECK_FALSE(decode_build_record(encode_build_record(unsorted)));
    for (std::size_t i = 0; i < data.size(); ++i) {  // never a crash; the sanitizer build runs this too
        std::string bad = data;
        bad[i] = static_cast<char>(bad[i] ^ 0x5A);
        (void)decode_build_record(bad);
    }
}

TEST_CASE("a note is unchanged by its stat unless it was racily clean", "[rebuild]") {
    constexpr std::int64_t s = 1'000'000'000;
    NoteRecord note;
    note.stat = {100, 1000 * s, 1000 * s, 7, 8, 0100644};
    const std::optional<FileStat> same = note.stat;
    CHECK(unchanged_since(note, same, 1003 * s));         // recorded well before the build began
    CHECK_FALSE(unchanged_since(note, same, 1001 * s));   // within the timestamp granularity
    CHECK_FALSE(unchanged_since(note, same, 999 * s));    // written after the build began
    CHECK_FALSE(unchanged_since(note, std::nullopt, 1003 * s));  // gone
    for (auto change : {&FileStat::size, &FileStat::inode, &FileStat::device}) {
        std::optional<FileStat> other = note.stat;
        ++(*other.*change);
        CHECK_FALSE(unchanged_since(note, other, 1003 * s));
    }
    std::optional<FileStat> touched = note.stat;
    touched->ctime_ns += 1;
    CHECK_FALSE(unchanged_since(note, touched, 1003 * s));
    NoteRecord damaged = note;
    damaged.stat.mtime_ns = std::numeric_limits<std::int64_t>::min();  // no overflow (UBSan runs this)
    CHECK(unchanged_since(damaged, damaged.stat, 1003 * s));
}

TEST_CASE("diagnostics digest: order, text and places count", "[rebuild]") {
    Diagnostic a{{"a.md", 1, 2}, Severity::error, "broken-link", "m", ""};
    Diagnostic b = a;
    b.loc.line = 3;
    CHECK(diagnostics_digest({a, b}) == diagnostics_digest({a, b}));
    CHECK(diagnostics_digest({a, b}) != diagnostics_digest({b, a}));
    CHECK(diagnostics_digest({a}) != diagnostics_digest({b}));
    CHECK(diagnostics_digest({}) != diagnostics_digest({a}));
    CHECK(diagnostics_digest({a}, 1) != diagnostics_digest({a}, 2));
}

TEST_CASE("graph file: documents patched in place of a rebuild", "[rebuild]") {
    BuildResult r = sample_build();
    REQUIRE(r.documents.size() == 3);
    const std::string old_text = write_graph_json(r);
    BuildResult changed = sample_build();
    changed.documents[0].bytes = 123456;  // more digits
    changed.documents[2].bytes = 7;       // fewer
    auto pieces = graph_json_with_documents(old_text, r.documents, {{0, changed.documents[0]}, {2, changed.documents[2]}});
    REQUIRE(pieces);
    std::string assembled;
    for (const auto& p : *pieces) assembled += p.text.empty() ? old_text.substr(p.offset, p.size) : p.text;
    CHECK(assembled == write_graph_json(changed));
    // No change, or a graph file that does not hold these documents: nothing to patch.
    auto none = graph_json_with_documents(old_text, r.documents, {});
    REQUIRE(none);
    REQUIRE(none->size() == 1);
    CHECK((*none)[0].size == old_text.size());
    BuildResult other = sample_build();
    other.documents[1].bytes += 1;
    CHECK_FALSE(graph_json_with_documents(old_text, other.documents, {{1, changed.documents[1]}}));
    CHECK_FALSE(graph_json_with_documents(old_text, r.documents, {{3, changed.documents[0]}}));
    CHECK_FALSE(graph_json_with_documents(old_text, r.documents, {{2, changed.documents[2]}, {0, changed.documents[0]}}));
    CHECK_FALSE(graph_json_with_documents(old_text, r.documents, {{0, changed.documents[0]}, {0, changed.documents[0]}}));
    CHECK_FALSE(graph_json_with_documents("{}", r.documents, {{0, changed.documents[0]}}));
}

TEST_CASE("twin: summary without the graph, and byte counts patched", "[rebuild]") {
    BuildResult r = sample_build();
    std::ostringstream out;
    write_graph_binary(r, GraphFileStamp{10, 20}, out);
    const std::string data = out.str();
    auto summary = read_twin_summary(data, {10, 20});
    REQUIRE(summary);
    CHECK(summary->nodes == r.graph.node_count());
    CHECK(summary->edges == r.graph.edge_count());
    CHECK(summary->diagnostics == r.diagnostics);
    REQUIRE(summary->documents.size() == r.documents.size());
    CHECK(summary->documents[1].path == r.documents[1].path);
    CHECK(summary->documents[1].bytes == r.documents[1].bytes);
    CHECK_FALSE(read_twin_summary(data, {10, 21}));
    for (std::size_t n = 0; n < data.size(); n += 7) CHECK_FALSE(read_twin_summary(data.substr(0, n), {10, 20}));

    BuildResult changed = sample_build();
    changed.documents[1].bytes = 999;
    std::ostringstream expected;
    write_graph_binary(changed, GraphFileStamp{30, 40}, expected);
    std::string assembled;
    for (const auto& p : twin_with_bytes(data, *summary, {{1, 999}}, {30, 40}))
        assembled += p.text.empty() ? data.substr(p.offset, p.size) : p.text;
    CHECK(assembled == expected.str());
}

TEST_CASE("a file assembled from ranges of another and literal text", "[rebuild][io]") {
    TempDir tmp;
    const fs::path source = tmp.path / "source";
    std::string big(3 << 20, 'x');  // larger than one copy chunk of the fallback path
    for (std::size_t i = 0; i < big.size(); i += 4096) big[i] = static_cast<char>('a' + (i / 4096) % 26);
    write_file_atomic(source, big);
    const std::vector<FilePiece> pieces = {{0, 10, {}}, {0, 0, "NEW"}, {20, big.size() - 20, {}}};
    write_file_atomic_from(tmp.path / "out", source, pieces);
    CHECK(read_file(tmp.path / "out") == big.substr(0, 10) + "NEW" + big.substr(20));
    // The source may be the file replaced.
    write_file_atomic_from(source, source, {{5, 5, {}}, {0, 0, "!"}});
    CHECK(read_file(source) == big.substr(5, 5) + "!");
    // A range past the end of the source fails and leaves the target as it was.
    CHECK_THROWS_AS(write_file_atomic_from(tmp.path / "out", source, {{0, 1000, {}}}), Error);
    CHECK(read_file(tmp.path / "out") == big.substr(0, 10) + "NEW" + big.substr(20));
    CHECK_THROWS_AS(write_file_atomic_from(tmp.path / "x", tmp.path / "missing", {}), Error);
    CHECK_FALSE(fs::exists(tmp.path / "x"));
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(tmp.path)) ++files;
    CHECK(files == 2);  // no temporary left behind
}

TEST_CASE("the program is told from other builds of it by its build ID", "[rebuild]") {
    const std::string& id = program_fingerprint();
    CHECK(id.rfind("build-id:", 0) == 0);  // Debian's toolchain links one in by default
    CHECK(&program_fingerprint() == &id);  // computed once
    CHECK(cache_salt(Conventions::defaults()).size() == 32);
}

TEST_CASE("a file lock is taken, and is none where it cannot be", "[rebuild][io]") {
    TempDir tmp;
    {
        FileLock lock(tmp.path / "lock");
        CHECK(lock.locked());
        CHECK(fs::exists(tmp.path / "lock"));
    }
    FileLock again(tmp.path / "lock");  // released with the first
    CHECK(again.locked());
    FileLock nowhere(tmp.path / "missing-dir" / "lock");
    CHECK_FALSE(nowhere.locked());
}

TEST_CASE("a full build takes plain notes unchanged since the last build from the cache, unless racily clean", "[rebuild]") {
    // The previous build's record is made by hand, with the note's current stat, so that only
    // the build's start decides: long after the note's mtime (trusted: the old text's entry is
    // used, unread) or within the timestamp granularity (racily clean: the note is read).
    TempDir dir;
    const fs::path corpus = dir.path / "corpus";
    fs::create_directories(corpus);
    const fs::path note = corpus / "a.md";
    auto write = [&](const std::string& text) {
        std::ofstream(note, std::ios::binary) << text;
    };
    write("# 01-甲\n\n| 因素 | 作用机制 | 收敛效果 |\n|---|---|---|\n| **乙** | 旧机制 | 效果 |\n");
    BuildOptions options;
    options.jobs = 1;
    options.cache_dir = dir.path / "cache";
    const BuildResult first = build_graph({corpus}, options);
    REQUIRE(first.notes.size() == 1);
    REQUIRE(first.notes[0].plain);
    REQUIRE(first.graph.find("旧机制"));
    write("# 01-甲\n\n| 因素 | 作用机制 | 收敛效果 |\n|---|---|---|\n| **乙** | 新机制 | 效果 |\n");
    const auto now = stat_file(note);
    REQUIRE(now);
    auto previous = std::make_shared<BuildRecord>();
    previous->notes = first.notes;
    previous->notes[0].stat = *now;

    previous->started_ns = now->mtime_ns + 10'000'000'000;  // long after: trusted
    options.previous = previous;
    const BuildResult trusted = build_graph({corpus}, options);
    CHECK(trusted.graph.find("旧机制"));  // the recorded entry, the new text unread
    CHECK_FALSE(trusted.graph.find("新机制"));

    previous->started_ns = now->mtime_ns + 1'000'000'000;  // within the granularity: read
    const BuildResult racy = build_graph({corpus}, options);
    CHECK(racy.graph.find("新机制"));
    CHECK_FALSE(racy.graph.find("旧机制"));

    previous->started_ns = now->mtime_ns + 10'000'000'000;
    previous->notes[0].plain = false;  // suppressions or read diagnostics: always read
    CHECK(build_graph({corpus}, options).graph.find("新机制"));
}
