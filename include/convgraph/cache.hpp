// Cache: per-note analysis results stored by content hash, so a rebuild re-parses only changed notes.
#pragma once

#include "convgraph/conventions.hpp"
#include "convgraph/pipeline.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace convgraph {

// A 128-bit hash of `data` as 32 lowercase hex digits. Stable across runs and machines.
std::string content_hash(std::string_view data);

// What, besides a note's path and text, decides its analysis: the convgraph version, the cache
// format and the conventions. Computed once per build.
std::string cache_salt(const Conventions& conventions);

// One directory of entries `<dir>/<2 hex>/<30 hex>`, one per (salt, path, text). Entries are
// written atomically; an unreadable or corrupt entry is a miss, never an error. Thread-safe for
// distinct keys.
class NoteCache {
public:
    explicit NoteCache(std::filesystem::path dir) : m_dir(std::move(dir)) {}

    static std::string key(std::string_view salt, std::string_view path, std::string_view text);

    // The cached analysis of note `path` (its document holds headings and links only; its
    // suppressions are not cached: rescan them from the text), or nullopt.
    std::optional<NoteAnalysis> load(const std::string& key, const std::string& path) const;
    // Stores an analysis; failures to write are ignored (the cache is only an accelerator).
    void store(const std::string& key, const NoteAnalysis& analysis) const;

    std::filesystem::path entry_path(const std::string& key) const;

private:
    std::filesystem::path m_dir;
};

// Serialises the cached part of an analysis (binary_io.hpp layout) and back; nullopt when `data` is malformed
// or belongs to another path.
std::string encode_note_analysis(const NoteAnalysis& analysis);
std::optional<NoteAnalysis> decode_note_analysis(std::string_view data, const std::string& path);

}  // namespace convgraph
