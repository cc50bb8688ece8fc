// Unit tests: the check registry, configuration, suppression comments and report formats.
#include "convgraph/check_codes.hpp"
#include "convgraph/config.hpp"
#include "convgraph/error.hpp"
#include "convgraph/pipeline.hpp"
#include "convgraph/report.hpp"
#include "convgraph/suppress.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <set>

using namespace convgraph;

TEST_CASE("check codes are unique and kebab-case", "[lint]") {
    std::set<std::string_view> seen;
    for (const auto& c : all_checks()) {
        CHECK(seen.insert(c.code).second);
        for (char ch : c.code) CHECK(((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-'));
        CHECK_FALSE(c.summary.empty());
        CHECK_FALSE(c.help.empty());
    }
    CHECK(find_check("broken-link") != nullptr);
    CHECK(find_check("no-such-check") == nullptr);
}

TEST_CASE("every diagnostic of the lint fixtures is registered with its default severity", "[lint]") {
    namespace fs = std::filesystem;
    std::size_t seen = 0;
    std::set<std::string> codes;
    for (const auto& entry : fs::directory_iterator(fs::path(CONVGRAPH_TEST_DIR) / "fixtures" / "lint")) {
        BuildResult r = build_graph({entry.path()}, BuildOptions{});
        for (const auto& d : r.diagnostics) {
            const CheckInfo* info = find_check(d.code);
            INFO(format_diagnostic(d));
            REQUIRE(info != nullptr);
            CHECK(info->default_severity == d.severity);
            codes.insert(d.code);
            ++seen;
        }
    }
    CHECK(seen > 20);
    CHECK(codes.size() >= 15);
}

TEST_CASE("config parses every section", "[lint]") {
    Config c = parse_config(R"({"conventions": {"mechanism_headers": ["How"]}, "aliases": {"TF": "Transformer"},
                                "ignore": ["drafts/**"], "checks": {"broken-link": "warning", "toc-mismatch": "off"},
                                "max_file_size": 100})",
                            "c.json");
    CHECK(c.conventions.mechanism_headers == std::vector<std::string>{"How"});
    CHECK(c.aliases.resolve("tf") == "transformer");
    REQUIRE(c.checks.count("broken-link"));
    CHECK(c.checks["broken-link"] == Severity::warning);
    CHECK_FALSE(c.checks["toc-mismatch"].has_value());
    CHECK(c.max_file_size == 100u);
}

TEST_CASE("of aliases naming one target in two spellings, the first in byte order labels it", "[lint]") {
    const char* note = "# 01-甲\n\n| 因素 | 作用机制 | 收敛效果 |\n|---|---|---|\n| tf 统治 | 机制 | 效果 |\n";
    struct Case {
        const char* config;
        const char* label;
    };
    for (auto [json, label] : {Case{R"({"aliases": {"tf 统治": "transformer 主导", "TF": "Transformer 主导"}})", "Transformer 主导"},
                               Case{R"({"aliases": {"tf 统治": "Transformer 主导", "TF": "transformer 主导"}})", "transformer 主导"}}) {
        BuildResult r = build_graph_from_sources({{"a.md", note}}, options_from_config(parse_config(json, "c.json")));
        auto v = r.graph.find("transformer 主导");
        REQUIRE(v);
        CHECK(r.graph.node(*v).label == label);
    }
}

TEST_CASE("config errors name the key", "[lint]") {
    auto message = [](const char* text) {
        try {
            parse_config(text, "x.json");
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    CHECK(message(R"({"colour": 1})").find("unknown key \"colour\"") != std::string::npos);
    CHECK(message(R"({"checks": {"nope": "off"}})").find("\"checks.nope\"") != std::string::npos);
    CHECK(message(R"({"checks": {"broken-link": 1}})").find("\"checks.broken-link\" must be") != std::string::npos);
    CHECK(message(R"({"max_file_size": -3})").find("\"max_file_size\"") != std::string::npos);
    CHECK(message(R"({"conventions": {"x": []}})").find("\"conventions.x\"") != std::string::npos);
    CHECK(message("[1]").find("top level must be an object") != std::string::npos);
    CHECK(message("{").find("not valid JSON") != std::string::npos);
}

TEST_CASE("ignore globs", "[lint]") {
    CHECK(glob_match("drafts/**", "drafts/a.md"));
    CHECK(glob_match("drafts/**", "drafts/x/y.md"));
    CHECK_FALSE(glob_match("drafts/**", "notes/drafts.md"));
    CHECK(glob_match("*.tmp.md", "a/b/c.tmp.md"));
    CHECK(glob_match("a/*.md", "a/b.md"));
    CHECK_FALSE(glob_match("a/*.md", "a/b/c.md"));
    CHECK(glob_match("a/**/c.md", "a/b/x/c.md"));
    CHECK(glob_match("a/**/c.md", "a/c.md"));
    CHECK(glob_match("drafts", "drafts/a.md"));
    CHECK(glob_match("?.md", "x/a.md"));
}

TEST_CASE("suppression comments", "[lint]") {
    auto s = Suppressions::scan("line1\n"
                                "<!-- convgraph-disable-next-line broken-link -->\n"
                                "line3\n"
                                "<!-- convgraph-disable toc-mismatch, broken-anchor -->\n"
                                "line5\n"
                                "<!-- convgraph-enable toc-mismatch -->\n"
                                "line7 <!-- convgraph-disable-line -->\n");
    CHECK(s.suppressed(3, "broken-link"));
    CHECK_FALSE(s.suppressed(3, "broken-anchor"));
    CHECK_FALSE(s.suppressed(4 - 3, "broken-link"));
    CHECK(s.suppressed(5, "toc-mismatch"));
    CHECK_FALSE(s.suppressed(7 + 1, "toc-mismatch"));
    CHECK(s.suppressed(100, "broken-anchor"));  // never enabled again
    CHECK(s.suppressed(7, "anything"));
    CHECK_FALSE(s.suppressed(0, "broken-link"));
    CHECK(Suppressions::scan("<!-- convgraph-disable-file -->").suppressed(0, "file-too-large"));
    CHECK(Suppressions::scan("no comments").empty());
}

TEST_CASE("a bare enable ends every disable, enable CODE takes one code out of a disable of all", "[lint]") {
    auto s = Suppressions::scan("<!-- convgraph-disable broken-link -->\n"  // 1
                                "a\n"                                        // 2
                                "<!-- convgraph-enable -->\n"                // 3
                                "b\n"                                        // 4
                                "<!-- convgraph-disable -->\n"               // 5
                                "c\n"                                        // 6
                                "<!-- convgraph-enable broken-link -->\n"    // 7
                                "d\n");                                      // 8
    CHECK(s.suppressed(2, "broken-link"));
    CHECK_FALSE(s.suppressed(4, "broken-link"));  // the disable with a code ended at line 3
    CHECK(s.suppressed(6, "broken-link"));
    CHECK(s.suppressed(6, "toc-mismatch"));
    CHECK_FALSE(s.suppressed(8, "broken-link"));  // enabled again at line 7
    CHECK(s.suppressed(8, "toc-mismatch"));       // the rest stay disabled
    CHECK(s.suppressed(100, "toc-mismatch"));
    CHECK(s.fingerprint() != Suppressions::scan("<!-- convgraph-disable -->\n").fingerprint());
}

TEST_CASE("suppression comments in code are text, not directives", "[lint]") {
    CHECK(Suppressions::scan("To silence a note, write:\n\n```markdown\n<!-- convgraph-disable-file -->\n```\n").empty());
    CHECK(Suppressions::scan("~~~~\n<!-- convgraph-disable -->\n~~~\nstill code\n<!-- convgraph-disable -->\n").empty());
    CHECK(Suppressions::scan("write `<!-- convgraph-disable-file -->` or ``<!-- convgraph-disable -->``\n").empty());
    // After the fence closes (CRLF lines too), and beside a code span, comments count again.
    auto s = Suppressions::scan("```\r\nx\r\n```\r\n<!-- convgraph-disable-next-line -->\r\ny\r\n");
    CHECK(s.suppressed(5, "broken-link"));
    CHECK(Suppressions::scan("`code` <!-- convgraph-disable-line -->\n").suppressed(1, "x"));
    CHECK(Suppressions::scan("a ` lone backtick <!-- convgraph-disable-line -->\n").suppressed(1, "x"));
}

TEST_CASE("junit names findings on one line of one file #2, #3, …", "[lint]") {
    std::vector<Diagnostic> d;
    for (int i = 0; i < 3; ++i) d.push_back({{"a.md", 3, 1 + i}, Severity::error, "broken-link", "m" + std::to_string(i), ""});
    d.push_back({{"a.md", 4, 1}, Severity::error, "broken-link", "m", ""});
    d.push_back({{"b.md", 3, 1}, Severity::error, "broken-link", "m", ""});
    const std::string xml = render_junit(d, ReportContext{});
    for (const char* name : {"name=\"broken-link line 3\"", "name=\"broken-link line 3 #2\"", "name=\"broken-link line 3 #3\"",
                             "name=\"broken-link line 4\""})
        CHECK(xml.find(name) != std::string::npos);
    CHECK(xml.find("line 3 #4") == std::string::npos);
    CHECK(xml.find("line 4 #2") == std::string::npos);
}

TEST_CASE("github annotations escape properties and messages", "[lint]") {
    std::vector<Diagnostic> d{{{"a, b:c.md", 3, 4}, Severity::warning, "x", "100% sure\nsecond: line", "fix, it"}};
    ReportContext ctx;
    ctx.prefix = "notes";
    CHECK(render_github(d, ctx) ==
          "::warning file=notes/a%2C b%3Ac.md,line=3,col=4,title=convgraph x::100%25 sure%0Asecond: line%0Ahint: fix, it\n");
}

TEST_CASE("the human format puts the caret under wide characters", "[lint]") {
    std::vector<Diagnostic> d{{{"a.md", 2, 4}, Severity::error, "c", "m", ""}};
    ReportContext ctx;
    ctx.source_line = [](const std::string& path, int line) -> std::optional<std::string> {
        if (path == "a.md" && line == 2) return std::string("中文x\tbad");
        return std::nullopt;
    };
    CHECK(render_human(d, ctx) == "a.md:2:4: error: m [c]\n    中文x\tbad\n         ^\n");
}

TEST_CASE("human diagnostics cut a long source line around the column and skip a BOM", "[lint]") {
    ReportContext ctx;
    const std::string long_line = std::string(1000, 'x') + "[a](b.md)" + std::string(1000, 'y');
    ctx.source_line = [&](const std::string&, int line) -> std::optional<std::string> {
        if (line == 1) return std::string("\xEF\xBB\xBF# t\xC3\xA9");
        return long_line;
    };
    std::vector<Diagnostic> far{{{"a.md", 3, 1001}, Severity::error, "c", "m", ""}};
    const std::string out = render_human(far, ctx);
    const std::string shown = "..." + std::string(80, 'x') + "[a](b.md)" + std::string(71, 'y') + "...";
    CHECK(out == "a.md:3:1001: error: m [c]\n    " + shown + "\n    " + std::string(83, ' ') + "^\n");
    // Near either end, one cut only; a short line is shown whole.
    std::vector<Diagnostic> start{{{"a.md", 3, 2}, Severity::error, "c", "m", ""}};
    CHECK(render_human(start, ctx).find("    " + std::string(160, 'x') + "...\n     ^\n") != std::string::npos);
    std::vector<Diagnostic> end{{{"a.md", 3, 2009}, Severity::error, "c", "m", ""}};
    CHECK(render_human(end, ctx).find("    ..." + std::string(160, 'y') + "\n") != std::string::npos);
    // Line 1 without its byte order mark: column 4 is under the é.
    std::vector<Diagnostic> bom{{{"a.md", 1, 4}, Severity::error, "c", "m", ""}};
    CHECK(render_human(bom, ctx) == "a.md:1:4: error: m [c]\n    # t\xC3\xA9\n       ^\n");
}

TEST_CASE("several diagnostics on one line each get their caret, the line read once", "[lint]") {
    ReportContext ctx;
    int reads = 0;
    ctx.source_line = [&](const std::string&, int) -> std::optional<std::string> {
        ++reads;
        return std::string("a\x01" "b c\n");
    };
    std::vector<Diagnostic> d{{{"a.md", 2, 1}, Severity::error, "c", "m", ""},
                              {{"a.md", 2, 4}, Severity::error, "c", "n", ""},
                              {{"b.md", 2, 2}, Severity::error, "c", "o", ""}};
    CHECK(render_human(d, ctx) == "a.md:2:1: error: m [c]\n    ab c\n    ^\n"
                                  "a.md:2:4: error: n [c]\n    ab c\n       ^\n"
                                  "b.md:2:2: error: o [c]\n    ab c\n     ^\n");
    CHECK(reads == 2);  // once for a.md's line, once for b.md's
}

TEST_CASE("the summary counts per severity", "[lint]") {
    std::vector<Diagnostic> d{{{"a.md", 1, 1}, Severity::error, "c", "m", ""},
                              {{"a.md", 1, 1}, Severity::note, "c", "m", ""}};
    CHECK(report_summary(d, 2) == "1 error, 0 warnings, 1 note in 2 files");
    CHECK(report_summary({}, 1) == "0 errors, 0 warnings, 0 notes in 1 file");
}
