// Corpus: finding and reading the notes — the only code that touches the file system for input.
#pragma once

#include "convgraph/diagnostics.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace convgraph {

struct CorpusFile {
    std::string path;                 // relative to the root, '/'-separated: the note's identity
    std::filesystem::path full_path;  // where to read it
};

struct CorpusLimits {
    std::uintmax_t max_file_bytes = 8u << 20;  // larger notes are reported and skipped
    int max_nesting = 100;  // a note with a line nested deeper (block quotes, list items): skipped
};

// What stat() says of a note. A rebuild takes a note whose stat is all as recorded (and was not
// recorded around the time it was written) to be unchanged, as git's index does; otherwise the
// note is read and its content hash decides (rebuild.hpp).
struct FileStat {
    std::uint64_t size = 0;
    std::int64_t mtime_ns = 0;
    std::int64_t ctime_ns = 0;  // changes with chmod and with an mtime put back by hand
    std::uint64_t inode = 0;
    std::uint64_t device = 0;
    std::uint32_t mode = 0;
    bool operator==(const FileStat&) const = default;
};

// The stat of a file (symbolic links followed), or nullopt when it cannot be stat'ed.
std::optional<FileStat> stat_file(const std::filesystem::path& path);

// All `.md` files below `root`, recursively, sorted by relative path (byte order). Symbolic
// links are followed only while they stay inside the root; links leaving it, loops and
// unreadable directories become diagnostics. Throws Error when `root` is not a directory.
std::vector<CorpusFile> scan_corpus(const std::filesystem::path& root, DiagnosticSink& diags);

// The text of one note, or nullopt (with a diagnostic) when it cannot be used: unreadable,
// larger than the limit, or binary (NUL bytes). Invalid UTF-8 is reported with its line and
// byte offset and replaced by U+FFFD so the rest of the note is still read.
std::optional<std::string> read_note(const CorpusFile& file, const CorpusLimits& limits, DiagnosticSink& diags);

// Checks and repairs a note's text as read_note does (for in-memory sources).
std::optional<std::string> check_note_text(const std::string& path, std::string text, const CorpusLimits& limits,
                                           DiagnosticSink& diags);

}  // namespace convgraph
