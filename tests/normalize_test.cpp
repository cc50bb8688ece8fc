// Unit tests: concept-name normalisation, labels, phrase splitting, trimming, aliases.
#include "convgraph/conventions.hpp"
#include "convgraph/normalize.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace convgraph;

TEST_CASE("normalize_name strips emphasis and code marks", "[normalize]") {
    CHECK(normalize_name("**Scaling Law**") == "scaling law");
    CHECK(normalize_name("*Scaling Law*") == "scaling law");
    CHECK(normalize_name("`Scaling Law`") == "scaling law");
    CHECK(normalize_name("__bold__") == "bold");
    CHECK(normalize_name("_em_") == "em");
    CHECK(normalize_name("~~gone~~") == "gone");
    CHECK(normalize_name("**架构同质化**") == "架构同质化");
}

TEST_CASE("normalize_name trims and collapses white space", "[normalize]") {
    CHECK(normalize_name("  Scaling \t  Law \n") == "scaling law");
    CHECK(normalize_name("\xE3\x80\x80技术收敛\xE3\x80\x80") == "技术收敛");  // U+3000 at both ends
    CHECK(normalize_name("a\xE3\x80\x80\xE3\x80\x80" "b") == "a b");
    CHECK(normalize_name("").empty());
    CHECK(normalize_name("  ** **  ").empty());
}

TEST_CASE("normalize_name folds full-width forms and Latin case", "[normalize]") {
    CHECK(normalize_name("ＡＢＣ") == "abc");
    CHECK(normalize_name("ＡＢＣ") == normalize_name("abc"));
    CHECK(normalize_name("技术，收敛") == "技术,收敛");
    CHECK(normalize_name("技术，收敛") == normalize_name("技术,收敛"));
    CHECK(normalize_name("（背景）") == "(背景)");
    CHECK(normalize_name("PyTorch/TensorFlow 双寡头") == "pytorch/tensorflow 双寡头");
    CHECK(normalize_name("ÄÖÜ Straße") == "äöü strasse");
    CHECK(normalize_name("Scaling Law") == normalize_name("SCALING law"));
}

TEST_CASE("normalize_name keeps snake_case and inner marks of words", "[normalize]") {
    CHECK(normalize_name("snake_case") == "snake_case");
    CHECK(normalize_name("bind_headers_x") == "bind_headers_x");
    CHECK(normalize_name("AdamW+Warmup 标准") == "adamw+warmup 标准");
}

TEST_CASE("clean_label strips marks but keeps case and width", "[normalize]") {
    CHECK(clean_label("**Scaling  Law**") == "Scaling Law");
    CHECK(clean_label("  `ＡＢＣ`  ") == "ＡＢＣ");
    CHECK(clean_label("snake_case") == "snake_case");
}

TEST_CASE("split_phrases splits on the default delimiters", "[normalize]") {
    const auto& d = Conventions::defaults().delimiters;
    CHECK(split_phrases("规模效应，性能可预测", d) == std::vector<std::string>{"规模效应", "性能可预测"});
    CHECK(split_phrases("a, b;c；d、e", d) == std::vector<std::string>{"a", "b", "c", "d", "e"});
    CHECK(split_phrases("fixed cadence; scope cut-off", d) == std::vector<std::string>{"fixed cadence", "scope cut-off"});
    CHECK(split_phrases("**甲**，，\xE3\x80\x80乙\xE3\x80\x80", d) == std::vector<std::string>{"甲", "乙"});
    CHECK(split_phrases("架构同质化", d) == std::vector<std::string>{"架构同质化"});
    CHECK(split_phrases("", d).empty());
    CHECK(split_phrases("a|b", {"|"}) == std::vector<std::string>{"a", "b"});
}

TEST_CASE("trim removes ASCII and Unicode white space at both ends", "[normalize]") {
    CHECK(trim("  abc \t\n") == "abc");
    CHECK(trim("\xE3\x80\x80 技术 \xE3\x80\x80") == "技术");
    CHECK(trim("\xC2\xA0x\xC2\xA0") == "x");  // NBSP
    CHECK(trim("a b") == "a b");
    CHECK(trim("").empty());
    CHECK(trim(" \xE3\x80\x80 ").empty());
}

TEST_CASE("AliasTable normalises both sides and resolves to the target", "[normalize]") {
    AliasTable aliases;
    CHECK(aliases.empty());
    aliases.add("**LLM**", "Large Language Model");
    aliases.add("ＧＰＴ", "gpt family");
    CHECK_FALSE(aliases.empty());
    CHECK(aliases.resolve("llm") == "large language model");
    CHECK(aliases.resolve("gpt") == "gpt family");
    const std::string other = "other";
    CHECK(&aliases.resolve(other) == &other);
    CHECK(aliases.entries().size() == 2);
    CHECK(aliases.entries().at("llm") == "large language model");
}
