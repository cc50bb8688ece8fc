// Report: machine formats for CI — GitHub annotations, JSON, SARIF 2.1.0, JUnit, GitLab.
#include "convgraph/check_codes.hpp"
#include "convgraph/report.hpp"
#include "convgraph/unicode.hpp"
#include "convgraph/xml.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>
#include <map>

namespace convgraph {

using Json = nlohmann::ordered_json;

namespace {

std::string full_path(const Diagnostic& d, const ReportContext& ctx) {
    return prefixed_path(ctx.prefix, d.loc.path);
}

std::string dump(const Json& j) { return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n"; }

// FNV-1a, 64 bit: a stable fingerprint independent of the standard library.
std::string fingerprint(const std::string& text) {
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : text) {
        h ^= c;
        h *= 1099511628211ull;
    }
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

std::string github_escape(std::string_view s, bool property) {
    std::string out;
    for (char c : s) {
        switch (c) {
        case '%': out += "%25"; break;
        case '\r': out += "%0D"; break;
        case '\n': out += "%0A"; break;
        case ':': out += property ? "%3A" : ":"; break;
        case ',': out += property ? "%2C" : ","; break;
        default: out += c;
        }
    }
    return out;
}

// RFC 3986 path: unreserved characters and '/' as they are, everything else percent-encoded.
std::string uri_path(std::string_view path) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : path) {
        bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
                    c == '_' || c == '~' || c == '/';
        if (keep) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

Json counts_json(const std::vector<Diagnostic>& diags, std::size_t files) {
    std::size_t counts[3] = {0, 0, 0};
    for (const auto& d : diags) ++counts[static_cast<int>(d.severity)];
    Json j;
    j["files"] = files;
    j["errors"] = counts[2];
    j["warnings"] = counts[1];
    j["notes"] = counts[0];
    return j;
}

}  // namespace

std::string render_github(const std::vector<Diagnostic>& diags, const ReportContext& ctx) {
    std::string out;
    for (const auto& d : diags) {
        const char* cmd = d.severity == Severity::error ? "error" : d.severity == Severity::warning ? "warning" : "notice";
        out += "::";
        out += cmd;
        out += " file=" + github_escape(full_path(d, ctx), true);
        if (d.loc.line > 0) out += ",line=" + std::to_string(d.loc.line);
        if (d.loc.line > 0 && d.loc.column > 0) out += ",col=" + std::to_string(d.loc.column);
        out += ",title=" + github_escape("convgraph " + d.code, true);
        std::string message = d.message;
        if (!d.hint.empty()) message += "\nhint: " + d.hint;
        out += "::" + github_escape(message, false) + "\n";
    }
    return out;
}

std::string render_json(const std::vector<Diagnostic>& diags, const ReportContext& ctx) {
    Json root;
    root["tool"] = "convgraph";
    root["version"] = CONVGRAPH_VERSION;
    root["summary"] = counts_json(diags, ctx.files_checked);
    Json list = Json::array();
    for (const auto& d : diags) {
        Json j;
        j["file"] = full_path(d, ctx);
        j["line"] = d.loc.line;
        j["column"] = d.loc.column;
        j["severity"] = to_string(d.severity);
        j["code"] = d.code;
        j["message"] = d.message;
        if (!d.hint.empty()) j["hint"] = d.hint;
        list.push_back(std::move(j));
    }
    root["diagnostics"] = std::move(list);
    return dump(root);
}

namespace {

// The fingerprint of a finding, told apart from identical findings earlier in the report (the
// same text: code, path and message, and for GitLab the line) by its occurrence number, as
// GitHub's upload-sarif does: two broken links to the same target in one
// note are two alerts, not one that stays open until both are fixed. The first occurrence
// keeps the fingerprint it had before occurrences were counted.
class Fingerprints {
public:
    std::string next(const std::string& text) {
        const std::size_t seen = m_seen[text]++;
        return fingerprint(seen == 0 ? text : text + "\n#" + std::to_string(seen));
    }

private:
    std::map<std::string, std::size_t> m_seen;
};

// SARIF reads "[text](N)" in a plain-text message as a link to location N: brackets quoted from
// a note are escaped (§3.11.6).
std::string sarif_text(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == '[' || c == ']') out += '\\';
        out += c;
    }
    return out;
}

}  // namespace

std::string render_sarif(const std::vector<Diagnostic>& diags, const ReportContext& ctx) {
    Json rules = Json::array();
    std::map<std::string, std::size_t> rule_index;
    for (const auto& c : all_checks()) {
        rule_index[std::string(c.code)] = rules.size();
        Json r;
        r["id"] = c.code;
        r["name"] = c.code;
        r["shortDescription"]["text"] = c.summary;
        r["fullDescription"]["text"] = std::string(c.summary) + ".";
        r["help"]["text"] = c.help;
        r["defaultConfiguration"]["level"] = c.default_severity == Severity::note ? "note" : to_string(c.default_severity);
        r["properties"]["tags"] = Json::array({std::string(to_string(c.group))});
        rules.push_back(std::move(r));
    }
    Json results = Json::array();
    Fingerprints fingerprints;
    for (const auto& d : diags) {
        Json r;
        r["ruleId"] = d.code;
        if (auto it = rule_index.find(d.code); it != rule_index.end()) r["ruleIndex"] = it->second;
        r["level"] = d.severity == Severity::note ? "note" : to_string(d.severity);
        std::string text = d.message;
        if (!d.hint.empty()) text += " (hint: " + d.hint + ")";
        r["message"]["text"] = sarif_text(text);
        Json loc;
        loc["physicalLocation"]["artifactLocation"]["uri"] = uri_path(full_path(d, ctx));
        if (d.loc.line > 0) {
            Json region;
            region["startLine"] = d.loc.line;
            if (d.loc.column > 0) region["startColumn"] = d.loc.column;
            loc["physicalLocation"]["region"] = std::move(region);
        }
        r["locations"] = Json::array({std::move(loc)});
        r["partialFingerprints"]["convgraph/v1"] = fingerprints.next(d.code + "\n" + full_path(d, ctx) + "\n" + d.message);
        results.push_back(std::move(r));
    }
    Json run;
    run["tool"]["driver"]["name"] = "convgraph";
    run["tool"]["driver"]["version"] = CONVGRAPH_VERSION;
    run["tool"]["driver"]["rules"] = std::move(rules);
    run["columnKind"] = "unicodeCodePoints";
    run["results"] = std::move(results);
    Json root;
    root["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
    root["version"] = "2.1.0";
    root["runs"] = Json::array({std::move(run)});
    return dump(root);
}

std::string render_junit(const std::vector<Diagnostic>& diags, const ReportContext& ctx) {
    std::size_t failures = 0;
    for (const auto& d : diags)
        if (d.severity != Severity::note) ++failures;
    std::size_t tests = diags.empty() ? 1 : diags.size();
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    std::string counts = "tests=\"" + std::to_string(tests) + "\" failures=\"" + std::to_string(failures) +
                         "\" errors=\"0\" skipped=\"0\" time=\"0\"";
    out += "<testsuites name=\"convgraph\" " + counts + ">\n";
    out += "  <testsuite name=\"convgraph\" " + counts + ">\n";
    if (diags.empty())
        out += "    <testcase classname=\"convgraph\" name=\"" + std::to_string(ctx.files_checked) +
               " notes checked\" time=\"0\"/>\n";
    // Findings with the same file, code and line are told apart as "#2", "#3", …: counted, not
    // searched for (25,000 broken links on one line took 103 s to name).
    std::map<std::string, std::size_t> seen;
    for (const auto& d : diags) {
        std::string file = full_path(d, ctx);
        std::string name = d.code + " line " + std::to_string(d.loc.line);
        if (const std::size_t n = ++seen[file + "\n" + name]; n > 1) name += " #" + std::to_string(n);
        out += "    <testcase classname=\"" + xml_escape_attr(file) + "\" name=\"" + xml_escape_attr(name) + "\" file=\"" +
               xml_escape_attr(file) + "\" time=\"0\"";
        std::string detail = format_diagnostic(d, ctx.prefix) + (d.hint.empty() ? "" : "\nhint: " + d.hint);
        if (d.severity == Severity::note) {
            out += ">\n      <system-out>" + xml_text(detail) + "</system-out>\n    </testcase>\n";
        } else {
            out += ">\n      <failure message=\"" + xml_escape_attr(d.message) + "\" type=\"" + xml_escape_attr(d.code) + "\">" +
                   xml_text(detail) + "</failure>\n    </testcase>\n";
        }
    }
    out += "  </testsuite>\n</testsuites>\n";
    return out;
}

std::string render_gitlab(const std::vector<Diagnostic>& diags, const ReportContext& ctx) {
    Json list = Json::array();
    Fingerprints fingerprints;
    for (const auto& d : diags) {
        Json j;
        j["description"] = d.message + (d.hint.empty() ? "" : " (hint: " + d.hint + ")");
        j["check_name"] = d.code;
        j["fingerprint"] =
            fingerprints.next(d.code + "\n" + full_path(d, ctx) + "\n" + std::to_string(d.loc.line) + "\n" + d.message);
        j["severity"] = d.severity == Severity::error ? "major" : d.severity == Severity::warning ? "minor" : "info";
        j["location"]["path"] = full_path(d, ctx);
        j["location"]["lines"]["begin"] = std::max(1, d.loc.line);
        list.push_back(std::move(j));
    }
    return dump(list);
}

}  // namespace convgraph
