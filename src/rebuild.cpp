// Rebuild: the early cutoff of a cached build — compare with the record, patch the graph files.
#include "convgraph/rebuild.hpp"

#include "convgraph/build_record.hpp"
#include "convgraph/cache.hpp"
#include "convgraph/error.hpp"
#include "convgraph/graph_binary.hpp"
#include "convgraph/graph_file.hpp"
#include "convgraph/io.hpp"

#include "binary_io.hpp"
#include "stage_timer.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <exception>
#include <system_error>
#include <thread>

namespace convgraph {

namespace fs = std::filesystem;

namespace {

std::nullopt_t full_build(std::string_view why) {
    spdlog::debug("full build: {}", why);
    return std::nullopt;
}

}  // namespace

std::string build_signature(const BuildOptions& options, const std::vector<fs::path>& roots, const fs::path& graph_file) {
    std::string data;
    BinaryWriter w(data);
    w.str(cache_salt(options.conventions));  // version, program, conventions
    w.num<std::uint32_t>(static_cast<std::uint32_t>(k_graph_schema_version));
    w.num<std::uint64_t>(options.limits.max_file_bytes);
    w.num<std::uint64_t>(options.alias_spellings.size());
    for (const auto& [alias, target] : options.alias_spellings) {
        w.str(alias);
        w.str(target);
    }
    w.num<std::uint64_t>(options.ignore.size());
    for (const auto& glob : options.ignore) w.str(glob);
    w.num<std::uint64_t>(options.checks.size());
    for (const auto& [code, severity] : options.checks) {
        w.str(code);
        w.u8(severity ? 1 + static_cast<unsigned>(*severity) : 0);
    }
    w.str(options.config_path);
    w.str(options.config_text);
    w.num<std::uint64_t>(roots.size());
    for (const auto& root : roots) w.str(root.string());
    std::error_code ec;
    fs::path absolute = fs::absolute(graph_file, ec);
    w.str((ec ? graph_file : absolute).lexically_normal().string());
    return content_hash(data);
}

std::optional<QuickRebuild> quick_rebuild(const std::vector<fs::path>& roots, const BuildOptions& options,
                                          const fs::path& graph_file, std::shared_ptr<const BuildRecord>* previous) {
    if (options.cache_dir.empty()) return std::nullopt;
    StageTimer laps("rebuild");
    const fs::path record_file = build_record_path(options.cache_dir);
    std::shared_ptr<const BuildRecord> record;  // shared with the full build, if it comes to that
    try {
        auto decoded = decode_build_record(read_file(record_file));
        if (!decoded) return full_build("the record of the previous build is unreadable");
        record = std::make_shared<const BuildRecord>(std::move(*decoded));
    } catch (const Error&) {
        return full_build("no record of a previous build");
    }
    if (record->signature != build_signature(options, roots, graph_file))
        return full_build("convgraph, its configuration, the corpus roots or the graph file changed");
    if (previous) *previous = record;
    const fs::path twin_file = graph_binary_path(graph_file);
    if (stat_file(graph_file) != record->json || stat_file(twin_file) != record->twin)
        return full_build("the graph file or its twin changed since the last build");
    const std::int64_t started = wall_clock_ns();
    CorpusScan scan = scan_roots(roots, options);
    if (diagnostics_digest(scan.diagnostics) != record->scan_digest) return full_build("the corpus scan reports differently");
    if (scan.files.size() != record->notes.size()) return full_build("notes were added or removed");
    for (std::size_t i = 0; i < scan.files.size(); ++i)
        if (scan.files[i].path != record->notes[i].path) return full_build("notes were added, removed or renamed");
    for (const auto& [path, exists] : record->link_targets)
        if (scan.file_exists(path) != exists) return full_build("a file that notes link to appeared or disappeared");

    laps.lap("record, corpus scan and link targets");
    QuickRebuild out;
    BuildRecord next = *record;
    next.started_ns = started;
    std::vector<std::pair<std::size_t, std::uint64_t>> bytes;  // (document index, new byte count)
    std::optional<NoteCache> cache;
    const std::string salt = cache_salt(options.conventions);
    std::vector<const std::string*> documents;  // the notes with a text: the graph's documents
    std::size_t reread = 0;  // notes read and hashed: a new record makes their stats trusted next time
    for (std::size_t i = 0; i < scan.files.size(); ++i) {
        const CorpusFile& file = scan.files[i];
        NoteRecord& rec = next.notes[i];
        const auto stat = stat_file(file.full_path);
        if (unchanged_since(rec, stat, record->started_ns)) {
            if (!rec.key.empty()) documents.push_back(&file.path);
            continue;
        }
        ++reread;
        DiagnosticSink sink;
        std::optional<std::string> text = read_note(file, options.limits, sink);
        const std::vector<Diagnostic> read_diags = sink.take();
        rec.stat = stat.value_or(FileStat{});
        if (!text) {
            if (!rec.key.empty() || diagnostics_digest(read_diags) != rec.digest)
                return full_build(file.path + " can no longer be read, or reads differently");
            continue;
        }
        if (rec.key.empty()) return full_build(file.path + " can be read again");
        std::string key = NoteCache::key(salt, file.path, *text);
        // Touched, checked out again: the same text. The key hashes the text as the read checks
        // left it, so a note that only gained, lost or moved a control character or an invalid
        // byte has the same key: its read diagnostics are compared below, with its digest.
        if (key == rec.key && read_diags.empty() && rec.plain) {
            documents.push_back(&file.path);
            continue;
        }
        ++out.changed;
        if (!cache) cache.emplace(options.cache_dir);
        bool fresh = false;
        std::uint64_t facts = 0;
        const NoteAnalysis analysis = cached_analysis(&*cache, key, file.path, *text, options, fresh, &facts);
        if (fresh) ++out.analyzed;
        if (note_digest(facts, analysis, read_diags) != rec.digest)
            return full_build(file.path + " changed in its facts, links, anchors or diagnostics");
        rec.key = std::move(key);
        rec.plain = note_is_plain(analysis, read_diags);
        if (analysis.bytes != rec.bytes) {
            bytes.emplace_back(documents.size(), analysis.bytes);
            rec.bytes = analysis.bytes;
        }
        documents.push_back(&file.path);
    }
    if (cache) cache->close();  // no compaction: this looked at changed notes only
    spdlog::debug("rebuild: {} of {} notes read and hashed (the others' stats are as recorded)", reread, scan.files.size());
    laps.lap("notes");

    std::optional<TwinSummary> summary;
    std::optional<MappedFile> twin_map;
    try {
        twin_map.emplace(twin_file);
    } catch (const Error&) {
        return full_build("the twin of the graph file is unreadable");
    }
    {
        const MappedFile& twin = *twin_map;
        summary = read_twin_summary(twin.view(), stamp_of(record->json));
        if (!summary) return full_build("the twin of the graph file is unreadable");
        if (summary->documents.size() != documents.size() ||
            !std::equal(documents.begin(), documents.end(), summary->documents.begin(),
                        [](const std::string* path, const DocumentInfo& d) { return *path == d.path; }))
            return full_build("the twin of the graph file holds other documents");
        laps.lap("twin summary");
        std::vector<std::pair<std::size_t, DocumentInfo>> changes;
        for (const auto& [doc, n] : bytes) {
            DocumentInfo d = summary->documents[doc];
            d.bytes = n;
            changes.emplace_back(doc, std::move(d));
        }
        if (!changes.empty()) {
            std::optional<std::vector<FilePiece>> pieces;
            try {
                const MappedFile json(graph_file);
                pieces = graph_json_with_documents(json.view(), summary->documents, changes);
            } catch (const Error& e) {
                return full_build(e.what());
            }
            if (!pieces) return full_build("the graph file does not hold the documents of its twin");
            // The twin is copied into its temporary file on a second thread while the graph file
            // is (the two copies took 0.35 and 0.1 s at 10k, one after the other); it is stamped
            // with the new graph file's size and mtime, and renamed, once that is in place.
            std::optional<AtomicFile> twin_out;
            std::exception_ptr twin_error;
            auto fill_twin = [&] {
                try {
                    twin_out.emplace(twin_file);
                    write_pieces(*twin_out, twin_file, twin_with_bytes(twin.view(), *summary, bytes, GraphFileStamp{}));
                } catch (...) {
                    twin_error = std::current_exception();
                }
            };
            std::thread filler;
            struct Joiner {
                std::thread& thread;
                ~Joiner() {
                    if (thread.joinable()) thread.join();
                }
            } joined{filler};  // on every way out of this block, before twin_out goes
            if (options.jobs != 1) {
                try {
                    filler = std::thread(fill_twin);
                } catch (const std::system_error&) {
                    // No thread to be had: the twin after the graph file.
                }
            }
            try {
                write_file_atomic_from(graph_file, graph_file, *pieces);
            } catch (const Error& e) {
                return full_build(e.what());  // the twin's temporary file goes with twin_out: nothing replaced
            }
            if (filler.joinable()) filler.join();
            else fill_twin();
            laps.lap("graph file and twin");
            for (const auto& [doc, d] : changes) summary->documents[doc] = d;
            spdlog::debug("{} note(s) changed only in their byte counts: graph file patched", changes.size());
            try {
                if (twin_error) std::rethrow_exception(twin_error);
                const auto json_stat = stat_file(graph_file);
                if (!json_stat) throw Error("cannot stat '" + graph_file.string() + "'");
                restamp_graph_binary(twin_out->stream(), stamp_of(*json_stat));
                twin_out->commit();
                next.json = *json_stat;
            } catch (const std::exception& e) {
                // The graph file is right; without a twin a query reads it (and writes a twin).
                spdlog::debug("binary twin not written: {}", e.what());
                twin_out.reset();
                std::error_code ec;
                fs::remove(twin_file, ec);
                forget_build(options);
                next = BuildRecord{};
            }
        }
    }
    if (!next.signature.empty()) {
        next.twin = stat_file(twin_file).value_or(FileStat{});
        if (reread > 0 || next.notes != record->notes || next.json != record->json || next.twin != record->twin) {
            try {
                write_file_atomic(record_file, encode_build_record(next));
            } catch (const Error& e) {
                spdlog::debug("build record not written: {}", e.what());
                forget_build(options);
            }
        }
    }
    out.documents = std::move(summary->documents);
    out.diagnostics = std::move(summary->diagnostics);
    out.nodes = summary->nodes;
    out.edges = summary->edges;
    return out;
}

void forget_build(const BuildOptions& options) {
    if (options.cache_dir.empty()) return;
    std::error_code ec;
    fs::remove(build_record_path(options.cache_dir), ec);
}

void record_build(const BuildResult& result, const BuildOptions& options, const std::vector<fs::path>& roots,
                  const fs::path& graph_file) {
    if (options.cache_dir.empty()) return;
    BuildRecord record;
    record.signature = build_signature(options, roots, graph_file);
    record.started_ns = result.started_ns;
    record.notes = result.notes;
    record.link_targets = result.link_targets;
    record.scan_digest = result.scan_digest;
    const auto json = stat_file(graph_file);
    const auto twin = stat_file(graph_binary_path(graph_file));
    if (!json || !twin) return;  // no twin: nothing to take the diagnostics from next time
    record.json = *json;
    record.twin = *twin;
    try {
        write_file_atomic(build_record_path(options.cache_dir), encode_build_record(record));
    } catch (const Error& e) {
        spdlog::debug("build record not written: {}", e.what());
    }
}

}  // namespace convgraph
