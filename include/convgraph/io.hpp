// IO: writing output files atomically (temporary file in the same directory, then rename).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace convgraph {

// Writes `content` to `path` so that readers see either the old file or the whole new one,
// never a half-written file. Creates missing parent directories. Throws Error on failure.
void write_file_atomic(const std::filesystem::path& path, std::string_view content);

// The same, for content produced piece by piece: `produce` writes to a stream on the temporary
// file. If it throws, the temporary file is removed and `path` is left as it was.
void write_file_atomic(const std::filesystem::path& path, const std::function<void(std::ostream&)>& produce);

// A file written in place of `path` only on commit(): a temporary file in the same directory
// until then, removed if the object dies uncommitted (say, by an exception). The stream may be
// repositioned (seekp) before commit, to patch a header. When `path` is a symbolic link, the
// file it leads to is replaced and the link kept. When it is something other than a regular
// file or a directory — a FIFO, a terminal, /dev/null, /dev/stdout — it is written directly
// (is_direct()), as a stream cannot be replaced. A directory is an error.
// Whether an AtomicFile for `path` would write to it directly (a FIFO, a device, /dev/stdout):
// nothing beside it (a binary twin, a build record) should then be written.
bool written_in_place(const std::filesystem::path& path);

class AtomicFile {
public:
    explicit AtomicFile(std::filesystem::path path);
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;
    ~AtomicFile();

    std::ostream& stream();
    // The file it replaces on commit (the one a symbolic link named, if it was given one).
    const std::filesystem::path& path() const { return m_path; }
    // Where the temporary file is (for writes that bypass the stream; flush the stream first).
    const std::string& temporary_path() const { return m_tmp; }
    // Flushes, closes and renames onto `path`. Throws Error on failure (and removes the temporary).
    void commit();
    // Written straight to `path`, not through a temporary file (see above).
    bool is_direct() const { return m_direct; }

private:
    std::filesystem::path m_path;
    std::string m_tmp;
    std::unique_ptr<std::ofstream> m_out;
    bool m_committed = false;
    bool m_direct = false;
};

// The whole of `data` written to descriptor `fd` (retrying short writes and EINTR); false on an
// error. And `n` bytes read at `offset` of `fd` into `buf`; false on an error or end of file.
bool write_all(int fd, std::string_view data);
bool read_at(int fd, char* buf, std::size_t n, std::uint64_t offset);

// A piece of a file being assembled: `text` when it is non-empty, else `size` bytes at `offset`
// of the source file.
struct FilePiece {
    std::uint64_t offset = 0;
    std::uint64_t size = 0;
    std::string text;
};

// Writes `path` atomically from pieces: literal text, and byte ranges of `source` copied by the
// kernel (copy_file_range, falling back to read/write) without passing through this process —
// a few changed lines in a file of hundreds of megabytes. Throws Error on failure.
void write_file_atomic_from(const std::filesystem::path& path, const std::filesystem::path& source,
                            const std::vector<FilePiece>& pieces);

// The same pieces written into `file`'s temporary file, left for the caller to patch (through
// the stream) and commit.
void write_pieces(AtomicFile& file, const std::filesystem::path& source, const std::vector<FilePiece>& pieces);

// An exclusive lock (flock) on the file `path`, created if missing, held while the object lives:
// two cached builds into one cache directory run one after the other, so that neither reads
// files the other is replacing. Waits for the lock. Best effort: when the file cannot be
// created or locked, nothing is locked (the cache is only an accelerator).
class FileLock {
public:
    explicit FileLock(const std::filesystem::path& path);
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;
    ~FileLock();
    bool locked() const { return m_fd >= 0; }

private:
    int m_fd = -1;
};

// Reads a whole file. Throws Error when it cannot be read.
std::string read_file(const std::filesystem::path& path);

// A whole regular file mapped read-only into memory: the binary graph twin (100 MB for 10,000
// notes) is read where it lies instead of being copied into a freshly zeroed string. Files are
// replaced by rename (write_file_atomic), never rewritten in place, so a mapping stays valid.
// Throws Error when the file cannot be opened or mapped.
class MappedFile {
public:
    explicit MappedFile(const std::filesystem::path& path);
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    ~MappedFile();

    std::string_view view() const { return {static_cast<const char*>(m_data), m_size}; }

private:
    void* m_data = nullptr;
    std::size_t m_size = 0;
};

}  // namespace convgraph
