// Cache: per-note analysis results stored by content hash, so a rebuild re-parses only changed notes.
#pragma once

#include "convgraph/conventions.hpp"
#include "convgraph/pipeline.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace convgraph {

// A 128-bit hash of `data` as 32 lowercase hex digits. Stable across runs and machines.
std::string content_hash(std::string_view data);

// What tells this build of the program from another: its GNU build ID (a hash of the linked
// executable, which Debian's toolchain writes by default), else the size and mtime of
// /proc/self/exe. Caches written by another build of convgraph — the same version number,
// other code — are not trusted. Computed once.
const std::string& program_fingerprint();

// What, besides a note's path and text, decides its analysis: the convgraph version and build
// (program_fingerprint), the cache format and the conventions. Computed once per build.
std::string cache_salt(const Conventions& conventions);

// The note cache: one append-only log, `<dir>/notes.log` (as ninja keeps .ninja_deps), of
// records (key, entry), one per (salt, path, text); the last record of a key wins. A build
// appends the entries it computes, and when it ends with more than half of the log made of
// records it did not use (notes edited, renamed or deleted since), it rewrites the log with the
// records it used. One file instead of one per note: creating ten thousand small files cost a
// cold build more than a third of its time. An unreadable log or a corrupt record is a miss,
// never an error; so is a record lost to another build writing the same log at the same time.
// load() and store() are thread-safe.
class NoteCache {
public:
    explicit NoteCache(std::filesystem::path dir);
    ~NoteCache();  // close(false)
    NoteCache(const NoteCache&) = delete;
    NoteCache& operator=(const NoteCache&) = delete;

    static std::string key(std::string_view salt, std::string_view path, std::string_view text);

    // The cached analysis of note `path` (its document holds headings and links only; its
    // suppressions are not cached: rescan them from the text), or nullopt. `facts`, if given,
    // receives facts_hash() of the entry.
    std::optional<NoteAnalysis> load(const std::string& key, const std::string& path,
                                     std::uint64_t* facts = nullptr) const;
    // Stores an analysis; failures to write are ignored (the cache is only an accelerator).
    // facts_hash() of the entry, when the analysis could be encoded.
    std::optional<std::uint64_t> store(const std::string& key, const NoteAnalysis& analysis) const;
    // Closes the log; later calls do nothing. With `compact` — only for a build that loaded or
    // stored every note it has, so that what it did not use is stale — the log is first
    // rewritten when more than half of it is records not used, or when it is damaged.
    void close(bool compact = false);

    static std::filesystem::path log_path(const std::filesystem::path& dir);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Serialises the cached part of an analysis (binary_io.hpp layout) and back; nullopt when `data` is malformed
// or belongs to another path.
std::string encode_note_analysis(const NoteAnalysis& analysis);
std::optional<NoteAnalysis> decode_note_analysis(std::string_view data, const std::string& path);

// A hash of an encoded analysis but its byte count: of its facts, links, anchors, diagnostics.
std::uint64_t facts_hash(std::string_view encoded);

// A digest of everything a note gives a build but its size: its analysis (facts, links,
// anchors, diagnostics), its suppressions and the diagnostics of reading it. Two texts of a
// note with the same digest give the same graph file but for the note's byte count. The second
// form takes the analysis's facts_hash(), as the cache computed it while storing or loading.
std::uint64_t note_digest(const NoteAnalysis& analysis, const std::vector<Diagnostic>& read_diagnostics);
std::uint64_t note_digest(std::uint64_t facts, const NoteAnalysis& analysis,
                          const std::vector<Diagnostic>& read_diagnostics);

// A note's analysis: from `cache` (if any) by `key`, with its suppression comments (which the
// cache does not keep) scanned from `text`; or analysed and stored there, `analysed` set. The
// full build and the early cutoff both go through here, so they agree on what a note gives.
// `facts`, if given, receives its facts_hash() (without a second encoding when the cache has
// encoded it).
NoteAnalysis cached_analysis(NoteCache* cache, const std::string& key, const std::string& path,
                             const std::string& text, const BuildOptions& options, bool& analysed,
                             std::uint64_t* facts = nullptr);

// A note read without a diagnostic and without suppression comments: its cache entry holds all
// a build needs of it (NoteRecord::plain), the text is not needed.
bool note_is_plain(const NoteAnalysis& analysis, const std::vector<Diagnostic>& read_diagnostics);

}  // namespace convgraph
