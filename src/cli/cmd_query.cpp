// convgraph query: the questions asked of the graph — show, list, upstream/downstream, path,
// loops, hubs, stats, where, search — as an aligned table, TSV, CSV, JSON or JSON lines. This file
// declares the subcommands and their options; each runs in a query_*.cpp.
#include "commands.hpp"
#include "query_common.hpp"

#include <memory>

namespace convgraph::cli {

using namespace queries;

Runner setup_query(CLI::App& app, const GlobalOptions& global) {
    auto args = std::make_shared<QueryArgs>();
    args->global = &global;
    app.require_subcommand(1);
    auto add_common = [&](CLI::App* sub, bool names) {
        args->source.add_options(*sub);
        sub->add_option("-f,--format", args->format, "Output: table (default), tsv, csv, json or jsonl")
            ->check(CLI::IsMember({"table", "tsv", "csv", "json", "jsonl"}));
        if (names) sub->add_flag("-0,--null", args->nul, "Print only the names, each ended by a NUL byte (for xargs -0)");
    };
    auto add_relations = [&](CLI::App* sub, const char* help) {
        sub->add_option("-r,--relation", args->relations, help)->delimiter(',')->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    };
    const char* follow = "Follow only this relation (repeatable; default: all but links_to and mentions)";
    using Entry = std::pair<CLI::App*, std::function<int()>>;
    std::vector<Entry> subs;

    CLI::App* show = app.add_subcommand("show", "Show one concept: roles, aliases, description, edges by relation, where it is stated");
    add_common(show, false);
    show->add_option("name", args->name, "Concept name (exact, normalised, alias, or unique prefix)")->required();
    subs.emplace_back(show, [args] { return run_show(*args); });

    CLI::App* list = app.add_subcommand("list", "List concepts; the filters compose");
    add_common(list, true);
    list->add_option("kind", args->kind_word, "A role to list: drivers, mechanisms, effects, cases, layers, aspects, concepts, documents");
    list->add_option("-k,--kind", args->kind, "Only concepts whose primary kind is this");
    list->add_option("--role", args->role, "Only concepts that play this role");
    add_relations(list, "Only concepts with an edge of this relation (with --from/--to: only such edges; repeatable)");
    list->add_option("--from", args->from, "Only concepts that NAME has an edge to")->check(non_empty_name());
    list->add_option("--to", args->to, "Only concepts that have an edge to NAME")->check(non_empty_name());
    list->add_option("--doc", args->doc, "Only concepts stated in this note (path, file name or unique part of it)")
        ->check(non_empty_name());
    list->add_option("-m,--match", args->match, "Only concepts whose name or description contains TEXT")
        ->check(non_empty_name());
    list->add_option("-s,--sort", args->sort, "Order: name (default), degree or kind")->check(CLI::IsMember({"name", "degree", "kind"}));
    list->add_option("-n,--limit", args->limit, "At most N concepts (default 0: all)")->check(whole_number("concepts"));
    list->add_flag("--documents", args->documents, "Include document nodes");
    subs.emplace_back(list, [args] { return run_list(*args); });

    for (auto [word, dir] : {std::pair{"upstream", Direction::upstream}, std::pair{"downstream", Direction::downstream}}) {
        CLI::App* sub = app.add_subcommand(word, dir == Direction::upstream ? "What leads to NAME, directly or down a chain"
                                                                           : "What NAME leads to, directly or down a chain");
        add_common(sub, true);
        sub->add_option("name", args->name, "Concept name")->required();
        // 0 is the walk's own "no limit": as a value it would read as "the name alone" (export
        // --depth 0), so it is refused rather than given a second meaning.
        sub->add_option("-d,--depth", args->depth, "At most N steps, N >= 1 (default: no limit)")
            ->check(whole_number("steps", "0 steps reach nothing; leave --depth out to follow chains to their end"));
        add_relations(sub, follow);
        Direction d = dir;
        subs.emplace_back(sub, [args, d] { return run_reach(*args, d); });
    }

    CLI::App* path = app.add_subcommand("path", "The shortest typed path from A to B");
    add_common(path, true);
    path->add_option("from", args->name, "Start concept")->required();
    path->add_option("to", args->target, "End concept")->required();
    path->add_flag("-a,--all-shortest", args->all_shortest, "Every shortest path, not only the first");
    path->add_option("--max", args->max_paths, "With --all-shortest, at most N paths (default 10)")
        ->check(whole_number("paths", "--max 0 would show no path; give 1 or more"));
    add_relations(path, follow);
    subs.emplace_back(path, [args] { return run_path(*args); });

    CLI::App* loops = app.add_subcommand("loops", "Feedback loops: strongly connected components and a shortest cycle through each");
    add_common(loops, true);
    add_relations(loops, follow);
    loops->add_option("-n,--limit", args->limit, "At most N loops (default 0: all)")->check(whole_number("loops"));
    subs.emplace_back(loops, [args] { return run_loops(*args); });

    CLI::App* hubs = app.add_subcommand("hubs", "The concepts most drivers converge on, by degree or betweenness");
    add_common(hubs, true);
    hubs->add_option("--by", args->by, "Rank by drivers (default: drivers within two steps upstream), degree or betweenness")
        ->check(CLI::IsMember({"drivers", "degree", "betweenness"}));
    hubs->add_option("-n,--top", args->top, "How many (default 10; 0: all)")->check(whole_number("concepts"));
    add_relations(hubs, follow);
    subs.emplace_back(hubs, [args] { return run_hubs(*args); });

    CLI::App* stats = app.add_subcommand("stats", "Counts per kind and relation, components, loops, top concepts");
    add_common(stats, false);
    stats->add_option("-n,--top", args->top, "How many in each ranking (default 10; 0: all)")->check(whole_number("concepts"));
    add_relations(stats, follow);
    subs.emplace_back(stats, [args] { return run_stats(*args); });

    CLI::App* where = app.add_subcommand("where", "Every place NAME is stated, with the line's text, like grep");
    add_common(where, false);
    where->add_option("name", args->name, "Concept name")->required();
    where->add_option("--root", args->root, "Corpus directory the graph was built from (default: the --corpus directory, else .)");
    subs.emplace_back(where, [args] { return run_where(*args); });

    CLI::App* search = app.add_subcommand("search", "Find concepts by substring or fuzzy match (Chinese and English)");
    add_common(search, true);
    search->add_option("text", args->text, "Text to look for")->required();
    search->add_option("-n,--limit", args->limit, "At most N hits (default 0: all)")->check(whole_number("hits"));
    search->add_flag("--documents", args->documents, "Include document nodes");
    subs.emplace_back(search, [args] { return run_search(*args); });

    CLI::App* names = app.add_subcommand("names", "Every concept name, one per line (for shell completion)");
    names->group("");
    args->source.add_options(*names);
    subs.emplace_back(names, [args] { return run_names(*args); });

    app.footer("Exit status: 0 results, 1 nothing matched or unknown name, 2 usage error or ambiguous name.");
    return [subs]() -> int {
        for (const auto& [sub, run] : subs)
            if (sub->parsed()) return run();
        return k_exit_usage;
    };
}

}  // namespace convgraph::cli
