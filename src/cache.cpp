// Cache: per-note analysis results, keyed by a hash of (version, conventions, path, text), in one append-only log.
#include "convgraph/cache.hpp"

#include "convgraph/build_record.hpp"
#include "convgraph/error.hpp"
#include "convgraph/io.hpp"

#include "binary_io.hpp"

#include <absl/container/flat_hash_map.h>
#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <vector>

#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <sys/stat.h>
#include <unistd.h>

namespace convgraph {

namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {

// Bumped whenever the entry layout or what analyze_note produces changes shape.
// 2: binary layout (binary_io.hpp) instead of CBOR; 3: links without a path; 4: keys hashed with XXH3.
constexpr int k_cache_format = 4;

constexpr std::string_view k_magic{"CGNOTE\0\0", 8};

// A place in this note: line, column, and the path only when it is another file's (rare: a
// diagnostic about a linked note).
void put_loc(BinaryWriter& w, const SourceLoc& loc, const std::string& path) {
    w.count(loc.line);
    w.count(loc.column);
    w.str(loc.path == path ? std::string_view() : std::string_view(loc.path));
}

SourceLoc get_loc(BinaryReader& r, const std::string& path) {
    SourceLoc loc;
    loc.line = r.count();
    loc.column = r.count();
    loc.path = r.str();
    if (loc.path.empty()) loc.path = path;
    return loc;
}

}  // namespace

std::string content_hash(std::string_view data) {
    // XXH3, 128 bits (libxxhash): fast on long notes, and stable across runs, versions and hosts.
    const XXH128_hash_t h = XXH3_128bits(data.data(), data.size());
    static constexpr char k_digits[] = "0123456789abcdef";
    std::string out(32, '0');
    for (int k = 0; k < 16; ++k) {
        out[static_cast<std::size_t>(k)] = k_digits[(h.high64 >> (60 - 4 * k)) & 0xf];
        out[static_cast<std::size_t>(16 + k)] = k_digits[(h.low64 >> (60 - 4 * k)) & 0xf];
    }
    return out;
}

namespace {

// The NT_GNU_BUILD_ID note of the main program, read from its loaded program headers.
int find_build_id(struct dl_phdr_info* info, std::size_t, void* data) {
    auto* out = static_cast<std::string*>(data);
    for (int i = 0; i < info->dlpi_phnum; ++i) {
        const ElfW(Phdr)& ph = info->dlpi_phdr[i];
        if (ph.p_type != PT_NOTE) continue;
        const char* p = reinterpret_cast<const char*>(info->dlpi_addr + ph.p_vaddr);
        const char* end = p + ph.p_memsz;
        while (p + sizeof(ElfW(Nhdr)) <= end) {
            ElfW(Nhdr) note;
            std::memcpy(&note, p, sizeof note);
            const char* name = p + sizeof note;
            const char* desc = name + ((note.n_namesz + 3) & ~3u);
            const char* next = desc + ((note.n_descsz + 3) & ~3u);
            if (next > end) break;
            if (note.n_type == NT_GNU_BUILD_ID && note.n_namesz == 4 && std::memcmp(name, "GNU", 4) == 0) {
                out->assign(desc, note.n_descsz);
                return 1;
            }
            p = next;
        }
    }
    return 1;  // only the first object: the program itself
}

}  // namespace

const std::string& program_fingerprint() {
    static const std::string fingerprint = [] {
        std::string id;
        ::dl_iterate_phdr(find_build_id, &id);
        if (!id.empty()) return "build-id:" + content_hash(id);
        if (auto st = stat_file("/proc/self/exe")) return "exe:" + std::to_string(st->size) + ":" + std::to_string(st->mtime_ns);
        return std::string();
    }();
    return fingerprint;
}

std::string cache_salt(const Conventions& c) {
    Json j = Json::array({CONVGRAPH_VERSION, program_fingerprint(), k_cache_format, c.driver_headers, c.mechanism_headers, c.effect_headers,
                          c.core_idea_labels, c.effect_labels, c.case_labels, c.layer_joiners, c.layer_suffixes,
                          c.delimiters, c.toc_headings, c.driver_section_suffixes});
    return content_hash(j.dump());
}

std::string NoteCache::key(std::string_view salt, std::string_view path, std::string_view text) {
    std::string head;
    head.reserve(salt.size() + path.size() + 2);
    head.append(salt).append(1, '\0').append(path).append(1, '\0');
    return content_hash(head + content_hash(text));
}

namespace {

constexpr std::string_view k_log_magic{"CGNLOG\0\0", 8};
constexpr std::size_t k_log_header = 8 + 4;       // magic, u32 cache format
constexpr std::string_view k_record_magic{"CGRC", 4};
constexpr std::size_t k_key_size = 32;            // NoteCache::key: 32 hex digits
// magic, key, u32 entry size, u64 XXH3 of the entry (a record damaged inside is a miss too)
constexpr std::size_t k_record_head = 4 + k_key_size + 4 + 8;

std::string log_header() {
    std::string h;
    BinaryWriter w(h);
    w.raw(k_log_magic);
    w.u32(k_cache_format);
    return h;
}

// A whole record (head and entry) whose magic, size and checksum hold.
bool intact(std::string_view record) {
    if (record.size() < k_record_head || record.substr(0, 4) != k_record_magic) return false;
    BinaryReader head(record.substr(4 + k_key_size, 12));
    const std::uint32_t size = head.u32();
    const std::uint64_t sum = head.num<std::uint64_t>();
    const std::string_view entry = record.substr(k_record_head);
    return entry.size() == size && sum == XXH3_64bits(entry.data(), entry.size());
}

}  // namespace

struct NoteCache::Impl {
    struct Record {
        std::uint64_t offset = 0;  // of the record head
        std::uint32_t size = 0;    // of the entry after it
    };

    fs::path dir;
    int fd = -1;
    absl::flat_hash_map<std::string, Record> records;  // key → its last record in the log
    bool rewrite = false;                               // damaged: rewrite whatever happens

    std::mutex mutex;  // guards what follows
    std::vector<Record> used;
    bool broken = false;  // a write failed: store nothing more

    // Reads the record heads; a record that does not fit or does not start with the magic ends
    // the scan (a build stopped while appending) and has the log rewritten at the end.
    void scan() {
        struct stat st {};
        if (::fstat(fd, &st) != 0) {
            broken = true;
            return;
        }
        const auto size = static_cast<std::uint64_t>(st.st_size);
        const std::string header = log_header();
        std::string head(k_log_header, '\0');
        if (size == 0) {
            if (!write_all(fd, header)) broken = true;
            return;
        }
        if (size < k_log_header || !read_at(fd, head.data(), head.size(), 0) || head != header) {
            // Another format (or not a log at all): start it again.
            if (::ftruncate(fd, 0) != 0 || !write_all(fd, header)) broken = true;
            return;
        }
        std::uint64_t pos = k_log_header;
        char rec[k_record_head];
        while (pos < size) {
            if (size - pos < k_record_head || !read_at(fd, rec, sizeof rec, pos) ||
                std::string_view(rec, 4) != k_record_magic) {
                rewrite = true;
                break;
            }
            BinaryReader r(std::string_view(rec + 4 + k_key_size, 4));
            const std::uint32_t n = r.u32();
            if (size - pos - k_record_head < n) {
                rewrite = true;
                break;
            }
            records.insert_or_assign(std::string(rec + 4, k_key_size), Record{pos, n});
            pos += k_record_head + n;
        }
    }

    void use(const Record& r) {
        std::lock_guard lock(mutex);
        used.push_back(r);
    }

    // Writes a new log of the used records (in log order) beside the old one and renames it over.
    void compact() {
        std::sort(used.begin(), used.end(), [](const Record& a, const Record& b) { return a.offset < b.offset; });
        used.erase(std::unique(used.begin(), used.end(), [](const Record& a, const Record& b) { return a.offset == b.offset; }),
                   used.end());
        try {
            AtomicFile out(log_path(dir));
            out.stream() << log_header();
            std::string buf;
            for (const Record& r : used) {
                buf.resize(k_record_head + r.size);
                if (!read_at(fd, buf.data(), buf.size(), r.offset)) continue;
                if (!intact(buf)) continue;  // only records that still check out are carried over
                out.stream() << buf;
            }
            out.commit();
        } catch (const Error&) {
            // Not rewritten: the log stays as it was, only larger.
        }
    }
};

fs::path NoteCache::log_path(const fs::path& dir) { return dir / "notes.log"; }

NoteCache::NoteCache(fs::path dir) : m_impl(std::make_unique<Impl>()) {
    m_impl->dir = std::move(dir);
    std::error_code ec;
    fs::create_directories(m_impl->dir, ec);
    m_impl->fd = ::open(log_path(m_impl->dir).c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (m_impl->fd < 0) return;  // a read-only or missing cache directory only costs speed
    try {
        m_impl->scan();
    } catch (const std::exception&) {  // out of memory for the index: no cache this time
        ::close(m_impl->fd);
        m_impl->fd = -1;
    }
}

NoteCache::~NoteCache() {
    try {
        close();
    } catch (...) {
    }
}

void NoteCache::close(bool compact) {
    Impl& c = *m_impl;
    if (c.fd < 0) return;
    if (!compact) {
        ::close(c.fd);
        c.fd = -1;
        return;
    }
    std::uint64_t used_bytes = k_log_header;
    for (const auto& r : c.used) used_bytes += k_record_head + r.size;
    struct stat st {};
    const bool stat_ok = ::fstat(c.fd, &st) == 0;
    // More than half the log is records this build did not use: rewrite it with those it did.
    if (!c.broken && stat_ok && (c.rewrite || static_cast<std::uint64_t>(st.st_size) > 2 * used_bytes)) c.compact();
    ::close(c.fd);
    c.fd = -1;
}

std::optional<NoteAnalysis> NoteCache::load(const std::string& key, const std::string& path,
                                            std::uint64_t* facts) const {
    const Impl& c = *m_impl;
    if (c.fd < 0) return std::nullopt;
    auto it = c.records.find(key);
    if (it == c.records.end()) return std::nullopt;
    const Impl::Record rec = it->second;
    std::string data(k_record_head + rec.size, '\0');
    if (!read_at(c.fd, data.data(), data.size(), rec.offset) || std::string_view(data).substr(4, k_key_size) != key)
        return std::nullopt;
    if (!intact(data)) return std::nullopt;
    const std::string_view entry = std::string_view(data).substr(k_record_head);
    auto a = decode_note_analysis(entry, path);
    if (a) m_impl->use(rec);
    if (a && facts) *facts = facts_hash(entry);
    return a;
}

std::optional<std::uint64_t> NoteCache::store(const std::string& key, const NoteAnalysis& analysis) const {
    Impl& c = *m_impl;
    if (c.fd < 0 || key.size() != k_key_size) return std::nullopt;
    std::optional<std::uint64_t> facts;
    try {
        std::string record;
        BinaryWriter w(record);
        w.raw(k_record_magic);
        w.raw(key);
        const std::string entry = encode_note_analysis(analysis);
        facts = facts_hash(entry);
        w.u32(entry.size());
        w.num<std::uint64_t>(XXH3_64bits(entry.data(), entry.size()));
        w.raw(entry);
        const auto n = static_cast<std::uint32_t>(entry.size());
        std::lock_guard lock(c.mutex);
        if (c.broken) return facts;
        // One write per record on a descriptor opened O_APPEND: records of two builds appending
        // at once do not interleave. Where it landed is where the descriptor now is, less it.
        // A short write (a full disk) may have let another build's record in behind it: stop
        // storing; the damage is a miss for the next build, which rewrites the log.
        ssize_t put;
        do {
            put = ::write(c.fd, record.data(), record.size());
        } while (put < 0 && errno == EINTR);
        if (put != static_cast<ssize_t>(record.size())) {
            c.broken = true;
            return facts;
        }
        const off_t end = ::lseek(c.fd, 0, SEEK_CUR);
        if (end < 0 || static_cast<std::uint64_t>(end) < record.size()) {
            c.broken = true;
            return facts;
        }
        c.used.push_back(Impl::Record{static_cast<std::uint64_t>(end) - record.size(), n});
    } catch (const std::exception&) {
        // An entry too large to encode, or out of memory: a miss next time.
    }
    return facts;
}

std::string encode_note_analysis(const NoteAnalysis& a) {
    // What the later stages read: heading anchors and links (all a build keeps of the document
    // anyway), diagnostics, facts. A plain binary layout: the nlohmann tree this replaced made
    // a warm build slower than analysing the notes again.
    const std::string& path = a.links.path;
    std::string out;
    BinaryWriter w(out);
    w.raw(k_magic);
    w.u32(k_cache_format);
    w.str(path);
    w.num<std::uint64_t>(a.bytes);  // left out of facts_hash()
    w.u32(a.links.anchors.size());
    for (const auto& anchor : a.links.anchors) w.str(anchor);
    w.u32(a.links.links.size());
    for (const auto& l : a.links.links) {
        w.str(l.destination);
        w.count(l.line);
        w.count(l.column);
    }
    w.u32(a.diagnostics.size());
    for (const auto& d : a.diagnostics) {
        put_loc(w, d.loc, path);
        put_message(w, d);
    }
    const NoteFacts& f = a.facts;
    w.str(f.title);
    w.str(f.series);
    w.str(f.subject);
    put_loc(w, f.title_loc, path);
    w.u32(f.mentions.size());
    for (const auto& m : f.mentions) {
        w.str(m.name);
        w.u8(static_cast<unsigned>(m.role));
        put_loc(w, m.loc, path);
        w.str(m.description);
    }
    w.u32(f.relations.size());
    for (const auto& r : f.relations) {
        w.u8(static_cast<unsigned>(r.relation));
        w.str(r.from);
        w.str(r.to);
        put_loc(w, r.loc, path);
        w.str(r.label);
        w.str(r.description);
        w.u32(r.attributes.size());
        for (const auto& [k, v] : r.attributes) {
            w.str(k);
            w.str(v);
        }
    }
    for (const auto* list : {&f.table_drivers, &f.overview_drivers}) {
        w.u32(list->size());
        for (const auto& n : *list) {
            w.str(n.name);
            put_loc(w, n.loc, path);
        }
    }
    return out;
}

NoteAnalysis cached_analysis(NoteCache* cache, const std::string& key, const std::string& path,
                             const std::string& text, const BuildOptions& options, bool& analysed,
                             std::uint64_t* facts) {
    analysed = false;
    if (cache) {
        if (auto hit = cache->load(key, path, facts)) {
            hit->suppressions = Suppressions::scan(text);
            return std::move(*hit);
        }
    }
    NoteAnalysis a = analyze_note(path, text, options);
    analysed = true;
    std::optional<std::uint64_t> stored = cache ? cache->store(key, a) : std::nullopt;
    if (facts) *facts = stored ? *stored : facts_hash(encode_note_analysis(a));
    spdlog::debug("analysed {}", path);
    return a;
}

bool note_is_plain(const NoteAnalysis& analysis, const std::vector<Diagnostic>& read_diagnostics) {
    return read_diagnostics.empty() && analysis.suppressions.empty();
}

std::uint64_t facts_hash(std::string_view encoded) {
    // The entry as encode_note_analysis writes it: magic, format, the path (u32 size, bytes),
    // then the u64 byte count, which is left out: the bytes before it, then those after.
    const std::size_t path_at = k_magic.size() + 4;
    if (encoded.size() < path_at + 4) return XXH3_64bits(encoded.data(), encoded.size());
    const std::uint32_t path_size = BinaryReader(encoded.substr(path_at, 4)).u32();
    const std::size_t bytes_at = path_at + 4 + std::size_t{path_size};
    if (encoded.size() < bytes_at + 8) return XXH3_64bits(encoded.data(), encoded.size());
    const std::uint64_t head = XXH3_64bits(encoded.data(), bytes_at);
    return XXH3_64bits_withSeed(encoded.data() + bytes_at + 8, encoded.size() - bytes_at - 8, head);
}

std::uint64_t note_digest(std::uint64_t facts, const NoteAnalysis& analysis,
                          const std::vector<Diagnostic>& read_diagnostics) {
    const std::string suppressions = analysis.suppressions.fingerprint();
    const std::uint64_t h = XXH3_64bits_withSeed(suppressions.data(), suppressions.size(), facts);
    return diagnostics_digest(read_diagnostics, h);
}

std::uint64_t note_digest(const NoteAnalysis& analysis, const std::vector<Diagnostic>& read_diagnostics) {
    return note_digest(facts_hash(encode_note_analysis(analysis)), analysis, read_diagnostics);
}

std::optional<NoteAnalysis> decode_note_analysis(std::string_view data, const std::string& path) {
    try {
        BinaryReader r(data);
        if (r.raw(k_magic.size()) != k_magic || r.u32() != static_cast<std::uint32_t>(k_cache_format) || r.str() != path)
            return std::nullopt;
        NoteAnalysis a;
        a.links.path = path;
        a.bytes = r.num<std::uint64_t>();
        a.links.anchors.resize(r.items(r.u32(), 4));
        for (auto& anchor : a.links.anchors) anchor = r.str();
        a.links.links.resize(r.items(r.u32(), 12));
        for (auto& l : a.links.links) {
            l.destination = r.str();
            l.line = r.count();
            l.column = r.count();
        }
        a.diagnostics.resize(r.items(r.u32(), 25));
        for (auto& d : a.diagnostics) {
            d.loc = get_loc(r, path);
            get_message(r, d);
        }
        NoteFacts& f = a.facts;
        f.path = path;
        f.title = r.str();
        f.series = r.str();
        f.subject = r.str();
        f.title_loc = get_loc(r, path);
        f.mentions.resize(r.items(r.u32(), 21));
        for (auto& m : f.mentions) {
            m.name = r.str();
            m.role = enum_at(r.u8(), k_all_roles);
            m.loc = get_loc(r, path);
            m.description = r.str();
        }
        f.relations.resize(r.items(r.u32(), 33));
        for (auto& x : f.relations) {
            x.relation = enum_at(r.u8(), k_all_relations);
            x.from = r.str();
            x.to = r.str();
            x.loc = get_loc(r, path);
            x.label = r.str();
            x.description = r.str();
            x.attributes.resize(r.items(r.u32(), 8));
            for (auto& [k, v] : x.attributes) {
                k = r.str();
                v = r.str();
            }
        }
        for (auto* list : {&f.table_drivers, &f.overview_drivers}) {
            list->resize(r.items(r.u32(), 16));
            for (auto& n : *list) {
                n.name = r.str();
                n.loc = get_loc(r, path);
            }
        }
        if (!r.at_end()) return std::nullopt;
        return a;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

}  // namespace convgraph
