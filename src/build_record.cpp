// Build record: the binary_io layout of what the last cached build read and wrote.
//
//   "CGBUILD\0"  u32 format  str signature  i64 started
//   u64 notes, then each:        stat, str key, u64 digest, u64 bytes, u8 plain
//   u64 link targets, then each: str path, u8 exists
//   u64 scan digest  stat of the graph file  stat of the twin  "END\0"
// stat = str path (empty for the graph files), u64 size, i64 mtime, i64 ctime, u64 inode,
// u64 device, u32 mode.
#include "convgraph/build_record.hpp"

#include "binary_io.hpp"

#include <xxhash.h>

namespace convgraph {

namespace {

constexpr std::string_view k_magic{"CGBUILD\0", 8};
constexpr std::string_view k_end{"END\0", 4};
constexpr std::uint32_t k_format = 3;

// A note whose recorded mtime is this close to (or after) the start of the recorded build may
// have been written again within the file system's timestamp granularity after it was read: its
// stat proves nothing, its content must be hashed (git calls such index entries "racily clean").
constexpr std::int64_t k_racy_ns = 2'000'000'000;

void put_stat(BinaryWriter& w, const FileStat& s) {
    w.num<std::uint64_t>(s.size);
    w.num<std::int64_t>(s.mtime_ns);
    w.num<std::int64_t>(s.ctime_ns);
    w.num<std::uint64_t>(s.inode);
    w.num<std::uint64_t>(s.device);
    w.num<std::uint32_t>(s.mode);
}

FileStat get_stat(BinaryReader& r) {
    FileStat s;
    s.size = r.num<std::uint64_t>();
    s.mtime_ns = r.num<std::int64_t>();
    s.ctime_ns = r.num<std::int64_t>();
    s.inode = r.num<std::uint64_t>();
    s.device = r.num<std::uint64_t>();
    s.mode = r.num<std::uint32_t>();
    return s;
}

}  // namespace

std::string encode_build_record(const BuildRecord& record) {
    std::string out;
    BinaryWriter w(out);
    w.raw(k_magic);
    w.u32(k_format);
    w.str(record.signature);
    w.num<std::int64_t>(record.started_ns);
    w.num<std::uint64_t>(record.notes.size());
    for (const auto& n : record.notes) {
        w.str(n.path);
        put_stat(w, n.stat);
        w.str(n.key);
        w.num<std::uint64_t>(n.digest);
        w.num<std::uint64_t>(n.bytes);
        w.u8(n.plain ? 1 : 0);
    }
    w.num<std::uint64_t>(record.link_targets.size());
    for (const auto& [path, exists] : record.link_targets) {
        w.str(path);
        w.u8(exists ? 1 : 0);
    }
    w.num<std::uint64_t>(record.scan_digest);
    w.str("");
    put_stat(w, record.json);
    w.str("");
    put_stat(w, record.twin);
    w.raw(k_end);
    return out;
}

std::optional<BuildRecord> decode_build_record(std::string_view data) {
    try {
        BinaryReader r(data);
        if (r.raw(k_magic.size()) != k_magic || r.u32() != k_format) return std::nullopt;
        BuildRecord record;
        record.signature = r.str();
        record.started_ns = r.num<std::int64_t>();
        record.notes.resize(r.items(r.num<std::uint64_t>(), 4 + 44 + 4 + 16 + 1));
        for (auto& n : record.notes) {
            n.path = r.str();
            n.stat = get_stat(r);
            n.key = r.str();
            n.digest = r.num<std::uint64_t>();
            n.bytes = r.num<std::uint64_t>();
            const unsigned plain = r.u8();
            if (plain > 1) return std::nullopt;
            n.plain = plain == 1;
        }
        record.link_targets.resize(r.items(r.num<std::uint64_t>(), 5));
        for (auto& [path, exists] : record.link_targets) {
            path = r.str();
            const unsigned flag = r.u8();
            if (flag > 1) return std::nullopt;
            exists = flag == 1;
        }
        record.scan_digest = r.num<std::uint64_t>();
        if (!r.str().empty()) return std::nullopt;
        record.json = get_stat(r);
        if (!r.str().empty()) return std::nullopt;
        record.twin = get_stat(r);
        if (r.raw(k_end.size()) != k_end || !r.at_end()) return std::nullopt;
        for (std::size_t i = 1; i < record.notes.size(); ++i)
            if (!(record.notes[i - 1].path < record.notes[i].path)) return std::nullopt;
        return record;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

bool unchanged_since(const NoteRecord& note, const std::optional<FileStat>& now, std::int64_t started_ns) {
    // (In unsigned arithmetic: nothing a damaged record holds can overflow it.)
    const bool racy = note.stat.mtime_ns >= started_ns ||
                      static_cast<std::uint64_t>(started_ns) - static_cast<std::uint64_t>(note.stat.mtime_ns) <=
                          static_cast<std::uint64_t>(k_racy_ns);
    return now && *now == note.stat && !racy;
}

std::filesystem::path build_record_path(const std::filesystem::path& cache_dir) { return cache_dir / "last-build"; }

std::uint64_t diagnostics_digest(const std::vector<Diagnostic>& diagnostics, std::uint64_t seed) {
    std::string data;
    BinaryWriter w(data);
    for (const auto& d : diagnostics) put_diagnostic(w, d);
    return XXH3_64bits_withSeed(data.data(), data.size(), seed);
}

}  // namespace convgraph
