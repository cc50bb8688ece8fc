// Corpus: recursive scan with symlink containment, and reading notes defensively.
#include "convgraph/corpus.hpp"

#include "convgraph/error.hpp"
#include "convgraph/unicode.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <optional>
#include <set>
#include <string_view>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace convgraph {

namespace fs = std::filesystem;

namespace {

// A control character kept out of the model: C0 other than tab and newline, DEL, and a carriage
// return that does not end a line (CRLF's is part of the line break; a lone one would be a line
// break to cmark-gfm and none to grep -n, so the lines of later diagnostics would not agree).
bool is_control_at(std::string_view text, std::size_t i) {
    const char c = text[i];
    if (c == '\r') return i + 1 == text.size() || text[i + 1] != '\n';
    return is_ascii_control(c) && c != '\t' && c != '\n';
}

// One pass over a note's bytes (they were a third of the cost of reading a note): the offset of
// the first invalid UTF-8 sequence, if any, and of the first control character before it.
struct ByteScan {
    std::optional<std::size_t> invalid_utf8;
    std::optional<std::size_t> control;
};

ByteScan scan_note_bytes(std::string_view text) {
    constexpr std::uint64_t ones = 0x0101010101010101ULL;
    constexpr std::uint64_t high = 0x8080808080808080ULL;
    ByteScan scan;
    std::size_t pos = 0;
    const std::size_t n = text.size();
    while (pos < n) {
        if (pos + 8 <= n) {
            std::uint64_t word;
            std::memcpy(&word, text.data() + pos, 8);
            // Eight printable ASCII bytes: none has the high bit, none is below 0x20, none is
            // DEL (only 0x7F + 1 reaches the high bit, with no carry, when no byte has it).
            if (((word | ((word - 0x20 * ones) & ~word) | (word + ones)) & high) == 0) {
                pos += 8;
                continue;
            }
        }
        // Something in these eight bytes: look at each character in them.
        for (const std::size_t stop = std::min(n, pos + 8); pos < stop;) {
            const auto c = static_cast<unsigned char>(text[pos]);
            if (c < 0x80) {
                if (!scan.control && is_control_at(text, pos)) scan.control = pos;
                ++pos;
                continue;
            }
            const std::size_t length = utf8_sequence_length(text, pos);
            if (length == 0) {
                scan.invalid_utf8 = pos;
                return scan;
            }
            pos += length;
        }
    }
    return scan;
}

// The first line nested more than `limit` blocks deep (block quotes and list items), with its
// depth (counted up to limit + 1). cmark-gfm checks every node it appends against all of the
// node's ancestors, so text in a block 150,000 deep ("* * * …" on one line, or 1,500 list items
// each indented under the last) took a minute to parse. Depth is counted as a reader of the
// source would: the markers at the start of the line ("> * > 1. "), on top of the list items
// the line is indented under (each open item's content column, closed by a line indented less).
std::optional<std::pair<int, int>> too_deeply_nested(std::string_view text, int limit) {
    std::vector<std::size_t> items;  // content columns of the open list items, increasing
    int line = 1;
    for (std::size_t start = 0; start < text.size();) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        std::size_t i = start, column = 0;
        auto skip_blanks = [&] {
            for (; i < end && (text[i] == ' ' || text[i] == '\t'); ++i) column = text[i] == '\t' ? (column / 4 + 1) * 4 : column + 1;
        };
        auto spaced = [&](std::size_t at) { return at >= end || text[at] == ' ' || text[at] == '\t' || text[at] == '\r'; };
        skip_blanks();
        if (i < end && text[i] != '\r') {  // a blank line closes no list item
            while (!items.empty() && items.back() > column) items.pop_back();
            int quotes = 0;
            while (static_cast<int>(items.size()) + quotes <= limit && i < end) {
                const char c = text[i];
                std::size_t width = 0;
                if (c == '>') {
                    ++quotes;
                    ++i;
                    ++column;
                } else if ((c == '*' || c == '-' || c == '+') && spaced(i + 1)) {
                    width = 1;
                } else if (c >= '0' && c <= '9') {
                    std::size_t j = i;
                    while (j < end && j - i < 9 && text[j] >= '0' && text[j] <= '9') ++j;
                    if (j >= end || (text[j] != '.' && text[j] != ')') || !spaced(j + 1)) break;
                    width = j + 1 - i;
                } else {
                    break;
                }
                if (width) {
                    items.push_back(column + width + 1);
                    i += width;
                    column += width;
                }
                skip_blanks();
            }
            const int depth = static_cast<int>(items.size()) + quotes;
            if (depth > limit) return std::pair<int, int>{line, depth};
        }
        if (end >= text.size()) break;
        start = end + 1;
        ++line;
    }
    return std::nullopt;
}

bool is_within(const fs::path& inner, const fs::path& outer) {
    auto [a, b] = std::mismatch(outer.begin(), outer.end(), inner.begin(), inner.end());
    return a == outer.end();
}

class Scanner {
public:
    Scanner(fs::path root, DiagnosticSink& diags) : m_root(std::move(root)), m_diags(diags) {}

    std::vector<CorpusFile> run() {
        std::error_code ec;
        m_canonical_root = fs::canonical(m_root, ec);
        if (ec) throw Error("cannot read corpus '" + m_root.string() + "': " + ec.message());
        if (!fs::is_directory(m_canonical_root, ec))
            throw Error("corpus '" + m_root.string() + "' is not a directory");
        walk(m_canonical_root, "");
        // Directories reached through symbolic links come after every real directory, so a note
        // keeps its real path and an alias to an already-read directory is the one reported.
        for (std::size_t i = 0; i < m_linked_dirs.size(); ++i) {
            auto [dir, rel] = m_linked_dirs[i];
            walk(dir, rel);
        }
        std::sort(m_files.begin(), m_files.end(), [](const CorpusFile& a, const CorpusFile& b) { return a.path < b.path; });
        m_files.erase(std::unique(m_files.begin(), m_files.end(),
                                  [](const CorpusFile& a, const CorpusFile& b) { return a.path == b.path; }),
                      m_files.end());
        return std::move(m_files);
    }

private:
    // `dir` is canonical; `rel` is its path relative to the root as the user sees it.
    void walk(const fs::path& dir, const std::string& rel) {
        if (!m_visited.insert(dir.string()).second) {
            m_diags.warning({rel.empty() ? "." : rel, 0, 0}, "symlink-loop",
                            "directory reached twice through symbolic links; not read again");
            return;
        }
        std::error_code ec;
        fs::directory_iterator it(dir, fs::directory_options::none, ec);
        if (ec) {
            m_diags.error({rel.empty() ? "." : rel, 0, 0}, "unreadable-file", "cannot read directory: " + ec.message());
            return;
        }
        std::vector<fs::directory_entry> entries;
        for (; it != fs::directory_iterator(); it.increment(ec)) {
            if (ec) break;
            entries.push_back(*it);
        }
        std::sort(entries.begin(), entries.end(),
                  [](const fs::directory_entry& a, const fs::directory_entry& b) { return a.path() < b.path(); });
        for (const auto& entry : entries) {
            std::string name = entry.path().filename().string();
            if (name.empty() || name[0] == '.') continue;  // .git, .convgraph, editor files
            std::string child_rel = rel.empty() ? name : rel + "/" + name;
            fs::path target = entry.path();
            if (entry.is_symlink(ec)) {
                fs::path resolved = fs::canonical(entry.path(), ec);
                if (ec) {
                    if (name.size() > 3 && name.substr(name.size() - 3) == ".md")
                        m_diags.error({child_rel, 0, 0}, "unreadable-file",
                                      "symbolic link cannot be resolved: " + ec.message());
                    continue;
                }
                if (!is_within(resolved, m_canonical_root)) {
                    m_diags.warning({child_rel, 0, 0}, "symlink-escapes-corpus",
                                    "symbolic link points outside the corpus root; not followed");
                    continue;
                }
                target = resolved;
            }
            if (fs::is_directory(target, ec)) {
                if (target != entry.path())
                    m_linked_dirs.emplace_back(target, child_rel);
                else
                    walk(fs::canonical(target, ec), child_rel);
            } else if (name.size() > 3 && name.substr(name.size() - 3) == ".md") {
                m_files.push_back(CorpusFile{child_rel, target});
            }
        }
    }

    fs::path m_root;
    fs::path m_canonical_root;
    DiagnosticSink& m_diags;
    std::set<std::string> m_visited;
    std::vector<std::pair<fs::path, std::string>> m_linked_dirs;  // (canonical target, relative path)
    std::vector<CorpusFile> m_files;
};

}  // namespace

std::vector<CorpusFile> scan_corpus(const fs::path& root, DiagnosticSink& diags) { return Scanner(root, diags).run(); }

std::optional<FileStat> stat_file(const fs::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return std::nullopt;
    auto ns = [](const struct timespec& t) { return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec; };
    return FileStat{static_cast<std::uint64_t>(st.st_size), ns(st.st_mtim), ns(st.st_ctim),
                    static_cast<std::uint64_t>(st.st_ino), static_cast<std::uint64_t>(st.st_dev),
                    static_cast<std::uint32_t>(st.st_mode)};
}

std::optional<std::string> check_note_text(const std::string& path, std::string text, const CorpusLimits& limits,
                                           DiagnosticSink& diags) {
    if (text.size() > limits.max_file_bytes) {
        diags.error({path, 0, 0}, "file-too-large",
                    "file is " + std::to_string(text.size()) + " bytes, over the limit of " +
                        std::to_string(limits.max_file_bytes) + "; skipped");
        return std::nullopt;
    }
    if (auto nul = text.find('\0'); nul != std::string::npos) {
        int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(nul), '\n'));
        diags.error({path, line, 0}, "binary-file",
                    "file contains a NUL byte at offset " + std::to_string(nul) + "; not a text note, skipped");
        return std::nullopt;
    }
    if (auto deep = too_deeply_nested(text, limits.max_nesting)) {
        diags.error({path, deep->first, 1}, "nesting-too-deep",
                    "line is nested more than " + std::to_string(limits.max_nesting) +
                        " block quotes and list items deep; the note is skipped (parsing it would take time that "
                        "grows with the depth times the text)");
        return std::nullopt;
    }
    const bool bom = text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0;
    if (bom) text.erase(0, 3);  // a UTF-8 byte order mark: columns count from after it
    const ByteScan scan = scan_note_bytes(text);
    std::size_t first = scan.control.value_or(text.size());
    if (auto bad = scan.invalid_utf8) {
        auto line_start = text.rfind('\n', *bad == 0 ? 0 : *bad - 1);
        line_start = (line_start == std::string::npos || *bad == 0) ? 0 : line_start + 1;
        int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(*bad), '\n'));
        int column = static_cast<int>(code_point_count(std::string_view(text).substr(line_start, *bad - line_start))) + 1;
        diags.error({path, line, column}, "invalid-utf8",
                    "invalid UTF-8 at byte offset " + std::to_string(*bad + (bom ? 3 : 0)) +
                        "; invalid bytes are read as U+FFFD");
        text = repair_utf8(text);
        first = 0;
        while (first < text.size() && !is_control_at(text, first)) ++first;
    }
    if (first == text.size()) return text;
    auto u = static_cast<unsigned char>(text[first]);
    int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(first), '\n'));
    std::string message = "control character U+00" + std::string(1, "0123456789ABCDEF"[u >> 4]) +
                          std::string(1, "0123456789ABCDEF"[u & 15]) + " removed";
    // One warning a note, placed at the first; it says how many more and on which lines.
    std::size_t more = 0;
    std::vector<int> lines;  // the first five other lines with one
    bool more_lines = false;
    int at_line = line;
    for (std::size_t i = first + 1; i < text.size(); ++i) {
        if (text[i] == '\n') ++at_line;
        if (!is_control_at(text, i)) continue;
        ++more;
        if ((lines.empty() ? line : lines.back()) == at_line) continue;
        if (lines.size() < 5)
            lines.push_back(at_line);
        else if (lines.back() != at_line)
            more_lines = true;
    }
    if (more > 0) {
        message += ", and " + std::to_string(more) + " more";
        if (!lines.empty()) {
            message += " (line";
            message += lines.size() > 1 ? "s " : " ";
            for (std::size_t i = 0; i < lines.size(); ++i) message += (i ? ", " : "") + std::to_string(lines[i]);
            message += more_lines ? ", …)" : ")";
        }
    }
    diags.warning({path, line, 0}, "control-character", message);
    std::size_t kept = first;
    for (std::size_t i = first; i < text.size(); ++i)
        if (!is_control_at(text, i)) text[kept++] = text[i];
    text.resize(kept);
    return text;
}

std::optional<std::string> read_note(const CorpusFile& file, const CorpusLimits& limits, DiagnosticSink& diags) {
    // One descriptor: its fstat gives the size without a second lookup of the path. O_NONBLOCK:
    // a FIFO that took a note's name is refused below instead of blocking the build.
    const int fd = ::open(file.full_path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        const int err = errno;
        diags.error({file.path, 0, 0}, "unreadable-file", "cannot read file: " + std::system_category().message(err));
        return std::nullopt;
    }
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        const int err = errno;
        diags.error({file.path, 0, 0}, "unreadable-file", "cannot read file: " + std::system_category().message(err));
        return std::nullopt;
    }
    if (!S_ISREG(st.st_mode)) {
        diags.error({file.path, 0, 0}, "unreadable-file", "cannot read file: not a regular file");
        return std::nullopt;
    }
    const auto size = static_cast<std::uintmax_t>(st.st_size);
    if (size > limits.max_file_bytes) {
        diags.error({file.path, 0, 0}, "file-too-large",
                    "file is " + std::to_string(size) + " bytes, over the limit of " +
                        std::to_string(limits.max_file_bytes) + "; skipped");
        return std::nullopt;
    }
    // Read to the end: a note that grows meanwhile is read whole (and the limit checked again),
    // and so is a file whose stat gives no size (as /proc files do).
    std::string text(static_cast<std::size_t>(size) + 1, '\0');
    std::size_t got = 0;
    for (;;) {
        if (got == text.size()) {
            if (text.size() > limits.max_file_bytes) break;
            text.resize(text.size() * 2);
        }
        const ssize_t n = ::read(fd, text.data() + got, text.size() - got);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const int err = errno;
            diags.error({file.path, 0, 0}, "unreadable-file", "read error: " + std::system_category().message(err));
            return std::nullopt;
        }
        if (n == 0) break;
        got += static_cast<std::size_t>(n);
    }
    text.resize(got);
    return check_note_text(file.path, std::move(text), limits, diags);
}

}  // namespace convgraph
