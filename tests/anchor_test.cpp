// Unit tests: GitHub heading anchors (github-slugger) and percent-decoding, per
// shared/reference/github-heading-anchors.md.
#include "convgraph/anchor.hpp"
#include "convgraph/diagnostics.hpp"
#include "convgraph/markdown.hpp"
#include "convgraph/unicode.hpp"

#include <catch2/catch.hpp>
#include <utf8proc.h>

#include <string>
#include <utility>
#include <vector>

using namespace convgraph;

namespace {

std::vector<std::string> anchors_of(const std::string& markdown) {
    DiagnosticSink sink;
    Document doc = parse_markdown("a.md", markdown, sink);
    std::vector<std::string> out;
    for (const auto& h : doc.headings) out.push_back(h.anchor);
    return out;
}

}  // namespace

TEST_CASE("github_slug reproduces the worked examples 1 to 17", "[anchor]") {
    CHECK(github_slug("Getting Started") == "getting-started");
    CHECK(github_slug("03.3.1-技术收敛驱动力") == "0331-技术收敛驱动力");
    CHECK(github_slug("二、技术收敛驱动力核心因素") == "二技术收敛驱动力核心因素");
    CHECK(github_slug("三、Scaling Law 驱动力") == "三scaling-law-驱动力");
    CHECK(github_slug("1.2 概述（背景）") == "12-概述背景");
    CHECK(github_slug("第3章：图谱导出（GEXF/JSON）") == "第3章图谱导出gexfjson");
    CHECK(github_slug("🚀 Quick start") == "-quick-start");
    CHECK(github_slug("\xE2\x9A\xA0\xEF\xB8\x8F Warning: API") == "\xEF\xB8\x8F-warning-api");  // U+FE0F is kept
    CHECK(github_slug("Node.js & npm: what’s new?") == "nodejs--npm-whats-new");
    CHECK(github_slug("C++ / Rust — a “fair” comparison!") == "c--rust--a-fair-comparison");
    CHECK(github_slug("The convgraph lint command") == "the-convgraph-lint-command");
    CHECK(github_slug("See the docs") == "see-the-docs");
    CHECK(github_slug("snake_case and kebab-case") == "snake_case-and-kebab-case");
    CHECK(github_slug("v2.0.0 (2024-01-01)") == "v200-2024-01-01");
    CHECK(github_slug(":tada: Release notes") == "tada-release-notes");
    CHECK(github_slug("Ⓐ circled ① and ½") == "ⓐ-circled--and-");
    CHECK(github_slug("ΣΊΣΥΦΟΣ") == "σίσυφος");
}

TEST_CASE("github_slug reproduces the fixture values", "[anchor]") {
    CHECK(github_slug("heading with a - dash") == "heading-with-a---dash");
    CHECK(github_slug("exchange.bind_headers(exchange, routing [, bindCallback])") ==
          "exchangebind_headersexchange-routing--bindcallback");
    CHECK(github_slug("😄_😄 unicode emoji") == "_-unicode-emoji");
    CHECK(github_slug("Привет non-latin 你好") == "привет-non-latin-你好");
    CHECK(github_slug("İstanbul") == "i\xCC\x87stanbul");  // one-to-many lower-casing
    CHECK(github_slug("ＡＢＣ") == "ａｂｃ");                   // full-width letters lower-case too
    CHECK(github_slug("tab\there") == "tabhere");               // Cc removed
    CHECK(github_slug("a\xE3\x80\x80" "b\xC2\xA0" "c") == "abc"); // U+3000 and NBSP are Zs: removed
    CHECK(github_slug("、。，：；（）《》「」【】・～！？") == "");
}

TEST_CASE("Slugger numbers repeats and registers suffixed results", "[anchor]") {
    SECTION("FAQ examples 18 to 21") {
        Slugger s;
        CHECK(s.slug("FAQ") == "faq");
        CHECK(s.slug("FAQ") == "faq-1");
        CHECK(s.slug("FAQ 1") == "faq-1-1");
        CHECK(s.slug("FAQ") == "faq-2");
    }
    SECTION("echo fixture") {
        Slugger s;
        CHECK(s.slug("echo") == "echo");
        CHECK(s.slug("echo") == "echo-1");
        CHECK(s.slug("echo 1") == "echo-1-1");
        CHECK(s.slug("echo-1") == "echo-1-2");
        CHECK(s.slug("echo") == "echo-2");
    }
    SECTION("leading and trailing space fixture") {
        Slugger s;
        CHECK(s.slug(" a ") == "-a-");
        CHECK(s.slug("-a-") == "-a--1");
    }
    SECTION("empty slugs: example 22") {
        Slugger s;
        CHECK(s.slug("🎉") == "");
        CHECK(s.slug("🎉") == "-1");
    }
}

TEST_CASE("heading anchors come from the plain text of the heading", "[anchor]") {
    CHECK(anchors_of("## The `convgraph lint` command\n") == std::vector<std::string>{"the-convgraph-lint-command"});
    CHECK(anchors_of("## See [the docs](https://example.com/x)\n") == std::vector<std::string>{"see-the-docs"});
    CHECK(anchors_of("## alpha *bravo* charlie\n") == std::vector<std::string>{"alpha-bravo-charlie"});
    CHECK(anchors_of("## A &amp; B\n") == std::vector<std::string>{"a--b"});
    CHECK(anchors_of("## &#x20;a&#x20;\n\n## -a-\n") == std::vector<std::string>{"-a-", "-a--1"});
    CHECK(anchors_of("## :ok_hand: Single\n") == std::vector<std::string>{"ok_hand-single"});
    CHECK(anchors_of("# 八、核心结论\n\n## 八、相关主题\n\n## 八、核心结论\n") ==
          std::vector<std::string>{"八核心结论", "八相关主题", "八核心结论-1"});
}

TEST_CASE("percent_decode decodes escapes as UTF-8 bytes", "[anchor]") {
    CHECK(percent_decode("%E4%B8%AD") == "中");
    CHECK(percent_decode("%e4%b8%ad%E6%96%87") == "中文");
    CHECK(percent_decode("%41%42c") == "ABc");
    CHECK(percent_decode("%EF%B8%8F-warning-api") == "\xEF\xB8\x8F-warning-api");
    CHECK(percent_decode("100%") == "100%");
    CHECK(percent_decode("%4") == "%4");
    CHECK(percent_decode("%zz") == "%zz");
    CHECK(percent_decode("a%2") == "a%2");
    CHECK(percent_decode("plain-anchor") == "plain-anchor");
}

TEST_CASE("github_slug keeps ASCII letters digits underscore and hyphen only", "[anchor]") {
    std::string ascii;
    for (char c = 1; c < 0x7F; ++c) ascii += c;
    ascii += '\x7F';
    CHECK(github_slug(ascii) == "--0123456789abcdefghijklmnopqrstuvwxyz_abcdefghijklmnopqrstuvwxyz");
    CHECK(github_slug("A-b_C 中文、Ⓐ！") == "a-b_c-中文ⓐ");
}

TEST_CASE("github_slug keeps every CJK ideograph as it is, as utf8proc's case and category say", "[anchor]") {
    // The slug's shortcut for U+3400–U+4DBF and U+4E00–U+9FFF must agree with the general rule:
    // a letter (category L*) that lower-cases to itself is kept.
    for (auto [lo, hi] : {std::pair<char32_t, char32_t>{0x3400, 0x4DBF}, std::pair<char32_t, char32_t>{0x4E00, 0x9FFF}}) {
        for (char32_t cp = lo; cp <= hi; ++cp) {
            INFO("U+" << std::hex << static_cast<unsigned>(cp));
            REQUIRE(is_cjk_ideograph(cp));
            REQUIRE(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp)) == static_cast<utf8proc_int32_t>(cp));
            const auto category = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
            REQUIRE((category >= UTF8PROC_CATEGORY_LU && category <= UTF8PROC_CATEGORY_LO));
        }
    }
    CHECK(github_slug("三层 模型（概览）") == "三层-模型概览");
}
