// Unit tests: diagnostics rendering and ordering.
#include "convgraph/diagnostics.hpp"

#include <catch2/catch.hpp>

using namespace convgraph;

TEST_CASE("a diagnostic renders as path:line:col: severity: message and code", "[diagnostics]") {
    Diagnostic d{{"notes/a.md", 12, 5}, Severity::error, "broken-link", "link target 'b.md' does not exist", ""};
    CHECK(format_diagnostic(d) == "notes/a.md:12:5: error: link target 'b.md' does not exist [broken-link]");
    CHECK(format_diagnostic(d, "corpus") ==
          "corpus/notes/a.md:12:5: error: link target 'b.md' does not exist [broken-link]");
    CHECK(format_diagnostic(d, "corpus/") ==
          "corpus/notes/a.md:12:5: error: link target 'b.md' does not exist [broken-link]");
}

TEST_CASE("a diagnostic's text is one line of UTF-8 whatever it quotes", "[diagnostics]") {
    DiagnosticSink sink;
    sink.error({"a.md", 1, 1}, "x", "target 'a\nb\r\tc\x1b[2K\x7f' and '\xe9t\xc3\xa9'", "hint\nhere");
    const Diagnostic& d = sink.all().front();
    CHECK(d.message == "target 'a\\nb\\r\\tc\\x1b[2K\\x7f' and '\xef\xbf\xbdt\xc3\xa9'");
    CHECK(d.hint == "hint\\nhere");
    sink.error({"a.md", 1, 1}, "x", "plain 中文 text");
    CHECK(sink.all().back().message == "plain 中文 text");
}

TEST_CASE("a zero column or line is left out", "[diagnostics]") {
    Diagnostic d{{"a.md", 3, 0}, Severity::warning, "x", "m", ""};
    CHECK(format_diagnostic(d) == "a.md:3: warning: m [x]");
    d.loc.line = 0;
    CHECK(format_diagnostic(d) == "a.md: warning: m [x]");
}

TEST_CASE("diagnostics sort by place and lose exact duplicates", "[diagnostics]") {
    DiagnosticSink sink;
    sink.error({"b.md", 1, 1}, "c", "m");
    sink.warning({"a.md", 9, 1}, "c", "m");
    sink.warning({"a.md", 2, 4}, "c", "m");
    sink.warning({"a.md", 2, 4}, "c", "m");
    auto all = sink.take();
    sort_diagnostics(all);
    REQUIRE(all.size() == 3);
    CHECK(all[0].loc.line == 2);
    CHECK(all[1].loc.line == 9);
    CHECK(all[2].loc.path == "b.md");
}
