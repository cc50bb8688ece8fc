// Build record: what the last cached build read and wrote, so that the next one can tell that
// nothing shaping the graph changed ("early cutoff", as build systems say) and patch the graph
// file instead of building it again.
#pragma once

#include "convgraph/corpus.hpp"
#include "convgraph/diagnostics.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace convgraph {

// Identifies a file written by a build: its size and modification time.
struct GraphFileStamp {
    std::uint64_t size = 0;
    std::int64_t mtime_ns = 0;
    bool operator==(const GraphFileStamp&) const = default;
};

// One note of the recorded build.
struct NoteRecord {
    std::string path;
    FileStat stat;          // taken before the note was read (corpus.hpp)
    std::string key;        // NoteCache::key of its text
    std::uint64_t digest = 0;  // of everything the note gives the build but its size (note_digest)
    std::uint64_t bytes = 0;
    // Read without a diagnostic and without suppression comments: all the build needs of it is
    // its note cache entry (a full build takes that by `key`, unread, while `stat` holds).
    bool plain = false;
    bool operator==(const NoteRecord&) const = default;
};

struct BuildRecord {
    std::string signature;       // build_signature: version, conventions, configuration, roots, output
    std::int64_t started_ns = 0;  // wall clock when the build began
    std::vector<NoteRecord> notes;                          // sorted by path
    std::vector<std::pair<std::string, bool>> link_targets;  // files (not notes) links were checked against
    std::uint64_t scan_digest = 0;                          // of the corpus scan's diagnostics
    FileStat json;  // the graph file written (a new inode each time a build replaces it)
    FileStat twin;  // and its binary twin
    bool operator==(const BuildRecord&) const = default;
};

// A note whose stat is `now` is the note `note` recorded by a build that began at `started_ns`:
// the same stat, and not "racily clean" (its recorded mtime is not within the timestamp
// granularity of that start, when it could have been written again unnoticed; as git does).
bool unchanged_since(const NoteRecord& note, const std::optional<FileStat>& now, std::int64_t started_ns);

std::string encode_build_record(const BuildRecord& record);
// nullopt when `data` is not a record of this format (a miss, never an error).
std::optional<BuildRecord> decode_build_record(std::string_view data);

// Where a cache directory keeps the record of the last build.
std::filesystem::path build_record_path(const std::filesystem::path& cache_dir);

// A digest of diagnostics, in order (the scan's, a note's read checks).
std::uint64_t diagnostics_digest(const std::vector<Diagnostic>& diagnostics, std::uint64_t seed = 0);

}  // namespace convgraph
