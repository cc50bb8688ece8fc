// IO: atomic replacement of output files.
#include "convgraph/io.hpp"

#include "convgraph/error.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace convgraph {

namespace fs = std::filesystem;

void write_file_atomic(const fs::path& path, std::string_view content) {
    write_file_atomic(path, [content](std::ostream& out) { out.write(content.data(), static_cast<std::streamsize>(content.size())); });
}

void write_file_atomic(const fs::path& path, const std::function<void(std::ostream&)>& produce) {
    AtomicFile file(path);
    produce(file.stream());
    file.commit();
}

namespace {

// The file a chain of symbolic links ends at, existing or not (a dangling link names the file
// to create). Relative links are taken from the directory of the link. Empty for a chain through
// /proc (/dev/stdout → /proc/self/fd/1 → the shell's redirection): that descriptor's file is
// written directly, as the process's own output.
fs::path follow_links(fs::path p) {
    for (int hops = 0; hops < 40; ++hops) {
        if (p.lexically_normal().string().starts_with("/proc/")) return {};
        struct stat st;
        if (::lstat(p.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return p;
        std::error_code ec;
        fs::path target = fs::read_symlink(p, ec);
        if (ec) throw Error("cannot write '" + p.string() + "': " + ec.message());
        p = target.is_absolute() ? target : p.parent_path() / target;
    }
    throw Error("cannot write '" + p.string() + "': too many levels of symbolic links");
}

// The file an atomic write of `path` replaces, or empty when `path` is written directly: a FIFO,
// a terminal, /dev/null, /dev/stdout… Renaming a new file over one of those would replace the
// device or pipe, and "whole or not at all" means nothing for a stream. Through a symbolic
// link, the file it names is replaced and the link kept. Throws Error for a directory.
fs::path replaced_file(const fs::path& path) {
    struct stat st;
    const bool exists = ::stat(path.c_str(), &st) == 0;
    if (exists && S_ISDIR(st.st_mode)) throw Error("cannot write '" + path.string() + "': it is a directory");
    if (exists && !S_ISREG(st.st_mode)) return {};
    return follow_links(path);
}

}  // namespace

bool written_in_place(const fs::path& path) {
    try {
        return replaced_file(path).empty();
    } catch (const Error&) {
        return false;  // AtomicFile will say why it cannot write there
    }
}

AtomicFile::AtomicFile(fs::path path) : m_path(std::move(path)) {
    fs::path target = replaced_file(m_path);
    if (target.empty()) {
        m_direct = true;
        m_tmp = m_path.string();
        m_out = std::make_unique<std::ofstream>(m_path, std::ios::binary | std::ios::trunc);
        if (!*m_out) throw Error("cannot write '" + m_path.string() + "': " + std::strerror(errno));
        return;
    }
    m_path = std::move(target);
    std::error_code ec;
    fs::path parent = m_path.parent_path();
    if (!parent.empty()) {
        fs::create_directories(parent, ec);
        if (ec) throw Error("cannot create directory '" + parent.string() + "': " + ec.message());
    }
    m_tmp = (parent.empty() ? fs::path(".") : parent).string() + "/." + m_path.filename().string() + ".tmp-XXXXXX";
    int fd = ::mkstemp(m_tmp.data());
    if (fd < 0) throw Error("cannot write '" + m_path.string() + "': " + std::strerror(errno));
    ::fchmod(fd, 0644);
    ::close(fd);
    m_out = std::make_unique<std::ofstream>(m_tmp, std::ios::binary | std::ios::trunc);
    if (!*m_out) {
        int err = errno;
        ::unlink(m_tmp.c_str());
        throw Error("cannot write '" + m_path.string() + "': " + std::strerror(err));
    }
}

AtomicFile::~AtomicFile() {
    if (!m_committed) {
        m_out.reset();
        if (!m_direct) ::unlink(m_tmp.c_str());
    }
}

std::ostream& AtomicFile::stream() { return *m_out; }

void AtomicFile::commit() {
    auto fail = [&](const char* why) {
        m_out.reset();
        if (!m_direct) ::unlink(m_tmp.c_str());
        m_committed = true;  // nothing left to clean up
        throw Error("cannot write '" + m_path.string() + "': " + why);
    };
    m_out->flush();
    if (!*m_out) fail(errno ? std::strerror(errno) : "write error");
    m_out->close();
    if (!*m_out) fail(errno ? std::strerror(errno) : "write error");
    if (m_direct) {
        m_committed = true;
        return;
    }
    if (std::rename(m_tmp.c_str(), m_path.c_str()) != 0) fail(std::strerror(errno));
    m_committed = true;
}

bool write_all(int fd, std::string_view data) {
    while (!data.empty()) {
        ssize_t put = ::write(fd, data.data(), data.size());
        if (put < 0 && errno == EINTR) continue;
        if (put <= 0) return false;
        data.remove_prefix(static_cast<std::size_t>(put));
    }
    return true;
}

bool read_at(int fd, char* buf, std::size_t n, std::uint64_t offset) {
    while (n > 0) {
        ssize_t got = ::pread(fd, buf, n, static_cast<off_t>(offset));
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) return false;
        buf += got;
        n -= static_cast<std::size_t>(got);
        offset += static_cast<std::uint64_t>(got);
    }
    return true;
}

namespace {

// Copies `size` bytes at `offset` of `in` to the end of what was written to `out`.
void copy_range(int in, std::uint64_t offset, std::uint64_t size, int out) {
    auto position = static_cast<off_t>(offset);
    bool kernel_copy = true;
    std::vector<char> buffer;
    while (size > 0) {
        const auto chunk = static_cast<std::size_t>(std::min<std::uint64_t>(size, 1u << 30));
        ssize_t n = -1;
        if (kernel_copy) {
            n = ::copy_file_range(in, &position, out, nullptr, chunk, 0);
            if (n < 0 && (errno == EXDEV || errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP || errno == EBADF)) {
                kernel_copy = false;  // another file system, or none of this: copy through a buffer
                continue;
            }
        } else {
            buffer.resize(std::min<std::size_t>(chunk, 1u << 20));
            n = ::pread(in, buffer.data(), buffer.size(), position);
            if (n > 0) {
                if (!write_all(out, std::string_view(buffer.data(), static_cast<std::size_t>(n))))
                    throw Error(std::string("write error: ") + std::strerror(errno));
                position += n;
            }
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw Error(std::string("copy error: ") + std::strerror(errno));
        if (n == 0) throw Error("the source file is shorter than expected");
        size -= static_cast<std::uint64_t>(n);
    }
}

}  // namespace

void write_pieces(AtomicFile& file, const fs::path& source, const std::vector<FilePiece>& pieces) {
    const int in = ::open(source.c_str(), O_RDONLY | O_CLOEXEC);
    if (in < 0) throw Error("cannot read '" + source.string() + "': " + std::strerror(errno));
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } close_in{in};
    file.stream().flush();
    const int out = ::open(file.temporary_path().c_str(), O_WRONLY | O_CLOEXEC);
    if (out < 0) throw Error("cannot write '" + file.path().string() + "': " + std::strerror(errno));
    try {
        for (const FilePiece& piece : pieces) {
            if (!piece.text.empty()) {
                if (!write_all(out, piece.text)) throw Error(std::string("write error: ") + std::strerror(errno));
            } else {
                copy_range(in, piece.offset, piece.size, out);
            }
        }
    } catch (const Error& e) {
        ::close(out);
        throw Error("cannot write '" + file.path().string() + "': " + e.what());
    }
    if (::close(out) != 0) throw Error("cannot write '" + file.path().string() + "': " + std::strerror(errno));
}

void write_file_atomic_from(const fs::path& path, const fs::path& source, const std::vector<FilePiece>& pieces) {
    AtomicFile file(path);
    write_pieces(file, source, pieces);
    file.commit();
}

FileLock::FileLock(const fs::path& path) {
    m_fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (m_fd < 0) return;
    int r;
    do {
        r = ::flock(m_fd, LOCK_EX);
    } while (r != 0 && errno == EINTR);
    if (r != 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

FileLock::~FileLock() {
    if (m_fd >= 0) ::close(m_fd);  // releases the lock
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error("cannot read '" + path.string() + "': " + std::strerror(errno));
    // Read straight into a string of the file's size (a stringstream would hold a second copy):
    // graph files run to hundreds of megabytes. A file that grows meanwhile is read to its end.
    std::string text;
    std::error_code ec;
    auto size = fs::file_size(path, ec);
    if (!ec && size > 0) {
        text.resize(static_cast<std::size_t>(size));
        in.read(text.data(), static_cast<std::streamsize>(size));
        text.resize(static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad()) throw Error("cannot read '" + path.string() + "'");
    if (!in.eof()) {
        char buf[65536];
        while (in.read(buf, sizeof buf) || in.gcount() > 0) text.append(buf, static_cast<std::size_t>(in.gcount()));
        if (in.bad()) throw Error("cannot read '" + path.string() + "'");
    }
    return text;
}

MappedFile::MappedFile(const fs::path& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw Error("cannot read '" + path.string() + "': " + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        throw Error("cannot read '" + path.string() + "': not a regular file");
    }
    m_size = static_cast<std::size_t>(st.st_size);
    if (m_size > 0) {
        void* p = ::mmap(nullptr, m_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (p == MAP_FAILED) {
            int err = errno;
            ::close(fd);
            throw Error("cannot map '" + path.string() + "': " + std::strerror(err));
        }
        m_data = p;
    }
    ::close(fd);  // the mapping keeps the file
}

MappedFile::~MappedFile() {
    if (m_data) ::munmap(m_data, m_size);
}

}  // namespace convgraph
