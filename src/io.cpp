// IO: atomic replacement of output files.
#include "convgraph/io.hpp"

#include "convgraph/error.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace convgraph {

namespace fs = std::filesystem;

void write_file_atomic(const fs::path& path, std::string_view content) {
    std::error_code ec;
    fs::path parent = path.parent_path();
    if (!parent.empty()) {
        fs::create_directories(parent, ec);
        if (ec) throw Error("cannot create directory '" + parent.string() + "': " + ec.message());
    }
    std::string tmpl = (parent.empty() ? fs::path(".") : parent).string() + "/." + path.filename().string() + ".tmp-XXXXXX";
    int fd = ::mkstemp(tmpl.data());
    if (fd < 0) throw Error("cannot write '" + path.string() + "': " + std::strerror(errno));
    const char* data = content.data();
    std::size_t left = content.size();
    while (left > 0) {
        ssize_t n = ::write(fd, data, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            int err = errno;
            ::close(fd);
            ::unlink(tmpl.c_str());
            throw Error("cannot write '" + path.string() + "': " + std::strerror(err));
        }
        data += n;
        left -= static_cast<std::size_t>(n);
    }
    ::fchmod(fd, 0644);
    if (::close(fd) != 0) {
        int err = errno;
        ::unlink(tmpl.c_str());
        throw Error("cannot write '" + path.string() + "': " + std::strerror(err));
    }
    if (std::rename(tmpl.c_str(), path.c_str()) != 0) {
        int err = errno;
        ::unlink(tmpl.c_str());
        throw Error("cannot write '" + path.string() + "': " + std::strerror(err));
    }
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error("cannot read '" + path.string() + "': " + std::strerror(errno));
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) throw Error("cannot read '" + path.string() + "'");
    return ss.str();
}

}  // namespace convgraph
