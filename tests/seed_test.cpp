// Seed test: the real note of ../shared/seeds built alone must give every fact of graph-model.md.
#include "convgraph/graph.hpp"
#include "convgraph/io.hpp"
#include "convgraph/normalize.hpp"
#include "convgraph/pipeline.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

using namespace convgraph;

namespace {

using Pairs = std::set<std::pair<std::string, std::string>>;

std::optional<std::filesystem::path> seed_path() {
    std::vector<std::filesystem::path> candidates;
    if (const char* shared = std::getenv("SHARED_DIR"))
        candidates.emplace_back(std::filesystem::path(shared) / "seeds/000_f8ff3c6eaff9137b.txt");
    candidates.emplace_back(CONVGRAPH_SOURCE_DIR "/../shared/seeds/000_f8ff3c6eaff9137b.txt");
    for (const auto& p : candidates)
        if (std::filesystem::is_regular_file(p)) return p;
    return std::nullopt;
}

void require_invariants(const Graph& g) {
    auto problem = g.check_invariants();
    INFO(problem.value_or(""));
    REQUIRE_FALSE(problem.has_value());
}

// The (source id, target id) pairs of every edge of one relation.
Pairs relation_pairs(const Graph& g, Relation rel) {
    Pairs out;
    for (const auto& e : g.edges())
        if (e.relation == rel) out.emplace(g.node(e.source).id, g.node(e.target).id);
    return out;
}

// Expected pairs written with display names: normalised here.
Pairs expect(std::initializer_list<std::pair<const char*, const char*>> pairs) {
    Pairs out;
    for (const auto& [a, b] : pairs) out.emplace(normalize_name(a), normalize_name(b));
    return out;
}

Pairs chain(std::initializer_list<const char*> names) {
    Pairs out;
    const char* prev = nullptr;
    for (const char* n : names) {
        if (prev) out.emplace(normalize_name(prev), normalize_name(n));
        prev = n;
    }
    return out;
}

Pairs unite(std::initializer_list<Pairs> parts) {
    Pairs out;
    for (const auto& p : parts) out.insert(p.begin(), p.end());
    return out;
}

std::vector<Role> roles_of(const Graph& g, std::string_view name) {
    auto v = g.find(normalize_name(name));
    INFO("concept " << name);
    REQUIRE(v.has_value());
    return g.node(*v).roles;
}

std::set<std::string> ids_with_role(const Graph& g, Role r) {
    std::set<std::string> out;
    for (const auto& n : g.nodes())
        for (Role x : n.roles)
            if (x == r) out.insert(n.id);
    return out;
}

std::set<std::string> ids(std::initializer_list<const char*> names) {
    std::set<std::string> out;
    for (const char* n : names) out.insert(normalize_name(n));
    return out;
}

}  // namespace

TEST_CASE("the seed note yields every fact of the graph model", "[seed]") {
    auto path = seed_path();
    if (!path) {
        WARN("seed not present: skipped");
        return;
    }
    BuildOptions options;
    options.jobs = 1;
    const std::string note = "03.3.1-技术收敛驱动力.md";
    BuildResult r = build_graph_from_sources({{note, read_file(*path)}}, options);
    const Graph& g = r.graph;
    require_invariants(g);

    REQUIRE(r.documents.size() == 1);
    CHECK(r.documents[0].path == note);
    CHECK(r.documents[0].series == "03.3.1");
    CHECK(r.documents[0].subject == "技术收敛驱动力");

    const char* subject = "技术收敛驱动力";
    const char* sl = "Scaling Law";
    const char* eng = "工程实践";
    const char* opt = "优化算法统一";
    const char* arch = "架构同质化";

    SECTION("drivers and has_factor") {
        CHECK(ids_with_role(g, Role::driver) == ids({subject, sl, eng, opt, arch}));
        CHECK(relation_pairs(g, Relation::has_factor) ==
              expect({{subject, sl}, {subject, eng}, {subject, opt}, {subject, arch}}));
        CHECK(g.node(*g.find(normalize_name(sl))).label == "Scaling Law");
    }
    SECTION("acts_through and produces from the table and the core ideas") {
        CHECK(relation_pairs(g, Relation::acts_through) == expect({{sl, "规模效应"},
                                                                   {sl, "性能可预测"},
                                                                   {eng, "工具链完善"},
                                                                   {eng, "开发效率提升"},
                                                                   {opt, "算法标准化"},
                                                                   {opt, "性能可复现"},
                                                                   {arch, "架构统一"},
                                                                   {arch, "生态锁定"}}));
        CHECK(relation_pairs(g, Relation::produces) == expect({{"规模效应", arch},
                                                               {"性能可预测", arch},
                                                               {"工具链完善", "技术路线统一"},
                                                               {"开发效率提升", "技术路线统一"},
                                                               {"算法标准化", "训练范式统一"},
                                                               {"性能可复现", "训练范式统一"},
                                                               {"架构统一", "市场收敛"},
                                                               {"生态锁定", "市场收敛"}}));
    }
    SECTION("results_in and exemplified_by from the driver sections") {
        CHECK(relation_pairs(g, Relation::results_in) == expect({{sl, arch},
                                                                 {sl, "训练范式统一"},
                                                                 {sl, opt},
                                                                 {eng, "技术路线统一"},
                                                                 {eng, "工具链完善"},
                                                                 {eng, "生态锁定"},
                                                                 {opt, "训练范式统一"},
                                                                 {opt, "性能可复现"},
                                                                 {opt, "收敛加速"},
                                                                 {arch, "市场收敛"},
                                                                 {arch, "生态锁定"},
                                                                 {arch, "切换成本高"}}));
        CHECK(relation_pairs(g, Relation::exemplified_by) == expect({{sl, "Transformer 统治"},
                                                                     {sl, opt},
                                                                     {sl, "训练范式统一"},
                                                                     {eng, "PyTorch/TensorFlow 双寡头"},
                                                                     {eng, "CUDA 生态锁定"},
                                                                     {eng, "人才充足"},
                                                                     {opt, "AdamW+Warmup 标准"},
                                                                     {opt, "性能可复现"},
                                                                     {opt, "收敛加速"},
                                                                     {arch, "Transformer 统治"},
                                                                     {arch, "生态锁定"},
                                                                     {arch, "切换成本高"}}));
    }
    SECTION("leads_to chains and the overview") {
        CHECK(relation_pairs(g, Relation::leads_to) ==
              unite({chain({"数据规模", "模型规模", "计算规模", "性能提升", arch}),
                     chain({"工具链完善", "开发效率提升", "技术路线统一", "生态锁定"}),
                     chain({"算法标准化", "性能可复现", "训练范式统一", "收敛加速"}),
                     chain({"架构统一", "生态锁定", "切换成本高", "市场收敛"}),
                     expect({{subject, sl}, {subject, eng}, {subject, opt}, {subject, arch}}),
                     expect({{sl, "规模效应"}, {eng, "工具链完善"}, {opt, "算法标准化"}, {arch, "架构统一"}})}));
    }
    SECTION("concepts with several roles") {
        using R = Role;
        CHECK(roles_of(g, arch) == std::vector<R>{R::driver, R::effect});
        CHECK(roles_of(g, opt) == std::vector<R>{R::driver, R::effect, R::case_});
        CHECK(roles_of(g, "生态锁定") == std::vector<R>{R::mechanism, R::effect, R::case_});
        CHECK(roles_of(g, "性能可复现") == std::vector<R>{R::mechanism, R::effect, R::case_});
        CHECK(roles_of(g, "工具链完善") == std::vector<R>{R::mechanism, R::effect});
        for (const char* name : {"训练范式统一", "收敛加速", "切换成本高"})
            CHECK(roles_of(g, name) == std::vector<R>{R::effect, R::case_});
        CHECK(g.node(*g.find(normalize_name(opt))).kind == Role::driver);
        CHECK(g.node(*g.find(normalize_name("生态锁定"))).kind == Role::mechanism);
    }
    SECTION("layers and aspects") {
        CHECK(ids_with_role(g, Role::layer) == ids({"执行层", "控制层", "数据层"}));
        CHECK(relation_pairs(g, Relation::has_aspect) == expect({{"执行层", "计算范式"},
                                                                 {"执行层", "优化算法"},
                                                                 {"执行层", "硬件适配"},
                                                                 {"控制层", "推理机制"},
                                                                 {"控制层", "控制策略"},
                                                                 {"控制层", "约束机制"},
                                                                 {"数据层", "训练范式"},
                                                                 {"数据层", "数据策略"},
                                                                 {"数据层", "评估方法"}}));
        CHECK(relation_pairs(g, Relation::influences) ==
              expect({{subject, "计算范式"}, {subject, "优化算法"}, {subject, "硬件适配"},
                      {subject, "推理机制"}, {subject, "控制策略"}, {subject, "约束机制"},
                      {subject, "训练范式"}, {subject, "数据策略"}, {subject, "评估方法"}}));
    }
    SECTION("exact counts per edge kind and per node kind") {
        std::map<Relation, int> per_relation;
        for (const auto& e : g.edges()) ++per_relation[e.relation];
        CHECK(per_relation[Relation::has_factor] == 4);
        CHECK(per_relation[Relation::acts_through] == 8);
        CHECK(per_relation[Relation::produces] == 8);
        CHECK(per_relation[Relation::results_in] == 12);
        CHECK(per_relation[Relation::exemplified_by] == 12);
        CHECK(per_relation[Relation::leads_to] == 21);
        CHECK(per_relation[Relation::has_aspect] == 9);
        CHECK(per_relation[Relation::influences] == 9);
        CHECK(per_relation[Relation::links_to] == 0);
        CHECK(per_relation[Relation::mentions] == 39);
        std::map<Role, int> per_kind;
        for (const auto& n : g.nodes()) ++per_kind[n.kind];
        CHECK(per_kind[Role::driver] == 5);
        CHECK(per_kind[Role::mechanism] == 8);
        CHECK(per_kind[Role::effect] == 5);
        CHECK(per_kind[Role::case_] == 5);
        CHECK(per_kind[Role::concept_] == 4);
        CHECK(per_kind[Role::layer] == 3);
        CHECK(per_kind[Role::aspect] == 9);
        CHECK(per_kind[Role::document] == 1);
        CHECK(g.node_count() == 40);
        CHECK(g.find("doc:" + note).has_value());
    }
    SECTION("diagnostics: 八 twice and the links that do not resolve") {
        std::vector<std::tuple<int, std::string, Severity>> got;
        for (const auto& d : r.diagnostics) {
            CHECK(d.loc.path == note);
            got.emplace_back(d.loc.line, d.code, d.severity);
        }
        CHECK(got == std::vector<std::tuple<int, std::string, Severity>>{
                         {266, "duplicate-section-number", Severity::error},
                         {268, "broken-link", Severity::error},
                         {269, "broken-link", Severity::error},
                         {270, "broken-link", Severity::error},
                         {276, "link-outside-corpus", Severity::warning}});
        REQUIRE(r.diagnostics.size() == 5);
        CHECK(r.diagnostics[0].message == "section number 八 is used twice (first at line 257)");
        CHECK(r.diagnostics[0].loc.column == 1);
        CHECK(r.diagnostics[1].message == "link target '03.3.2-市场收敛驱动力.md' does not exist in the corpus");
        CHECK(r.diagnostics[1].loc.column == 3);
        CHECK(r.diagnostics[4].message.find("../../view/ai_scale_view.md") != std::string::npos);
    }
}
