// Fixture tests: tests/fixtures/house and tests/fixtures/english built alone, against their EXPECTED.md.
#include "convgraph/graph.hpp"
#include "convgraph/io.hpp"
#include "convgraph/normalize.hpp"
#include "convgraph/pipeline.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

using namespace convgraph;

namespace {

using Pairs = std::set<std::pair<std::string, std::string>>;

void require_invariants(const Graph& g) {
    auto problem = g.check_invariants();
    INFO(problem.value_or(""));
    REQUIRE_FALSE(problem.has_value());
}

BuildResult build_fixture(const std::string& dir, const std::string& name) {
    BuildOptions options;
    options.jobs = 1;
    std::string text = read_file(std::string(CONVGRAPH_TEST_DIR "/fixtures/") + dir + "/" + name);
    return build_graph_from_sources({{name, text}}, options);
}

Pairs relation_pairs(const Graph& g, Relation rel) {
    Pairs out;
    for (const auto& e : g.edges())
        if (e.relation == rel) out.emplace(g.node(e.source).id, g.node(e.target).id);
    return out;
}

// One expected edge: from, to, and the lines of its provenance.
struct Fact {
    const char* from;
    const char* to;
    std::vector<int> lines;
};

const Edge* find_edge(const Graph& g, Relation rel, std::string_view from, std::string_view to) {
    auto a = g.find(normalize_name(from));
    auto b = g.find(normalize_name(to));
    if (!a || !b) return nullptr;
    for (EdgeIndex e : g.out_edges(*a))
        if (g.edge(e).relation == rel && g.edge(e).target == *b) return &g.edge(e);
    return nullptr;
}

std::vector<int> lines_of(const Edge& e) {
    std::vector<int> out;
    for (const auto& loc : e.provenance) out.push_back(loc.line);
    return out;
}

// The edges of `rel` are exactly `facts`, each with exactly the given provenance lines.
void check_relation(const Graph& g, Relation rel, const std::vector<Fact>& facts) {
    Pairs expected;
    for (const auto& f : facts) {
        expected.emplace(normalize_name(f.from), normalize_name(f.to));
        const Edge* e = find_edge(g, rel, f.from, f.to);
        INFO(to_string(rel) << " " << f.from << " -> " << f.to);
        REQUIRE(e != nullptr);
        CHECK(lines_of(*e) == f.lines);
    }
    INFO(to_string(rel));
    CHECK(relation_pairs(g, rel) == expected);
}

std::vector<Role> roles_of(const Graph& g, std::string_view name) {
    auto v = g.find(normalize_name(name));
    INFO("concept " << name);
    REQUIRE(v.has_value());
    return g.node(*v).roles;
}

// Nodes left on leads_to cycles (or between them) after repeatedly removing sources and sinks.
std::set<std::string> leads_to_core(const Graph& g) {
    std::set<NodeIndex> alive;
    for (NodeIndex v = 0; v < g.node_count(); ++v) alive.insert(v);
    bool changed = true;
    while (changed) {
        changed = false;
        for (auto it = alive.begin(); it != alive.end();) {
            bool in = false, out = false;
            for (const auto& e : g.edges()) {
                if (e.relation != Relation::leads_to || !alive.count(e.source) || !alive.count(e.target)) continue;
                if (e.target == *it) in = true;
                if (e.source == *it) out = true;
            }
            if (!in || !out) {
                it = alive.erase(it);
                changed = true;
            } else {
                ++it;
            }
        }
    }
    std::set<std::string> out;
    for (NodeIndex v : alive) out.insert(g.node(v).id);
    return out;
}

std::map<Relation, int> per_relation(const Graph& g) {
    std::map<Relation, int> out;
    for (const auto& e : g.edges()) ++out[e.relation];
    return out;
}

std::map<Role, int> per_kind(const Graph& g) {
    std::map<Role, int> out;
    for (const auto& n : g.nodes()) ++out[n.kind];
    return out;
}

using DiagKey = std::tuple<int, int, std::string>;

std::vector<DiagKey> diag_keys(const BuildResult& r) {
    std::vector<DiagKey> out;
    for (const auto& d : r.diagnostics) out.emplace_back(d.loc.line, d.loc.column, d.code);
    return out;
}

}  // namespace

TEST_CASE("house fixture yields the facts of its EXPECTED file", "[fixture]") {
    const std::string note = "04.1.1-测试收敛驱动力.md";
    BuildResult r = build_fixture("house", note);
    const Graph& g = r.graph;
    require_invariants(g);

    const char* subject = "测试收敛驱动力";
    const char* ci = "持续集成";
    const char* fw = "测试框架统一";
    const char* cov = "覆盖率门禁";
    const char* pipe = "流水线标准化";

    SECTION("document") {
        REQUIRE(r.documents.size() == 1);
        CHECK(r.documents[0].path == note);
        CHECK(r.documents[0].series == "04.1.1");
        CHECK(r.documents[0].title == "04.1.1-测试收敛驱动力");
        CHECK(r.documents[0].subject == subject);
        auto doc = g.find("doc:" + note);
        REQUIRE(doc.has_value());
        CHECK(g.node(*doc).kind == Role::document);
        CHECK(g.node(*doc).label == "04.1.1-测试收敛驱动力");
    }
    SECTION("drivers and has_factor with overview and table provenance") {
        auto sub = g.find(normalize_name(subject));
        REQUIRE(sub.has_value());
        CHECK(g.node(*sub).provenance.front().place.line == 1);
        check_relation(g, Relation::has_factor,
                       {{subject, ci, {47, 77}}, {subject, fw, {48, 78}}, {subject, cov, {49, 79}}, {subject, pipe, {50, 80}}});
    }
    SECTION("acts_through from the table and the core ideas") {
        check_relation(g, Relation::acts_through,
                       {{ci, "自动触发", {77, 90}},
                        {ci, "快速反馈", {77, 90}},
                        {fw, "断言规范化", {78, 127}},
                        {fw, "夹具复用", {78, 127}},
                        {cov, "度量统一", {79, 163}},
                        {cov, "合并约束", {79, 163}},
                        {pipe, "模板共享", {80, 199}},
                        {pipe, "配置锁定", {80, 199}}});
    }
    SECTION("produces from the table") {
        check_relation(g, Relation::produces,
                       {{"自动触发", pipe, {77}},
                        {"快速反馈", pipe, {77}},
                        {"断言规范化", "测试风格趋同", {78}},
                        {"夹具复用", "测试风格趋同", {78}},
                        {"度量统一", "质量基线统一", {79}},
                        {"合并约束", "质量基线统一", {79}},
                        {"模板共享", "平台收敛", {80}},
                        {"配置锁定", "平台收敛", {80}}});
    }
    SECTION("results_in with descriptions") {
        check_relation(g, Relation::results_in,
                       {{ci, pipe, {107}},
                        {ci, "快速反馈", {108}},
                        {ci, fw, {109}},
                        {fw, "测试风格趋同", {143}},
                        {fw, "夹具复用", {144}},
                        {fw, "迁移成本上升", {145}},
                        {cov, "质量基线统一", {179}},
                        {cov, "合并约束", {180}},
                        {cov, "评审提速", {181}},
                        {pipe, "平台收敛", {215}},
                        {pipe, "配置锁定", {216}},
                        {pipe, "迁移成本上升", {217}}});
        const Edge* e = find_edge(g, Relation::results_in, ci, "快速反馈");
        REQUIRE(e != nullptr);
        CHECK(e->description == "几分钟内就能知道一次提交是否破坏了构建");
        for (const auto& edge : g.edges())
            if (edge.relation == Relation::results_in) CHECK_FALSE(edge.description.empty());
    }
    SECTION("exemplified_by") {
        check_relation(g, Relation::exemplified_by,
                       {{ci, "每提交构建", {115}},
                        {ci, fw, {116}},
                        {ci, "快速反馈", {117}},
                        {fw, "xUnit 风格普及", {151}},
                        {fw, "pytest 夹具模式", {152}},
                        {fw, "迁移成本上升", {153}},
                        {cov, "八成覆盖率门槛", {187}},
                        {cov, "合并约束", {188}},
                        {cov, "评审提速", {189}},
                        {pipe, "共享流水线模板", {223}},
                        {pipe, "配置锁定", {224}},
                        {pipe, "迁移成本上升", {225}}});
    }
    SECTION("leads_to chains and overview, no cycle") {
        check_relation(g, Relation::leads_to,
                       {{"代码提交", "自动触发", {96}},
                        {"自动触发", "快速反馈", {97}},
                        {"快速反馈", "缺陷前移", {98}},
                        {"缺陷前移", pipe, {99}},
                        {"断言规范化", "夹具复用", {133}},
                        {"夹具复用", "测试风格趋同", {134}},
                        {"测试风格趋同", "迁移成本上升", {135}},
                        {"度量统一", "合并约束", {169}},
                        {"合并约束", "质量基线统一", {170}},
                        {"质量基线统一", "评审提速", {171}},
                        {"模板共享", "配置锁定", {205}},
                        {"配置锁定", "迁移成本上升", {206}},
                        {"迁移成本上升", "平台收敛", {207}},
                        {subject, ci, {47}},
                        {subject, fw, {48}},
                        {subject, cov, {49}},
                        {subject, pipe, {50}},
                        {ci, "自动触发", {52}},
                        {fw, "断言规范化", {53}},
                        {cov, "度量统一", {54}},
                        {pipe, "模板共享", {55}}});
        CHECK(leads_to_core(g).empty());
        auto v = g.find(normalize_name("迁移成本上升"));
        REQUIRE(v.has_value());
        int incoming = 0;
        for (EdgeIndex e : g.in_edges(*v))
            if (g.edge(e).relation == Relation::leads_to) ++incoming;
        CHECK(incoming == 2);
        const Edge* e = find_edge(g, Relation::leads_to, "代码提交", "自动触发");
        REQUIRE(e != nullptr);
        CHECK(e->label.empty());
        CHECK(e->attributes == std::vector<std::pair<std::string, std::string>>{{"stroke", "normal"}, {"arrow", "arrow"}});
    }
    SECTION("roles") {
        using R = Role;
        CHECK(roles_of(g, fw) == std::vector<R>{R::driver, R::effect, R::case_});
        CHECK(roles_of(g, pipe) == std::vector<R>{R::driver, R::effect});
        for (const char* n : {"快速反馈", "合并约束", "配置锁定"})
            CHECK(roles_of(g, n) == std::vector<R>{R::mechanism, R::effect, R::case_});
        CHECK(roles_of(g, "夹具复用") == std::vector<R>{R::mechanism, R::effect});
        for (const char* n : {"迁移成本上升", "评审提速"}) CHECK(roles_of(g, n) == std::vector<R>{R::effect, R::case_});
        for (const char* n : {subject, ci, cov}) CHECK(roles_of(g, n) == std::vector<R>{R::driver});
        for (const char* n : {"自动触发", "断言规范化", "度量统一", "模板共享"})
            CHECK(roles_of(g, n) == std::vector<R>{R::mechanism});
        for (const char* n : {"测试风格趋同", "质量基线统一", "平台收敛"}) CHECK(roles_of(g, n) == std::vector<R>{R::effect});
        for (const char* n : {"每提交构建", "xUnit 风格普及", "pytest 夹具模式", "八成覆盖率门槛", "共享流水线模板"})
            CHECK(roles_of(g, n) == std::vector<R>{R::case_});
        for (const char* n : {"代码提交", "缺陷前移"}) CHECK(roles_of(g, n) == std::vector<R>{R::concept_});
        CHECK(g.node(*g.find(normalize_name(fw))).kind == Role::driver);
        CHECK(g.node(*g.find(normalize_name("迁移成本上升"))).kind == Role::effect);
    }
    SECTION("layers and aspects") {
        check_relation(g, Relation::has_aspect,
                       {{"执行层", "测试执行", {235}},
                        {"执行层", "并行调度", {236}},
                        {"执行层", "环境隔离", {237}},
                        {"控制层", "门禁策略", {243}},
                        {"控制层", "失败重试", {244}},
                        {"控制层", "发布审批", {245}},
                        {"数据层", "测试数据", {251}},
                        {"数据层", "结果归档", {252}},
                        {"数据层", "覆盖率报告", {253}}});
        check_relation(g, Relation::influences,
                       {{subject, "测试执行", {235}},
                        {subject, "并行调度", {236}},
                        {subject, "环境隔离", {237}},
                        {subject, "门禁策略", {243}},
                        {subject, "失败重试", {244}},
                        {subject, "发布审批", {245}},
                        {subject, "测试数据", {251}},
                        {subject, "结果归档", {252}},
                        {subject, "覆盖率报告", {253}}});
        for (const char* n : {"执行层", "控制层", "数据层"}) CHECK(roles_of(g, n) == std::vector<Role>{Role::layer});
    }
    SECTION("totals and mentions") {
        auto kinds = per_kind(g);
        CHECK(kinds[Role::driver] == 5);
        CHECK(kinds[Role::mechanism] == 8);
        CHECK(kinds[Role::effect] == 5);
        CHECK(kinds[Role::case_] == 5);
        CHECK(kinds[Role::concept_] == 2);
        CHECK(kinds[Role::layer] == 3);
        CHECK(kinds[Role::aspect] == 9);
        CHECK(kinds[Role::document] == 1);
        CHECK(g.node_count() == 38);
        auto rels = per_relation(g);
        CHECK(rels[Relation::mentions] == 37);
        CHECK(rels[Relation::links_to] == 0);
        auto doc = *g.find("doc:" + note);
        std::set<NodeIndex> mentioned;
        for (EdgeIndex e : g.out_edges(doc))
            if (g.edge(e).relation == Relation::mentions) mentioned.insert(g.edge(e).target);
        for (NodeIndex v = 0; v < g.node_count(); ++v)
            if (v != doc) CHECK(mentioned.count(v) == 1);
    }
    SECTION("no facts from the core-factor list or the conclusions") {
        for (const char* label : {"核心因素", "收敛效果", "收敛案例", "作用机制", "测试收敛驱动力让测试做法趋同"})
            CHECK_FALSE(g.find(normalize_name(label)).has_value());
        for (const auto& n : g.nodes())
            for (const auto& m : n.provenance) {
                INFO(n.id << " at line " << m.place.line);
                CHECK(((m.place.line < 66 || m.place.line > 69) && (m.place.line < 259 || m.place.line > 262)));
            }
    }
    SECTION("diagnostics") {
        CHECK(diag_keys(r) == std::vector<DiagKey>{{266, 1, "duplicate-section-number"},
                                                   {268, 3, "broken-link"},
                                                   {269, 3, "broken-link"},
                                                   {270, 3, "broken-link"},
                                                   {276, 3, "link-outside-corpus"}});
        REQUIRE(r.diagnostics.size() == 5);
        CHECK(r.diagnostics[0].message == "section number 八 is used twice (first at line 257)");
        CHECK(r.diagnostics[1].message == "link target '04.1.2-工具收敛驱动力.md' does not exist in the corpus");
        CHECK(r.diagnostics[2].message == "link target '04.1.3-流程收敛驱动力.md' does not exist in the corpus");
        CHECK(r.diagnostics[3].message == "link target '04.1.4-反测试收敛力量.md' does not exist in the corpus");
        CHECK(r.diagnostics[4].severity == Severity::warning);
        CHECK(r.count(Severity::error) == 4);
    }
}

TEST_CASE("english fixture yields the facts of its EXPECTED file", "[fixture]") {
    const std::string note = "05.1.1-release-convergence.md";
    BuildResult r = build_fixture("english", note);
    const Graph& g = r.graph;
    require_invariants(g);

    const char* subject = "Release Convergence";
    const char* sv = "Semantic Versioning";
    const char* rt = "Release Trains";

    SECTION("document") {
        REQUIRE(r.documents.size() == 1);
        CHECK(r.documents[0].series == "05.1.1");
        CHECK(r.documents[0].title == "05.1.1-Release Convergence");
        CHECK(r.documents[0].subject == subject);
        CHECK(g.find("doc:" + note).has_value());
    }
    SECTION("drivers, has_factor, acts_through, produces") {
        check_relation(g, Relation::has_factor, {{subject, sv, {40, 62}}, {subject, rt, {41, 63}}});
        check_relation(g, Relation::acts_through,
                       {{sv, "version contracts", {62, 73}},
                        {sv, "compatibility signals", {62, 73}},
                        {rt, "fixed cadence", {63, 110}},
                        {rt, "scope cut-off", {63, 110}}});
        check_relation(g, Relation::produces,
                       {{"version contracts", "Predictable upgrades", {62}},
                        {"compatibility signals", "Predictable upgrades", {62}},
                        {"fixed cadence", "Synchronised ecosystems", {63}},
                        {"scope cut-off", "Synchronised ecosystems", {63}}});
    }
    SECTION("results_in and exemplified_by") {
        check_relation(g, Relation::results_in,
                       {{sv, "Predictable upgrades", {90}},
                        {sv, "Dependency ranges", {91}},
                        {sv, rt, {92}},
                        {rt, "Synchronised ecosystems", {126}},
                        {rt, "scope cut-off", {127}},
                        {rt, sv, {128}}});
        check_relation(g, Relation::exemplified_by,
                       {{sv, "Caret ranges", {98}},
                        {sv, "Dependency ranges", {99}},
                        {sv, "Major-version branches", {100}},
                        {rt, "Six-week browser releases", {134}},
                        {rt, "scope cut-off", {135}},
                        {rt, sv, {136}}});
    }
    SECTION("leads_to and the one cycle") {
        check_relation(g, Relation::leads_to,
                       {{"version contracts", "compatibility signals", {79}},
                        {"compatibility signals", "Dependency ranges", {80}},
                        {"Dependency ranges", "Predictable upgrades", {81}},
                        {"Predictable upgrades", rt, {82}},
                        {"fixed cadence", "scope cut-off", {116}},
                        {"scope cut-off", "Synchronised ecosystems", {117}},
                        {"Synchronised ecosystems", sv, {118}},
                        {subject, sv, {40}},
                        {subject, rt, {41}},
                        {sv, "version contracts", {43}},
                        {rt, "fixed cadence", {44}}});
        std::set<std::string> cycle;
        for (const char* n : {sv, "version contracts", "compatibility signals", "Dependency ranges", "Predictable upgrades", rt,
                              "fixed cadence", "scope cut-off", "Synchronised ecosystems"})
            cycle.insert(normalize_name(n));
        CHECK(leads_to_core(g) == cycle);
        CHECK(cycle.count(normalize_name(subject)) == 0);
    }
    SECTION("case folding keeps the first spelling as label") {
        auto label = [&](const char* name) {
            auto v = g.find(normalize_name(name));
            REQUIRE(v.has_value());
            return g.node(*v).label;
        };
        CHECK(label("PREDICTABLE UPGRADES") == "Predictable upgrades");
        CHECK(label("Version contracts") == "version contracts");
        CHECK(label("Fixed cadence") == "fixed cadence");
        CHECK(label("Compatibility signals") == "compatibility signals");
        CHECK(label("Scope cut-off") == "scope cut-off");
        auto v = g.find(normalize_name("Predictable upgrades"));
        std::set<int> lines;
        for (const auto& m : g.node(*v).provenance) lines.insert(m.place.line);
        CHECK(lines == std::set<int>{62, 81, 90});
    }
    SECTION("roles") {
        using R = Role;
        CHECK(roles_of(g, sv) == std::vector<R>{R::driver, R::effect, R::case_});
        CHECK(roles_of(g, rt) == std::vector<R>{R::driver, R::effect});
        CHECK(roles_of(g, "scope cut-off") == std::vector<R>{R::mechanism, R::effect, R::case_});
        CHECK(roles_of(g, "Dependency ranges") == std::vector<R>{R::effect, R::case_});
        CHECK(roles_of(g, subject) == std::vector<R>{R::driver});
        for (const char* n : {"version contracts", "compatibility signals", "fixed cadence"})
            CHECK(roles_of(g, n) == std::vector<R>{R::mechanism});
        for (const char* n : {"Predictable upgrades", "Synchronised ecosystems"}) CHECK(roles_of(g, n) == std::vector<R>{R::effect});
        for (const char* n : {"Caret ranges", "Major-version branches", "Six-week browser releases"})
            CHECK(roles_of(g, n) == std::vector<R>{R::case_});
        for (const auto& n : g.nodes()) CHECK(n.kind != Role::concept_);
    }
    SECTION("layers from the English marker") {
        check_relation(g, Relation::has_aspect,
                       {{"execution layer", "Build reproducibility", {146}},
                        {"execution layer", "Artifact publishing", {147}},
                        {"control layer", "Deprecation policy", {153}},
                        {"control layer", "Support windows", {154}},
                        {"data layer", "Changelogs", {160}},
                        {"data layer", "Release metadata", {161}}});
        check_relation(g, Relation::influences,
                       {{subject, "Build reproducibility", {146}},
                        {subject, "Artifact publishing", {147}},
                        {subject, "Deprecation policy", {153}},
                        {subject, "Support windows", {154}},
                        {subject, "Changelogs", {160}},
                        {subject, "Release metadata", {161}}});
        CHECK_FALSE(g.find(normalize_name("执行层")).has_value());
    }
    SECTION("totals") {
        auto kinds = per_kind(g);
        CHECK(kinds[Role::driver] == 3);
        CHECK(kinds[Role::mechanism] == 4);
        CHECK(kinds[Role::effect] == 3);
        CHECK(kinds[Role::case_] == 3);
        CHECK(kinds[Role::layer] == 3);
        CHECK(kinds[Role::aspect] == 6);
        CHECK(kinds[Role::document] == 1);
        CHECK(g.node_count() == 23);
        auto rels = per_relation(g);
        int typed = 0;
        for (auto [rel, n] : rels)
            if (rel != Relation::mentions && rel != Relation::links_to) typed += n;
        CHECK(typed == 45);
        CHECK(rels[Relation::mentions] == 22);
        CHECK(rels[Relation::links_to] == 0);
    }
    SECTION("no facts from core factors or conclusions, and no diagnostics") {
        for (const auto& n : g.nodes())
            for (const auto& m : n.provenance) {
                INFO(n.id << " at line " << m.place.line);
                CHECK(((m.place.line < 53 || m.place.line > 54) && (m.place.line < 167 || m.place.line > 169)));
            }
        CHECK_FALSE(g.find("effects").has_value());
        CHECK(diag_keys(r).empty());
    }
}
