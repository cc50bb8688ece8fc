// IO: writing output files atomically (temporary file in the same directory, then rename).
#pragma once

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

namespace convgraph {

// Writes `content` to `path` so that readers see either the old file or the whole new one,
// never a half-written file. Creates missing parent directories. Throws Error on failure.
void write_file_atomic(const std::filesystem::path& path, std::string_view content);

// The same, for content produced piece by piece: `produce` writes to a stream on the temporary
// file. If it throws, the temporary file is removed and `path` is left as it was.
void write_file_atomic(const std::filesystem::path& path, const std::function<void(std::ostream&)>& produce);

// A file written in place of `path` only on commit(): a temporary file in the same directory
// until then, removed if the object dies uncommitted (say, by an exception). The stream may be
// repositioned (seekp) before commit, to patch a header.
class AtomicFile {
public:
    explicit AtomicFile(std::filesystem::path path);
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;
    ~AtomicFile();

    std::ostream& stream();
    // Flushes, closes and renames onto `path`. Throws Error on failure (and removes the temporary).
    void commit();

private:
    std::filesystem::path m_path;
    std::string m_tmp;
    std::unique_ptr<std::ofstream> m_out;
    bool m_committed = false;
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
