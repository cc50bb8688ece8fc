// Pipeline: parallel per-note analysis, then cross-note checks and resolution in corpus order.
#include "convgraph/pipeline.hpp"

#include "convgraph/cache.hpp"
#include "convgraph/checks.hpp"
#include "convgraph/config.hpp"
#include "convgraph/error.hpp"
#include "convgraph/markdown.hpp"
#include "convgraph/resolve.hpp"

#include "stage_timer.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <map>
#include <optional>
#include <thread>

namespace convgraph {

namespace fs = std::filesystem;

std::size_t BuildResult::count(Severity s) const {
    return static_cast<std::size_t>(std::count_if(diagnostics.begin(), diagnostics.end(),
                                                  [s](const Diagnostic& d) { return d.severity == s; }));
}

unsigned thread_count(unsigned jobs) { return jobs != 0 ? jobs : std::max(1u, std::thread::hardware_concurrency()); }

NoteAnalysis analyze_note(const std::string& path, const std::string& text, const BuildOptions& options) {
    NoteAnalysis a;
    DiagnosticSink sink;
    a.bytes = text.size();
    a.document = parse_markdown(path, text, sink);
    check_structure(a.document, options.conventions, sink);
    check_tables(a.document, options.conventions, sink);
    a.facts = extract_facts(a.document, options.conventions);
    check_note_facts(a.document, a.facts, options.conventions, sink);
    a.suppressions = Suppressions::scan(text);
    a.diagnostics = sink.take();
    a.links = NoteLinks::of(a.document);
    return a;
}

namespace {

// A note waiting to be read: its corpus path and either a file or in-memory text.
struct Input {
    std::string path;
    std::optional<CorpusFile> file;
    const std::string* text = nullptr;
};

// Runs `work(i)` for i in [0, n) on `jobs` threads; each index runs exactly once.
void parallel_for(std::size_t n, unsigned jobs, const std::function<void(std::size_t)>& work) {
    unsigned threads = thread_count(jobs);
    threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(n, 1)));
    if (threads <= 1) {
        for (std::size_t i = 0; i < n; ++i) work(i);
        return;
    }
    std::atomic<std::size_t> next{0};
    std::vector<std::thread> pool;
    std::exception_ptr failure;
    std::mutex failure_mutex;
    for (unsigned t = 0; t < threads; ++t) {
        pool.emplace_back([&] {
            for (std::size_t i = next++; i < n; i = next++) {
                try {
                    work(i);
                } catch (...) {
                    std::lock_guard lock(failure_mutex);
                    if (!failure) failure = std::current_exception();
                }
            }
        });
    }
    for (auto& th : pool) th.join();
    if (failure) std::rethrow_exception(failure);
}

// Whether the configuration's "ignore" globs exclude the note at `path`.
bool ignored(const BuildOptions& options, const std::string& path) {
    return std::any_of(options.ignore.begin(), options.ignore.end(),
                       [&](const std::string& glob) { return glob_match(glob, path); });
}

// `inputs` are the notes to build, not ignored, sorted by path.
BuildResult build(std::vector<Input> inputs, std::vector<Diagnostic> scan_diags, const BuildOptions& options,
                  const std::function<bool(const std::string&)>& file_exists,
                  const std::vector<std::string>& root_prefixes = {}) {
    StageTimer timer("stage");
    const std::int64_t started = wall_clock_ns();
    std::vector<std::optional<NoteAnalysis>> results(inputs.size());
    std::vector<std::vector<Diagnostic>> read_diags(inputs.size());
    std::vector<NoteRecord> records(inputs.size());  // with a cache: for the build record
    std::optional<NoteCache> cache;
    std::string salt;
    if (!options.cache_dir.empty()) {
        cache.emplace(options.cache_dir);
        salt = cache_salt(options.conventions);
    }
    std::atomic<std::size_t> analyzed{0};
    BuildResult out;
    // Notes are merged into the graph as soon as they and every note before them are analysed
    // (corpus order keeps labels deterministic), and their facts are dropped right away: the
    // facts of a large corpus never sit in memory all at once, and with -j2 merging overlaps
    // with the analysis of later notes.
    // A worker that finds another one merging does not wait: it goes on analysing, and the
    // merging worker (or the next one to finish a note, or the final call) takes its note —
    // unless the notes waiting to be merged pile up (cache hits load faster than they merge):
    // then it waits for the lock, so memory stays bounded.
    constexpr std::size_t k_max_backlog = 256;
    // With more than one thread, a note's edges are merged on the builder's own thread while
    // the next note's concepts are resolved (resolve.hpp).
    const unsigned threads = thread_count(options.jobs);
    GraphBuilder builder(options.aliases, threads > 1 && inputs.size() > 1);
    std::mutex merge_mutex;
    std::vector<std::atomic<bool>> finished(inputs.size());
    std::size_t next_to_merge = 0;
    bool merge_failed = false;  // under merge_mutex
    std::chrono::steady_clock::duration merging{};  // in add_note, for -v
    std::atomic<std::size_t> merged{0};  // next_to_merge, readable without the lock
    auto merge_ready = [&](std::size_t just_finished) {
        std::unique_lock lock(merge_mutex, std::defer_lock);
        if (just_finished >= merged.load(std::memory_order_relaxed) + k_max_backlog)
            lock.lock();
        else if (!lock.try_lock())
            return;
        if (merge_failed) return;
        for (; next_to_merge < inputs.size() && finished[next_to_merge].load(std::memory_order_acquire); ++next_to_merge) {
            auto& r = results[next_to_merge];
            if (!r) continue;
            const auto merge_start = std::chrono::steady_clock::now();
            out.documents.push_back(
                DocumentInfo{r->links.path, r->facts.title, r->facts.series, r->facts.subject, r->bytes});
            try {
                builder.add_note(std::move(r->facts));
            } catch (...) {
                merge_failed = true;  // the build fails with this exception: merge nothing more
                throw;
            }
            merging += std::chrono::steady_clock::now() - merge_start;
            r->facts = NoteFacts{};
        }
        merged.store(next_to_merge, std::memory_order_relaxed);
    };
    // The previous build's record of a note, if it has one (both are sorted by path).
    auto previous_record = [&](const std::string& path) -> const NoteRecord* {
        if (!options.previous) return nullptr;
        const auto& notes = options.previous->notes;
        auto it = std::lower_bound(notes.begin(), notes.end(), path,
                                   [](const NoteRecord& n, const std::string& p) { return n.path < p; });
        return it != notes.end() && it->path == path ? &*it : nullptr;
    };
    std::atomic<std::size_t> unread{0};
    parallel_for(inputs.size(), options.jobs, [&](std::size_t i) {
        DiagnosticSink sink;
        std::optional<std::string> text;
        if (cache && inputs[i].file) {
            // Before reading: a note written meanwhile then differs from its record next time.
            const std::optional<FileStat> st = stat_file(inputs[i].file->full_path);
            if (st) records[i].stat = *st;
            // Unchanged since the previous build recorded it plain (no read diagnostic, no
            // suppression comment): its cache entry is all this build needs; no need to read it.
            const NoteRecord* rec = previous_record(inputs[i].path);
            if (rec && rec->plain && !rec->key.empty() && unchanged_since(*rec, st, options.previous->started_ns)) {
                if (auto hit = cache->load(rec->key, inputs[i].path)) {
                    results[i] = std::move(*hit);
                    results[i]->document = Document{};
                    records[i] = *rec;
                    ++unread;
                    finished[i].store(true, std::memory_order_release);
                    merge_ready(i);
                    builder.release_merged();
                    return;
                }
            }
        }
        if (inputs[i].file)
            text = read_note(*inputs[i].file, options.limits, sink);
        else
            text = check_note_text(inputs[i].path, *inputs[i].text, options.limits, sink);
        read_diags[i] = sink.take();
        records[i].path = inputs[i].path;
        if (text) {
            const std::string key = cache ? NoteCache::key(salt, inputs[i].path, *text) : std::string();
            bool fresh = false;
            std::uint64_t facts = 0;
            results[i] = cached_analysis(cache ? &*cache : nullptr, key, inputs[i].path, *text, options, fresh,
                                         cache ? &facts : nullptr);
            if (fresh) ++analyzed;
            results[i]->document = Document{};  // the link checks need only results[i]->links
            if (cache) {
                records[i].key = key;
                records[i].digest = note_digest(facts, *results[i], read_diags[i]);
                records[i].bytes = results[i]->bytes;
                records[i].plain = note_is_plain(*results[i], read_diags[i]);
            }
        } else if (cache) {
            records[i].digest = diagnostics_digest(read_diags[i]);
        }
        finished[i].store(true, std::memory_order_release);
        merge_ready(i);
        builder.release_merged();  // outside the merge lock
    });
    merge_ready(inputs.size());  // whatever was finished while another worker held the lock
    if (cache) cache->close(true);  // every note was loaded or stored: the rest is stale

    timer.lap("read, analyse and merge notes");
    if (options.previous)
        spdlog::debug("  {} of {} notes taken from the note cache unread (unchanged since the last build)", unread.load(),
                      inputs.size());
    spdlog::debug("  of which merging into the graph: {:.3f} s{}", std::chrono::duration<double>(merging).count(),
                  threads > 1 ? " (concepts; the edges on a thread of their own)" : "");
    out.analyzed = analyzed;
    if (cache) out.scan_digest = diagnostics_digest(scan_diags);
    std::vector<Diagnostic> diags = std::move(scan_diags);
    std::map<std::string, const Suppressions*> suppressions;
    {
        std::map<std::string, const NoteLinks*> by_path;
        for (const auto& r : results)
            if (r) by_path.emplace(r->links.path, &r->links);
        NoteLookup lookup = [&](const std::string& p) -> const NoteLinks* {
            auto it = by_path.find(p);
            return it == by_path.end() ? nullptr : it->second;
        };
        std::vector<std::string> paths;
        for (const auto& [path, doc] : by_path) paths.push_back(path);
        const NotePaths note_paths(paths);
        std::vector<DocumentLink> links;
        std::map<std::string, bool> link_targets;  // files (not notes) looked up, for the build record
        auto file_exists_recorded = [&](const std::string& path) {
            auto [it, inserted] = link_targets.try_emplace(path, false);
            if (inserted) it->second = file_exists(path);
            return it->second;
        };
        for (std::size_t i = 0; i < inputs.size(); ++i) {
            diags.insert(diags.end(), read_diags[i].begin(), read_diags[i].end());
            if (!results[i]) continue;
            NoteAnalysis& a = *results[i];
            diags.insert(diags.end(), a.diagnostics.begin(), a.diagnostics.end());
            DiagnosticSink link_sink;
            if (!a.suppressions.empty()) suppressions.emplace(a.links.path, &a.suppressions);
            for (const auto& [target, link] : check_links(a.links, lookup, note_paths, file_exists_recorded, link_sink, root_prefixes))
                links.push_back(DocumentLink{a.links.path, target, a.links.loc(*link)});
            const auto& more = link_sink.all();
            diags.insert(diags.end(), more.begin(), more.end());
        }
        timer.lap("check links");
        builder.add_links(links);
        if (cache) {
            out.link_targets.assign(link_targets.begin(), link_targets.end());
            out.notes = std::move(records);
            out.started_ns = started;
        }
    }
    // Finishing the graph is the peak of a build's memory: drop what only the link checks read.
    for (auto& r : results) {
        if (!r) continue;
        r->links = NoteLinks{};
        r->diagnostics = {};
    }
    out.graph = builder.finish();
    timer.lap("finish graph");
    DiagnosticSink graph_sink;
    check_near_duplicates(out.graph, graph_sink);
    check_aliases(out.graph, options.alias_spellings, options.config_path, options.config_text, graph_sink);
    const auto& graph_diags = graph_sink.all();
    diags.insert(diags.end(), graph_diags.begin(), graph_diags.end());
    if (!suppressions.empty()) {
        std::erase_if(diags, [&](const Diagnostic& d) {
            auto it = suppressions.find(d.loc.path);
            return it != suppressions.end() && it->second->suppressed(d.loc.line, d.code);
        });
    }
    if (!options.checks.empty()) {
        std::vector<Diagnostic> kept;
        kept.reserve(diags.size());
        for (auto& d : diags) {
            auto it = options.checks.find(d.code);
            if (it == options.checks.end()) {
                kept.push_back(std::move(d));
            } else if (it->second) {
                d.severity = *it->second;
                kept.push_back(std::move(d));
            }
        }
        diags = std::move(kept);
    }
    sort_diagnostics(diags);
    out.diagnostics = std::move(diags);
    timer.lap("graph checks and diagnostics");
    return out;
}

std::string root_prefix(const fs::path& root) {
    std::string s = root.lexically_normal().generic_string();
    while (s.size() > 1 && s.back() == '/') s.pop_back();
    return s;
}

}  // namespace

BuildOptions options_from_config(const Config& config) {
    BuildOptions options;
    options.conventions = config.conventions;
    options.aliases = config.aliases;
    options.alias_spellings = config.alias_spellings;
    options.ignore = config.ignore;
    options.checks = config.checks;
    options.config_path = config.path;
    options.config_text = config.text;
    if (config.max_file_size) options.limits.max_file_bytes = *config.max_file_size;
    return options;
}

CorpusScan scan_roots(const std::vector<fs::path>& roots, const BuildOptions& options) {
    if (roots.empty()) throw Error("no corpus directory given");
    CorpusScan scan;
    DiagnosticSink scan_sink;
    std::map<std::string, fs::path> dir_of_prefix;
    for (const auto& root : roots) {
        std::string prefix = roots.size() > 1 ? root_prefix(root) + "/" : std::string();
        DiagnosticSink root_sink;
        for (auto& f : scan_corpus(root, root_sink)) {
            f.path = prefix + f.path;
            scan.files.push_back(std::move(f));
        }
        for (auto d : root_sink.take()) {
            d.loc.path = prefix + d.loc.path;
            scan_sink.append({d});
        }
        dir_of_prefix[prefix] = root;
        if (!prefix.empty()) scan.root_prefixes.push_back(prefix);
    }
    std::erase_if(scan.files, [&](const CorpusFile& f) { return ignored(options, f.path); });
    std::ranges::sort(scan.files, {}, &CorpusFile::path);
    scan.diagnostics = scan_sink.take();
    scan.file_exists = [dir_of_prefix](const std::string& path) {
        for (const auto& [prefix, dir] : dir_of_prefix) {
            if (path.compare(0, prefix.size(), prefix) != 0) continue;
            std::error_code ec;
            if (fs::exists(dir / path.substr(prefix.size()), ec)) return true;
        }
        return false;
    };
    return scan;
}

BuildResult build_graph(const std::vector<fs::path>& roots, const BuildOptions& options) {
    CorpusScan scan = scan_roots(roots, options);
    std::vector<Input> inputs;
    inputs.reserve(scan.files.size());
    for (auto& f : scan.files) inputs.push_back(Input{f.path, f, nullptr});
    return build(std::move(inputs), std::move(scan.diagnostics), options, scan.file_exists, scan.root_prefixes);
}

BuildResult build_graph_from_sources(const std::vector<std::pair<std::string, std::string>>& sources,
                                     const BuildOptions& options) {
    std::vector<Input> inputs;
    for (const auto& [path, text] : sources)
        if (!ignored(options, path)) inputs.push_back(Input{path, std::nullopt, &text});
    std::ranges::sort(inputs, {}, &Input::path);
    return build(std::move(inputs), {}, options, [](const std::string&) { return false; });
}

}  // namespace convgraph
