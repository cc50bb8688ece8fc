// Cache: per-note analysis results as binary files named by a hash of (version, conventions, path, text).
#include "convgraph/cache.hpp"

#include "convgraph/error.hpp"
#include "convgraph/io.hpp"

#include "binary_io.hpp"

#include <nlohmann/json.hpp>
#include <xxhash.h>

#include <array>
#include <cstdint>
#include <fstream>

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

constexpr std::array<Severity, 3> k_severities = {Severity::note, Severity::warning, Severity::error};

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

std::string cache_salt(const Conventions& c) {
    Json j = Json::array({CONVGRAPH_VERSION, k_cache_format, c.driver_headers, c.mechanism_headers, c.effect_headers,
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

fs::path NoteCache::entry_path(const std::string& key) const { return m_dir / key.substr(0, 2) / key.substr(2); }

std::optional<NoteAnalysis> NoteCache::load(const std::string& key, const std::string& path) const {
    std::string data;
    try {
        data = read_file(entry_path(key));
    } catch (const Error&) {
        return std::nullopt;  // no entry (or an unreadable one): a miss
    }
    return decode_note_analysis(data, path);
}

void NoteCache::store(const std::string& key, const NoteAnalysis& analysis) const {
    // Written in place, not through a temporary and a rename: that cost a third of a cold
    // build in file-system calls. A torn entry (a crash, a full disk) fails to decode — every
    // read is bounds-checked and the entry must end exactly where its layout does — and is a
    // miss; two builds writing one key write the same bytes.
    try {
        fs::path file = entry_path(key);
        std::error_code ec;
        fs::create_directories(file.parent_path(), ec);
        std::string data = encode_note_analysis(analysis);
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(data.data(), static_cast<std::streamsize>(data.size()));
    } catch (const std::exception&) {
        // A read-only or full cache directory only costs speed.
    }
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
    w.num<std::uint64_t>(a.bytes);
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
        w.u8(static_cast<unsigned>(d.severity));
        w.str(d.code);
        w.str(d.message);
        w.str(d.hint);
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
            d.severity = enum_at(r.u8(), k_severities);
            d.code = r.str();
            d.message = r.str();
            d.hint = r.str();
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
