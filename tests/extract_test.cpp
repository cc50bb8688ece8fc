// Unit tests: the house conventions applied to one note (tables, charts, sections, layers).
#include "convgraph/extract.hpp"
#include "convgraph/markdown.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

using namespace convgraph;

namespace {

NoteFacts facts_of(const std::string& text, const std::string& path = "n.md") {
    DiagnosticSink sink;
    Document doc = parse_markdown(path, text, sink);
    return extract_facts(doc, Conventions::defaults());
}

using Triple = std::tuple<std::string, std::string, int>;  // from, to, line

std::vector<Triple> relations(const NoteFacts& f, Relation rel) {
    std::vector<Triple> out;
    for (const auto& r : f.relations)
        if (r.relation == rel) out.emplace_back(r.from, r.to, r.loc.line);
    return out;
}

std::set<std::pair<std::string, Role>> mentions(const NoteFacts& f) {
    std::set<std::pair<std::string, Role>> out;
    for (const auto& m : f.mentions) out.emplace(m.name, m.role);
    return out;
}

const char* const k_table_note =
    "# 03.3.1-技术收敛驱动力\n"                                      // 1
    "\n"                                                            // 2
    "## 二、核心因素\n"                                             // 3
    "\n"                                                            // 4
    "| **因素** | **作用机制** | **收敛效果** |\n"                  // 5
    "| --- | --- | --- |\n"                                         // 6
    "| **Scaling Law** | 规模效应，性能可预测 | 架构同质化 |\n"     // 7
    "| 工程实践 | 工具链完善、开发效率提升；生态 | 技术路线统一 |\n";  // 8

}  // namespace

TEST_CASE("the title gives subject series and a driver mention", "[extract]") {
    NoteFacts f = facts_of(k_table_note);
    CHECK(f.path == "n.md");
    CHECK(f.title == "03.3.1-技术收敛驱动力");
    CHECK(f.series == "03.3.1");
    CHECK(f.subject == "技术收敛驱动力");
    CHECK(f.title_loc.line == 1);
    CHECK(mentions(f).count({"技术收敛驱动力", Role::driver}) == 1);
}

TEST_CASE("a driver table gives has_factor acts_through and produces", "[extract]") {
    NoteFacts f = facts_of(k_table_note);
    CHECK(relations(f, Relation::has_factor) ==
          std::vector<Triple>{{"技术收敛驱动力", "Scaling Law", 7}, {"技术收敛驱动力", "工程实践", 8}});
    CHECK(relations(f, Relation::acts_through) == std::vector<Triple>{{"Scaling Law", "规模效应", 7},
                                                                      {"Scaling Law", "性能可预测", 7},
                                                                      {"工程实践", "工具链完善", 8},
                                                                      {"工程实践", "开发效率提升", 8},
                                                                      {"工程实践", "生态", 8}});
    CHECK(relations(f, Relation::produces) == std::vector<Triple>{{"规模效应", "架构同质化", 7},
                                                                  {"性能可预测", "架构同质化", 7},
                                                                  {"工具链完善", "技术路线统一", 8},
                                                                  {"开发效率提升", "技术路线统一", 8},
                                                                  {"生态", "技术路线统一", 8}});
    auto m = mentions(f);
    CHECK(m.count({"Scaling Law", Role::driver}) == 1);
    CHECK(m.count({"规模效应", Role::mechanism}) == 1);
    CHECK(m.count({"架构同质化", Role::effect}) == 1);
    CHECK(f.table_drivers.size() == 2);
}

TEST_CASE("a table without a driver header gives nothing", "[extract]") {
    NoteFacts f = facts_of("# T\n\n| 名称 | 说明 |\n| --- | --- |\n| a | b |\n");
    CHECK(f.relations.empty());
    CHECK(mentions(f) == std::set<std::pair<std::string, Role>>{{"T", Role::driver}});
}

TEST_CASE("English headers Driver Mechanism Effect are recognised", "[extract]") {
    NoteFacts f = facts_of("# 05.1.1-Release Convergence\n\n| Driver | Mechanism | Effect |\n|---|---|---|\n"
                           "| Release Trains | fixed cadence; scope cut-off | Synchronised ecosystems |\n");
    CHECK(f.subject == "Release Convergence");
    CHECK(relations(f, Relation::acts_through) ==
          std::vector<Triple>{{"Release Trains", "fixed cadence", 5}, {"Release Trains", "scope cut-off", 5}});
    CHECK(relations(f, Relation::produces).size() == 2);
    CHECK(relations(f, Relation::has_factor) == std::vector<Triple>{{"Release Convergence", "Release Trains", 5}});
}

TEST_CASE("an overview chart makes the subject's children drivers", "[extract]") {
    NoteFacts f = facts_of("# 01-总驱动\n\n```mermaid\ngraph TB\n    A[总驱动] --> B[甲]\n    A --> C[乙]\n"
                           "    B -.->|弱| D[丙]\n    C ==> D\n```\n");
    CHECK(relations(f, Relation::has_factor) == std::vector<Triple>{{"总驱动", "甲", 5}, {"总驱动", "乙", 6}});
    auto m = mentions(f);
    CHECK(m.count({"甲", Role::driver}) == 1);
    CHECK(m.count({"丙", Role::concept_}) == 1);
    CHECK(relations(f, Relation::leads_to) ==
          std::vector<Triple>{{"总驱动", "甲", 5}, {"总驱动", "乙", 6}, {"甲", "丙", 7}, {"乙", "丙", 8}});
    for (const auto& r : f.relations) {
        if (r.relation != Relation::leads_to) continue;
        if (r.from == "甲") {
            CHECK(r.label == "弱");
            CHECK(r.attributes == std::vector<std::pair<std::string, std::string>>{{"stroke", "dotted"}, {"arrow", "arrow"}});
        }
        if (r.from == "乙")
            CHECK(r.attributes == std::vector<std::pair<std::string, std::string>>{{"stroke", "thick"}, {"arrow", "arrow"}});
    }
    REQUIRE(f.overview_drivers.size() == 2);
    CHECK(f.overview_drivers[0].name == "甲");
}

namespace {

const char* const k_section_note =
    "# 03.3.1-技术收敛驱动力\n"                                // 1
    "\n"                                                      // 2
    "| 因素 | 作用机制 | 收敛效果 |\n"                         // 3
    "| --- | --- | --- |\n"                                   // 4
    "| Scaling Law | 规模效应 | 架构同质化 |\n"               // 5
    "\n"                                                      // 6
    "## 三、Scaling Law 驱动力\n"                             // 7
    "\n"                                                      // 8
    "### 3.1 Scaling Law 作用机制\n"                          // 9
    "\n"                                                      // 10
    "**核心思想**：规模效应，性能可预测\n"                    // 11
    "\n"                                                      // 12
    "**收敛效果**：\n"                                        // 13
    "\n"                                                      // 14
    "1. **架构同质化**：Transformer 成为事实标准\n"           // 15
    "2. **训练范式统一**：预训练-微调-RLHF 三段式\n"          // 16
    "\n"                                                      // 17
    "### 3.2 Scaling Law 收敛案例\n"                          // 18
    "\n"                                                      // 19
    "**Scaling Law 收敛案例**：\n"                            // 20
    "\n"                                                      // 21
    "1. **Transformer 统治**：事实标准\n"                     // 22
    "\n"                                                      // 23
    "## 八、核心结论\n"                                       // 24
    "\n"                                                      // 25
    "**收敛效果**：\n"                                        // 26
    "\n"                                                      // 27
    "1. **收敛效果**：架构同质化、训练范式统一\n"             // 28
    "2. **不应出现**：x\n";                                   // 29

}  // namespace

TEST_CASE("a core idea in a driver section gives acts_through", "[extract]") {
    NoteFacts f = facts_of(k_section_note);
    CHECK(relations(f, Relation::acts_through) == std::vector<Triple>{{"Scaling Law", "规模效应", 5},
                                                                      {"Scaling Law", "规模效应", 11},
                                                                      {"Scaling Law", "性能可预测", 11}});
    for (const auto& r : f.relations)
        if (r.relation == Relation::acts_through && r.loc.line == 11) CHECK(r.loc.column == 9);
}

TEST_CASE("an effects list in a driver section gives results_in with descriptions", "[extract]") {
    NoteFacts f = facts_of(k_section_note);
    CHECK(relations(f, Relation::results_in) ==
          std::vector<Triple>{{"Scaling Law", "架构同质化", 15}, {"Scaling Law", "训练范式统一", 16}});
    for (const auto& r : f.relations)
        if (r.relation == Relation::results_in && r.to == "架构同质化") {
            CHECK(r.description == "Transformer 成为事实标准");
            CHECK(r.loc.column == 4);
        }
    bool described = false;
    for (const auto& m : f.mentions)
        if (m.name == "训练范式统一" && m.role == Role::effect) described = m.description == "预训练-微调-RLHF 三段式";
    CHECK(described);
}

TEST_CASE("a list labelled with a name ending in 案例 gives exemplified_by", "[extract]") {
    NoteFacts f = facts_of(k_section_note);
    CHECK(relations(f, Relation::exemplified_by) == std::vector<Triple>{{"Scaling Law", "Transformer 统治", 22}});
    CHECK(mentions(f).count({"Transformer 统治", Role::case_}) == 1);
}

TEST_CASE("a conclusions section that names no driver yields nothing", "[extract]") {
    NoteFacts f = facts_of(k_section_note);
    for (const auto& r : f.relations) CHECK(r.loc.line < 24);
    for (const auto& m : f.mentions) CHECK(m.loc.line < 24);
}

TEST_CASE("English labels Core idea Effects and Cases", "[extract]") {
    NoteFacts f = facts_of("# 05.1.1-Release Convergence\n\n| Driver | Mechanism | Effect |\n|---|---|---|\n"   // 1-4
                           "| Semantic Versioning | version contracts | Predictable upgrades |\n\n"              // 5-6
                           "## 3. Semantic Versioning driver\n\n"                                              // 7-8
                           "**Core idea**: version contracts, compatibility signals\n\n"                       // 9-10
                           "**Effects**:\n\n1. **Dependency ranges**: manifests declare ranges\n\n"            // 11-14
                           "**Cases**:\n\n1. **Caret ranges**: by default\n");                                 // 15-17
    CHECK(relations(f, Relation::acts_through) == std::vector<Triple>{{"Semantic Versioning", "version contracts", 5},
                                                                      {"Semantic Versioning", "version contracts", 9},
                                                                      {"Semantic Versioning", "compatibility signals", 9}});
    CHECK(relations(f, Relation::results_in) == std::vector<Triple>{{"Semantic Versioning", "Dependency ranges", 13}});
    CHECK(relations(f, Relation::exemplified_by) == std::vector<Triple>{{"Semantic Versioning", "Caret ranges", 17}});
}

TEST_CASE("layer sections give has_aspect and influences", "[extract]") {
    NoteFacts f = facts_of("# 03.3.1-技术收敛驱动力\n\n## 七、与三层模型的关系\n\n- **不是层**：x\n\n"   // 1-6
                           "### 7.1 技术收敛驱动力与执行层\n\n"                                      // 7-8
                           "- **计算范式**：统一\n- **硬件适配**：统一\n\n"                           // 9-11
                           "### 5.1 Release Convergence and the execution layer\n\n"                // 12-13
                           "- **Artifact publishing**: one step\n");                                 // 14
    CHECK(relations(f, Relation::has_aspect) == std::vector<Triple>{
                                                    {"执行层", "计算范式", 9},
                                                    {"执行层", "硬件适配", 10},
                                                    {"execution layer", "Artifact publishing", 14}});
    CHECK(relations(f, Relation::influences) == std::vector<Triple>{{"技术收敛驱动力", "计算范式", 9},
                                                                    {"技术收敛驱动力", "硬件适配", 10},
                                                                    {"技术收敛驱动力", "Artifact publishing", 14}});
    auto m = mentions(f);
    CHECK(m.count({"执行层", Role::layer}) == 1);
    CHECK(m.count({"execution layer", Role::layer}) == 1);
    CHECK(m.count({"计算范式", Role::aspect}) == 1);
    CHECK(m.count({"不是层", Role::aspect}) == 0);
    for (const auto& r : f.relations)
        if (r.relation == Relation::has_aspect && r.to == "计算范式") CHECK(r.description == "统一");
}

TEST_CASE("an item without a bold label is named up to its first colon and described by the rest", "[extract]") {
    NoteFacts f = facts_of("# 03.3.1-技术收敛驱动力\n\n| 因素 | 作用机制 | 收敛效果 |\n|---|---|---|\n"   // 1-4
                           "| 甲 | 机 | 效 |\n\n## 一、甲驱动力\n\n**收敛效果**：\n\n"                   // 5-10
                           "1. **e1**：labelled: kept whole\n2. e2：d2: and more\n3. e3: d3\n4. e4 no colon\n\n"  // 11-15
                           "## 七、三层模型\n\n### 7.1 甲与执行层\n\n- a1：desc1\n- a2\n");             // 16-21
    std::map<std::string, std::string> described;
    for (const auto& r : f.relations)
        if (r.relation == Relation::results_in || r.relation == Relation::has_aspect) described[r.to] = r.description;
    CHECK(described == std::map<std::string, std::string>{{"e1", "labelled: kept whole"}, {"e2", "d2: and more"},
                                                          {"e3", "d3"}, {"e4 no colon", ""},
                                                          {"a1", "desc1"}, {"a2", ""}});
    for (const auto& m : f.mentions)
        if (m.name == "e4 no colon") CHECK(m.description.empty());
}
