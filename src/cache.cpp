// Cache: per-note analysis results as CBOR files named by a hash of (version, conventions, path, text).
#include "convgraph/cache.hpp"

#include "convgraph/io.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>

namespace convgraph {

namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {

// Bumped whenever the entry layout or what analyze_note produces changes shape.
constexpr int k_cache_format = 1;

std::uint64_t mix(std::uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

std::uint64_t load64(const unsigned char* p) {
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];  // little-endian on every host
    return v;
}

Json loc_json(const SourceLoc& loc, const std::string& path) {
    if (loc.path == path) return Json::array({loc.line, loc.column});
    return Json::array({loc.line, loc.column, loc.path});
}

SourceLoc loc_from(const Json& j, const std::string& path) {
    SourceLoc loc;
    loc.line = j.at(0).get<int>();
    loc.column = j.at(1).get<int>();
    loc.path = j.size() > 2 ? j.at(2).get<std::string>() : path;
    return loc;
}

Json named_json(const std::vector<NamedAt>& v, const std::string& path) {
    Json a = Json::array();
    for (const auto& n : v) a.push_back(Json::array({n.name, loc_json(n.loc, path)}));
    return a;
}

std::vector<NamedAt> named_from(const Json& a, const std::string& path) {
    std::vector<NamedAt> v;
    v.reserve(a.size());
    for (const auto& j : a) v.push_back(NamedAt{j.at(0).get<std::string>(), loc_from(j.at(1), path)});
    return v;
}

}  // namespace

std::string content_hash(std::string_view data) {
    // Two independent 64-bit lanes over 8-byte words, then a final avalanche of each.
    std::uint64_t a = 0x9e3779b97f4a7c15ULL ^ data.size();
    std::uint64_t b = 0xc2b2ae3d27d4eb4fULL + data.size();
    const auto* p = reinterpret_cast<const unsigned char*>(data.data());
    std::size_t n = data.size();
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        std::uint64_t w = load64(p + i);
        a = (a ^ w) * 0x100000001b3ULL;
        a = (a << 29) | (a >> 35);
        b = (b + w) * 0xff51afd7ed558ccdULL;
        b ^= b >> 31;
    }
    unsigned char tail[8] = {};
    std::memcpy(tail, p + i, n - i);
    std::uint64_t w = load64(tail) ^ (static_cast<std::uint64_t>(n - i) << 56);
    a = mix(a ^ w);
    b = mix(b + w + a);
    a = mix(a + b);
    static const char* digits = "0123456789abcdef";
    std::string out(32, '0');
    for (int k = 0; k < 16; ++k) {
        out[k] = digits[(a >> (60 - 4 * k)) & 0xf];
        out[16 + k] = digits[(b >> (60 - 4 * k)) & 0xf];
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
    std::ifstream in(entry_path(key), std::ios::binary);
    if (!in) return std::nullopt;
    std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) return std::nullopt;
    return decode_note_analysis(data, path);
}

void NoteCache::store(const std::string& key, const NoteAnalysis& analysis) const {
    try {
        write_file_atomic(entry_path(key), encode_note_analysis(analysis));
    } catch (const std::exception&) {
        // A read-only or full cache directory only costs speed.
    }
}

std::string encode_note_analysis(const NoteAnalysis& a) {
    const std::string& path = a.document.path;
    Json j = Json::object();
    j["v"] = k_cache_format;
    j["path"] = path;
    j["bytes"] = a.bytes;
    Json headings = Json::array();
    for (const auto& h : a.document.headings)
        headings.push_back(Json::array({h.level, h.text, h.number, h.title, h.anchor, h.parent, loc_json(h.loc, path)}));
    j["headings"] = std::move(headings);
    Json links = Json::array();
    for (const auto& l : a.document.links)
        links.push_back(Json::array({l.destination, l.text, l.heading, loc_json(l.loc, path)}));
    j["links"] = std::move(links);
    Json diags = Json::array();
    for (const auto& d : a.diagnostics)
        diags.push_back(Json::array({loc_json(d.loc, path), static_cast<int>(d.severity), d.code, d.message, d.hint}));
    j["diagnostics"] = std::move(diags);
    const NoteFacts& f = a.facts;
    Json facts = Json::object();
    facts["path"] = f.path;
    facts["title"] = f.title;
    facts["series"] = f.series;
    facts["subject"] = f.subject;
    facts["title_loc"] = loc_json(f.title_loc, path);
    Json mentions = Json::array();
    for (const auto& m : f.mentions)
        mentions.push_back(Json::array({m.name, to_string(m.role), loc_json(m.loc, path), m.description}));
    facts["mentions"] = std::move(mentions);
    Json relations = Json::array();
    for (const auto& r : f.relations) {
        Json attrs = Json::array();
        for (const auto& [k, v] : r.attributes) attrs.push_back(Json::array({k, v}));
        relations.push_back(Json::array(
            {to_string(r.relation), r.from, r.to, loc_json(r.loc, path), r.label, r.description, std::move(attrs)}));
    }
    facts["relations"] = std::move(relations);
    facts["table_drivers"] = named_json(f.table_drivers, path);
    facts["overview_drivers"] = named_json(f.overview_drivers, path);
    j["facts"] = std::move(facts);
    std::vector<std::uint8_t> bytes = Json::to_cbor(j);
    return std::string(bytes.begin(), bytes.end());
}

std::optional<NoteAnalysis> decode_note_analysis(std::string_view data, const std::string& path) {
    try {
        Json j = Json::from_cbor(data.begin(), data.end());
        if (j.at("v").get<int>() != k_cache_format || j.at("path").get<std::string>() != path) return std::nullopt;
        NoteAnalysis a;
        a.document.path = path;
        a.bytes = j.at("bytes").get<std::uint64_t>();
        for (const auto& h : j.at("headings")) {
            Heading x;
            x.level = h.at(0).get<int>();
            x.text = h.at(1).get<std::string>();
            x.number = h.at(2).get<std::string>();
            x.title = h.at(3).get<std::string>();
            x.anchor = h.at(4).get<std::string>();
            x.parent = h.at(5).get<int>();
            x.loc = loc_from(h.at(6), path);
            a.document.headings.push_back(std::move(x));
        }
        for (const auto& l : j.at("links")) {
            Link x;
            x.destination = l.at(0).get<std::string>();
            x.text = l.at(1).get<std::string>();
            x.heading = l.at(2).get<int>();
            x.loc = loc_from(l.at(3), path);
            a.document.links.push_back(std::move(x));
        }
        for (const auto& d : j.at("diagnostics")) {
            Diagnostic x;
            x.loc = loc_from(d.at(0), path);
            int sev = d.at(1).get<int>();
            if (sev < 0 || sev > static_cast<int>(Severity::error)) return std::nullopt;
            x.severity = static_cast<Severity>(sev);
            x.code = d.at(2).get<std::string>();
            x.message = d.at(3).get<std::string>();
            x.hint = d.at(4).get<std::string>();
            a.diagnostics.push_back(std::move(x));
        }
        const Json& f = j.at("facts");
        NoteFacts& facts = a.facts;
        facts.path = f.at("path").get<std::string>();
        facts.title = f.at("title").get<std::string>();
        facts.series = f.at("series").get<std::string>();
        facts.subject = f.at("subject").get<std::string>();
        facts.title_loc = loc_from(f.at("title_loc"), path);
        for (const auto& m : f.at("mentions")) {
            auto role = role_from_string(m.at(1).get<std::string>());
            if (!role) return std::nullopt;
            facts.mentions.push_back(ConceptMention{m.at(0).get<std::string>(), *role, loc_from(m.at(2), path),
                                                    m.at(3).get<std::string>()});
        }
        for (const auto& r : f.at("relations")) {
            auto rel = relation_from_string(r.at(0).get<std::string>());
            if (!rel) return std::nullopt;
            RelationFact x;
            x.relation = *rel;
            x.from = r.at(1).get<std::string>();
            x.to = r.at(2).get<std::string>();
            x.loc = loc_from(r.at(3), path);
            x.label = r.at(4).get<std::string>();
            x.description = r.at(5).get<std::string>();
            for (const auto& kv : r.at(6)) x.attributes.emplace_back(kv.at(0).get<std::string>(), kv.at(1).get<std::string>());
            facts.relations.push_back(std::move(x));
        }
        facts.table_drivers = named_from(f.at("table_drivers"), path);
        facts.overview_drivers = named_from(f.at("overview_drivers"), path);
        return a;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

}  // namespace convgraph
