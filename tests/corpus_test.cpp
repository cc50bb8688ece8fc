// Unit tests: scanning a corpus directory and reading notes defensively.
#include "convgraph/corpus.hpp"
#include "convgraph/error.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

using namespace convgraph;
namespace fs = std::filesystem;

namespace {

// A fresh directory under the system temp dir, removed at the end of the test.
class TempDir {
public:
    TempDir() {
        std::random_device rd;
        m_path = fs::temp_directory_path() /
                 ("convgraph-corpus-test-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
        fs::create_directories(m_path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(m_path, ec);
    }
    const fs::path& path() const { return m_path; }
    void write(const std::string& rel, const std::string& content) const {
        fs::path p = m_path / rel;
        fs::create_directories(p.parent_path());
        std::ofstream(p, std::ios::binary) << content;
    }

private:
    fs::path m_path;
};

std::vector<std::string> paths_of(const std::vector<CorpusFile>& files) {
    std::vector<std::string> out;
    for (const auto& f : files) out.push_back(f.path);
    return out;
}

std::optional<std::string> check_text(const std::string& text, DiagnosticSink& sink, std::uintmax_t limit = 1u << 20) {
    CorpusLimits limits;
    limits.max_file_bytes = limit;
    return check_note_text("n.md", text, limits, sink);
}

}  // namespace

TEST_CASE("scan_corpus finds md files recursively in byte order", "[corpus]") {
    TempDir dir;
    dir.write("b.md", "# b");
    dir.write("a.md", "# a");
    dir.write("sub/z.md", "# z");
    dir.write("sub/deeper/c.md", "# c");
    dir.write("notes.txt", "not a note");
    dir.write("README.markdown", "not .md");
    dir.write(".git/x.md", "hidden");
    dir.write(".convgraph/y.md", "hidden");
    dir.write("sub/.hidden.md", "hidden");
    dir.write("中文/笔记.md", "# 中");
    DiagnosticSink sink;
    auto files = scan_corpus(dir.path(), sink);
    CHECK(paths_of(files) == std::vector<std::string>{"a.md", "b.md", "sub/deeper/c.md", "sub/z.md", "中文/笔记.md"});
    CHECK(sink.all().empty());
    REQUIRE(files.size() == 5);
    CHECK(fs::exists(files[0].full_path));
}

TEST_CASE("scan_corpus follows symlinks inside the root only", "[corpus]") {
    TempDir dir;
    TempDir outside;
    outside.write("secret.md", "# secret");
    dir.write("real/a.md", "# a");
    fs::create_directory_symlink(dir.path() / "real", dir.path() / "alias");
    fs::create_symlink(dir.path() / "real/a.md", dir.path() / "link.md");
    fs::create_directory_symlink(outside.path(), dir.path() / "escape");
    fs::create_symlink(outside.path() / "secret.md", dir.path() / "escape.md");
    DiagnosticSink sink;
    auto files = scan_corpus(dir.path(), sink);
    // "alias" reaches the directory "real" a second time: its notes keep their real path.
    auto paths = paths_of(files);
    CHECK(paths == std::vector<std::string>{"link.md", "real/a.md"});
    int alias_reports = 0;
    for (const auto& d : sink.all())
        if (d.code == "symlink-loop" && d.loc.path == "alias") ++alias_reports;
    CHECK(alias_reports == 1);
    for (const auto& p : paths) CHECK(p.find("secret") == std::string::npos);
    std::vector<std::string> escapes;
    for (const auto& d : sink.all())
        if (d.code == "symlink-escapes-corpus") {
            escapes.push_back(d.loc.path);
            CHECK(d.severity == Severity::warning);
        }
    std::sort(escapes.begin(), escapes.end());
    CHECK(escapes == std::vector<std::string>{"escape", "escape.md"});
}

TEST_CASE("a symlink loop ends with a symlink-loop diagnostic", "[corpus]") {
    TempDir dir;
    dir.write("d/a.md", "# a");
    fs::create_directory_symlink(dir.path() / "d", dir.path() / "d/again");
    fs::create_directory_symlink(dir.path(), dir.path() / "d/root");
    DiagnosticSink sink;
    auto files = scan_corpus(dir.path(), sink);
    CHECK(paths_of(files) == std::vector<std::string>{"d/a.md"});
    int loops = 0;
    for (const auto& d : sink.all())
        if (d.code == "symlink-loop") ++loops;
    CHECK(loops == 2);
}

TEST_CASE("scan_corpus throws Error when the root is not a directory", "[corpus]") {
    TempDir dir;
    dir.write("file.md", "# x");
    DiagnosticSink sink;
    CHECK_THROWS_AS(scan_corpus(dir.path() / "missing", sink), Error);
    CHECK_THROWS_AS(scan_corpus(dir.path() / "file.md", sink), Error);
}

TEST_CASE("read_note reads a note and skips one that is too large", "[corpus]") {
    TempDir dir;
    dir.write("ok.md", "# 标题\n");
    dir.write("big.md", std::string(100, 'x'));
    DiagnosticSink sink;
    CorpusLimits limits;
    limits.max_file_bytes = 50;
    CHECK(read_note({"ok.md", dir.path() / "ok.md"}, limits, sink) == std::optional<std::string>("# 标题\n"));
    CHECK(sink.all().empty());
    CHECK_FALSE(read_note({"big.md", dir.path() / "big.md"}, limits, sink).has_value());
    REQUIRE(sink.all().size() == 1);
    CHECK(sink.all()[0].code == "file-too-large");
    CHECK(sink.all()[0].loc == SourceLoc{"big.md", 0, 0});
    CHECK(sink.all()[0].message == "file is 100 bytes, over the limit of 50; skipped");
    CHECK_FALSE(read_note({"gone.md", dir.path() / "gone.md"}, limits, sink).has_value());
    CHECK(sink.all().back().code == "unreadable-file");
}

TEST_CASE("read_note refuses a FIFO with a note's name instead of waiting for a writer", "[corpus]") {
    // Without O_NONBLOCK the open would wait for a writer: this test would hang (ctest times out).
    TempDir dir;
    REQUIRE(::mkfifo((dir.path() / "pipe.md").c_str(), 0600) == 0);
    DiagnosticSink sink;
    DiagnosticSink scan_sink;
    auto files = scan_corpus(dir.path(), scan_sink);
    REQUIRE(files.size() == 1);
    CHECK_FALSE(read_note(files[0], CorpusLimits{}, sink).has_value());
    REQUIRE(sink.all().size() == 1);
    CHECK(sink.all()[0].code == "unreadable-file");
    CHECK(sink.all()[0].loc == SourceLoc{"pipe.md", 0, 0});
    CHECK(sink.all()[0].message == "cannot read file: not a regular file");
}

TEST_CASE("read_note reads an empty note and a note larger than one read", "[corpus]") {
    TempDir dir;
    dir.write("empty.md", "");
    std::string big;
    for (int i = 0; big.size() < (3u << 20); ++i) big += "- 第" + std::to_string(i) + "行\n";
    dir.write("big.md", big);
    DiagnosticSink sink;
    CHECK(read_note({"empty.md", dir.path() / "empty.md"}, CorpusLimits{}, sink) == std::optional<std::string>(""));
    CHECK(read_note({"big.md", dir.path() / "big.md"}, CorpusLimits{}, sink) == std::optional<std::string>(big));
    CHECK(sink.all().empty());
}

TEST_CASE("read_note reads a file whose stat gives no size to its end, and keeps to the limit", "[corpus]") {
    DiagnosticSink sink;
    // /proc files say 0 bytes: the text is read until the end all the same (the buffer grows).
    auto status = read_note({"status.md", "/proc/self/status"}, CorpusLimits{}, sink);
    REQUIRE(status.has_value());
    CHECK(status->rfind("Name:", 0) == 0);
    CHECK(status->size() > 200);
    CHECK(sink.all().empty());
    CorpusLimits small;
    small.max_file_bytes = 16;  // a file that grows past the limit while it is read is refused
    CHECK_FALSE(read_note({"status.md", "/proc/self/status"}, small, sink).has_value());
    REQUIRE(sink.all().size() == 1);
    CHECK(sink.all()[0].code == "file-too-large");
    TempDir dir;
    dir.write("exact.md", std::string(16, 'x'));  // exactly at the limit: read
    CHECK(read_note({"exact.md", dir.path() / "exact.md"}, small, sink) == std::optional<std::string>(std::string(16, 'x')));
    CHECK(sink.all().size() == 1);
}

TEST_CASE("a NUL byte makes a note binary", "[corpus]") {
    TempDir dir;
    dir.write("bin.md", std::string("line1\nli\0ne2\n", 13));
    DiagnosticSink sink;
    CHECK_FALSE(read_note({"bin.md", dir.path() / "bin.md"}, CorpusLimits{}, sink).has_value());
    REQUIRE(sink.all().size() == 1);
    CHECK(sink.all()[0].code == "binary-file");
    CHECK(sink.all()[0].loc == SourceLoc{"bin.md", 2, 0});
    CHECK(sink.all()[0].message == "file contains a NUL byte at offset 8; not a text note, skipped");
}

TEST_CASE("invalid UTF-8 is reported with line column and byte offset then repaired", "[corpus]") {
    DiagnosticSink sink;
    auto text = check_text("# 标题\n中文\xFF尾\n", sink);
    REQUIRE(text.has_value());
    CHECK(*text == "# 标题\n中文\xEF\xBF\xBD尾\n");
    REQUIRE(sink.all().size() == 1);
    const auto& d = sink.all()[0];
    CHECK(d.code == "invalid-utf8");
    CHECK(d.severity == Severity::error);
    CHECK(d.loc == SourceLoc{"n.md", 2, 3});
    CHECK(d.message == "invalid UTF-8 at byte offset 15; invalid bytes are read as U+FFFD");
}

TEST_CASE("invalid UTF-8 at the first byte", "[corpus]") {
    DiagnosticSink sink;
    auto text = check_text("\x80" "abc", sink);
    REQUIRE(text.has_value());
    REQUIRE(sink.all().size() == 1);
    CHECK(sink.all()[0].loc == SourceLoc{"n.md", 1, 1});
    CHECK(sink.all()[0].message.find("byte offset 0;") != std::string::npos);
}

TEST_CASE("control characters are removed with one warning", "[corpus]") {
    DiagnosticSink sink;
    auto text = check_text("a\tb\r\nc\x07" "d\x1B\n", sink);
    REQUIRE(text.has_value());
    CHECK(*text == "a\tb\r\ncd\n");
    REQUIRE(sink.all().size() == 1);
    CHECK(sink.all()[0].code == "control-character");
    CHECK(sink.all()[0].severity == Severity::warning);
    CHECK(sink.all()[0].loc == SourceLoc{"n.md", 2, 0});
    CHECK(sink.all()[0].message == "control character U+0007 removed, and 1 more");
}

TEST_CASE("a lone carriage return and DEL are control characters, CRLF is a line break", "[corpus]") {
    // A lone CR was a line break to cmark-gfm and none to grep -n, suppression comments or the
    // excerpt: every later line number disagreed. DEL went through unreported.
    DiagnosticSink sink;
    auto text = check_text("# 01-甲\r\nsome\rtext\r\nA\x7f" "B and more text here\r", sink);
    REQUIRE(text.has_value());
    CHECK(*text == "# 01-甲\r\nsometext\r\nAB and more text here");
    REQUIRE(sink.all().size() == 1);
    CHECK(sink.all()[0].loc == SourceLoc{"n.md", 2, 0});
    CHECK(sink.all()[0].message == "control character U+000D removed, and 2 more (line 3)");
    // DEL at every offset of the eight-byte words the scan skips.
    for (std::size_t at = 0; at < 17; ++at) {
        DiagnosticSink del;
        auto t = check_text(std::string(at, 'x') + "\x7f" + std::string(17, 'y'), del);
        REQUIRE(t.has_value());
        CHECK(*t == std::string(at, 'x') + std::string(17, 'y'));
        REQUIRE(del.all().size() == 1);
        CHECK(del.all()[0].message == "control character U+007F removed");
    }
}

TEST_CASE("a note nested deeper than the limit is skipped", "[corpus]") {
    CorpusLimits limits;
    limits.max_nesting = 3;
    auto check = [&](const std::string& text) {
        DiagnosticSink sink;
        auto out = check_note_text("n.md", text, limits, sink);
        return std::pair{out.has_value(), sink.all().empty() ? SourceLoc{} : sink.all().front().loc};
    };
    // Markers at the start of one line: block quotes and list items of every kind.
    CHECK(check("# t\n\n> * > 1. deep\n") == std::pair{false, SourceLoc{"n.md", 3, 1}});
    CHECK(check("> * 1) text\n").first);
    CHECK(check("* * *\n- - -\n").first);  // three levels: within the limit
    CHECK_FALSE(check("+ + + + x\n").first);
    // List items each indented under the last; a line indented less closes them.
    CHECK_FALSE(check("- a\n  - b\n    - c\n      - d\n").first);
    CHECK(check("- a\n  - b\n    - c\n- d\n  - e\n\n    - f\n").first);
    CHECK(check("- a\n  - b\n    - c\n\n          indented code under c\n").first);
    CHECK(check("1. a\n   2. b\n      3. c\n   4. d\n").first);
    // Words that look like markers are text.
    CHECK(check("-a -b -c -d\n*x* 1.5 > x\n").first);
    // The default leaves every real note alone and stops a line of 150,000 "* ".
    DiagnosticSink sink;
    std::string deep;
    for (int i = 0; i < 150000; ++i) deep += "* ";
    CHECK_FALSE(check_note_text("n.md", deep + "x\n", CorpusLimits{}, sink).has_value());
    REQUIRE(sink.all().size() == 1);
    CHECK(sink.all()[0].code == "nesting-too-deep");
}

TEST_CASE("the one control-character warning counts the others and names their lines", "[corpus]") {
    DiagnosticSink sink;
    check_text("a\x01\nb\x1B\x1B\nc\n\x0C" "d\n", sink);
    REQUIRE(sink.all().size() == 1);
    CHECK(sink.all()[0].loc == SourceLoc{"n.md", 1, 0});
    CHECK(sink.all()[0].message == "control character U+0001 removed, and 3 more (lines 2, 4)");
    DiagnosticSink many;
    std::string text = "\x02";
    for (int i = 0; i < 7; ++i) text += "\n\x02";
    check_text(text, many);
    CHECK(many.all()[0].message == "control character U+0002 removed, and 7 more (lines 2, 3, 4, 5, 6, …)");
    DiagnosticSink five;
    check_text(text.substr(0, 11), five);  // lines 2 to 6: all of them named
    CHECK(five.all()[0].message == "control character U+0002 removed, and 5 more (lines 2, 3, 4, 5, 6)");
}

TEST_CASE("an invalid byte after a byte order mark is placed by its offset in the file", "[corpus]") {
    DiagnosticSink sink;
    check_text("\xEF\xBB\xBF# bom\xFF\n", sink);
    REQUIRE(sink.all().size() == 1);
    CHECK(sink.all()[0].loc == SourceLoc{"n.md", 1, 6});  // columns count from after the mark
    CHECK(sink.all()[0].message.find("byte offset 8;") != std::string::npos);
}

TEST_CASE("a UTF-8 byte order mark is dropped silently", "[corpus]") {
    DiagnosticSink sink;
    auto text = check_text("\xEF\xBB\xBF# 标题\n", sink);
    REQUIRE(text.has_value());
    CHECK(*text == "# 标题\n");
    CHECK(sink.all().empty());
}

TEST_CASE("check_note_text applies the size limit to in-memory text", "[corpus]") {
    DiagnosticSink sink;
    CHECK_FALSE(check_text(std::string(11, 'x'), sink, 10).has_value());
    REQUIRE(sink.all().size() == 1);
    CHECK(sink.all()[0].code == "file-too-large");
    DiagnosticSink ok;
    CHECK(check_text(std::string(10, 'x'), ok, 10).has_value());
    CHECK(ok.all().empty());
}

TEST_CASE("control characters and invalid UTF-8 are found wherever they fall in a word of eight bytes", "[corpus]") {
    // The scan skips eight printable ASCII bytes at a time: put the bad byte at every offset of
    // a word, after plain ASCII and after CJK text, and compare with the byte-by-byte answer.
    for (const std::string& prefix : {std::string(), std::string("说明文字"), std::string("ab中")}) {
        for (std::size_t at = 0; at < 20; ++at) {
            const std::string head = prefix + std::string(at, 'x');
            {
                DiagnosticSink sink;
                auto text = check_text(head + "\x01" "tail\t\n" + std::string(9, 'y'), sink);
                REQUIRE(text.has_value());
                CHECK(*text == head + "tail\t\n" + std::string(9, 'y'));
                REQUIRE(sink.all().size() == 1);
                CHECK(sink.all()[0].code == "control-character");
            }
            {
                DiagnosticSink sink;
                auto text = check_text(head + "\xE4\xB8" "zz\x02" + std::string(9, 'y'), sink);  // truncated 中, then a control
                REQUIRE(text.has_value());
                CHECK(*text == head + "\xEF\xBF\xBD\xEF\xBF\xBDzz" + std::string(9, 'y'));
                REQUIRE(sink.all().size() == 2);
                CHECK(sink.all()[0].code == "invalid-utf8");
                CHECK(sink.all()[0].message.find("byte offset " + std::to_string(head.size()) + ";") != std::string::npos);
                CHECK(sink.all()[1].code == "control-character");
            }
            {
                DiagnosticSink sink;
                auto text = check_text(head + "\x1F" + "\xFF" + std::string(9, 'y'), sink);  // a control, then invalid
                REQUIRE(text.has_value());
                CHECK(*text == head + "\xEF\xBF\xBD" + std::string(9, 'y'));
                REQUIRE(sink.all().size() == 2);
                CHECK(sink.all()[0].message.find("byte offset " + std::to_string(head.size() + 1) + ";") != std::string::npos);
                CHECK(sink.all()[1].message == "control character U+001F removed");
            }
            {
                DiagnosticSink sink;
                CHECK(check_text(head + "中文\n" + std::string(at, 'z'), sink) == head + "中文\n" + std::string(at, 'z'));
                CHECK(sink.all().empty());
            }
        }
    }
}
