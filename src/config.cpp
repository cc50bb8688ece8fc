// Config: reading and validating convgraph.json.
#include "convgraph/config.hpp"

#include "convgraph/check_codes.hpp"
#include "convgraph/error.hpp"
#include "convgraph/io.hpp"
#include "convgraph/unicode.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace convgraph {

using Json = nlohmann::json;

namespace {

[[noreturn]] void fail(const std::string& path, const std::string& what) {
    throw Error("configuration " + path + ": " + what);
}

std::vector<std::string> string_list(const Json& j, const std::string& key, const std::string& path) {
    if (!j.is_array()) fail(path, "\"" + key + "\" must be an array of strings");
    std::vector<std::string> out;
    for (const auto& item : j) {
        if (!item.is_string()) fail(path, "\"" + key + "\" must be an array of strings");
        out.push_back(item.get<std::string>());
    }
    return out;
}

void read_conventions(const Json& j, Conventions& c, const std::string& path) {
    if (!j.is_object()) fail(path, "\"conventions\" must be an object");
    const std::vector<std::pair<const char*, std::vector<std::string>*>> fields = {
        {"driver_headers", &c.driver_headers},       {"mechanism_headers", &c.mechanism_headers},
        {"effect_headers", &c.effect_headers},       {"core_idea_labels", &c.core_idea_labels},
        {"effect_labels", &c.effect_labels},         {"case_labels", &c.case_labels},
        {"layer_joiners", &c.layer_joiners},         {"layer_suffixes", &c.layer_suffixes},
        {"delimiters", &c.delimiters},               {"toc_headings", &c.toc_headings},
        {"driver_section_suffixes", &c.driver_section_suffixes},
    };
    for (const auto& [key, value] : j.items()) {
        auto it = std::find_if(fields.begin(), fields.end(), [&](const auto& f) { return key == f.first; });
        if (it == fields.end()) {
            std::string known;
            for (const auto& f : fields) known += (known.empty() ? "" : ", ") + std::string(f.first);
            fail(path, "unknown key \"conventions." + key + "\" (known: " + known + ")");
        }
        *it->second = string_list(value, "conventions." + key, path);
    }
}

// '*' and '?' stay within a segment, '**' crosses segments.
bool match_here(std::string_view p, std::string_view s) {
    while (!p.empty()) {
        if (p.substr(0, 2) == "**") {
            p.remove_prefix(2);
            if (!p.empty() && p[0] == '/') p.remove_prefix(1);
            for (std::size_t i = 0; i <= s.size(); ++i)
                if (match_here(p, s.substr(i))) return true;
            return false;
        }
        if (p[0] == '*') {
            p.remove_prefix(1);
            for (std::size_t i = 0; i <= s.size(); ++i) {
                if (match_here(p, s.substr(i))) return true;
                if (i < s.size() && s[i] == '/') break;
            }
            return false;
        }
        if (s.empty()) return false;
        if (p[0] == '?') {
            if (s[0] == '/') return false;
        } else if (p[0] != s[0]) {
            return false;
        }
        p.remove_prefix(1);
        s.remove_prefix(1);
    }
    return s.empty();
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
    if (match_here(pattern, path)) return true;
    if (pattern.find('/') == std::string_view::npos) {
        auto slash = path.rfind('/');
        if (slash != std::string_view::npos && match_here(pattern, path.substr(slash + 1))) return true;
    }
    // "drafts" or "drafts/" also excludes everything below it.
    std::string dir(pattern);
    if (!dir.empty() && dir.back() == '/') dir.pop_back();
    return !dir.empty() && path.size() > dir.size() && path[dir.size()] == '/' && match_here(dir, path.substr(0, dir.size()));
}

Config parse_config(std::string_view text, const std::string& path) {
    Json root;
    try {
        root = Json::parse(text.begin(), text.end());
    } catch (const Json::parse_error& e) {
        fail(path, std::string("not valid JSON: ") + e.what());
    }
    if (!root.is_object()) fail(path, "the top level must be an object");
    Config config;
    config.path = path;
    config.text = std::string(text);
    for (const auto& [key, value] : root.items()) {
        if (key == "$schema" || key == "$comment") continue;
        if (key == "conventions") {
            read_conventions(value, config.conventions, path);
        } else if (key == "aliases") {
            if (!value.is_object()) fail(path, "\"aliases\" must be an object of \"alias\": \"name\" pairs");
            for (const auto& [alias, target] : value.items()) {
                if (!target.is_string()) fail(path, "\"aliases." + alias + "\" must be a string");
                // Notes lose their control characters when read (corpus.cpp); an alias would put
                // them back into ids and labels, and exports that strip them would merge nodes.
                for (const std::string* name : {&alias, &target.get_ref<const std::string&>()})
                    if (std::any_of(name->begin(), name->end(), is_ascii_control))
                        fail(path, "alias " + Json(alias).dump() + ": " + Json(*name).dump() +
                                       " contains a control character, which no concept name can have");
                config.aliases.add(alias, target.get<std::string>());
                config.alias_spellings.emplace_back(alias, target.get<std::string>());
            }
        } else if (key == "ignore") {
            config.ignore = string_list(value, "ignore", path);
        } else if (key == "checks") {
            if (!value.is_object()) fail(path, "\"checks\" must be an object of \"code\": \"error|warning|note|off\"");
            for (const auto& [code, sev] : value.items()) {
                if (!find_check(code)) fail(path, "unknown check \"checks." + code + "\" (see docs/diagnostics.md)");
                if (!sev.is_string()) fail(path, "\"checks." + code + "\" must be \"error\", \"warning\", \"note\" or \"off\"");
                auto s = sev.get<std::string>();
                if (s == "off") {
                    config.checks[code] = std::nullopt;
                } else if (auto parsed = severity_from_string(s)) {
                    config.checks[code] = *parsed;
                } else {
                    fail(path, "\"checks." + code + "\" must be \"error\", \"warning\", \"note\" or \"off\", not \"" + s + "\"");
                }
            }
        } else if (key == "max_file_size") {
            if (!value.is_number_unsigned()) fail(path, "\"max_file_size\" must be a positive whole number of bytes");
            config.max_file_size = value.get<std::uintmax_t>();
        } else {
            fail(path, "unknown key \"" + key + "\" (known: conventions, aliases, ignore, checks, max_file_size)");
        }
    }
    return config;
}

std::optional<std::filesystem::path> find_config_upwards(const std::filesystem::path& dir) {
    std::error_code ec;
    // "" is the current directory (the folder of a note named without one: `inspect a.md`).
    std::filesystem::path current = std::filesystem::absolute(dir.empty() ? std::filesystem::path(".") : dir, ec);
    if (ec) return std::nullopt;
    for (int depth = 0; depth < 64; ++depth) {
        std::filesystem::path candidate = current / std::string(k_config_file_name);
        if (std::filesystem::is_regular_file(candidate, ec)) return candidate;
        if (!current.has_parent_path() || current.parent_path() == current) break;
        current = current.parent_path();
    }
    return std::nullopt;
}

Config load_config(const std::optional<std::filesystem::path>& explicit_path, const std::filesystem::path& root) {
    if (explicit_path) return parse_config(read_file(*explicit_path), explicit_path->generic_string());
    std::filesystem::path candidate = root / std::string(k_config_file_name);
    std::error_code ec;
    if (std::filesystem::is_regular_file(candidate, ec)) return parse_config(read_file(candidate), candidate.generic_string());
    return Config{};
}

}  // namespace convgraph
