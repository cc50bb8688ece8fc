// Diagnostics: collection, ordering and the one-line rendering.
#include "convgraph/diagnostics.hpp"

#include "convgraph/unicode.hpp"

#include <algorithm>
#include <filesystem>
#include <tuple>

namespace convgraph {

std::string_view to_string(Severity s) {
    switch (s) {
    case Severity::note: return "note";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
    }
    return "error";
}

std::optional<Severity> severity_from_string(std::string_view s) {
    if (s == "note") return Severity::note;
    if (s == "warning") return Severity::warning;
    if (s == "error") return Severity::error;
    return std::nullopt;
}

namespace {

// A diagnostic is one line of text in every format: what it quotes from a note (a decoded link
// target such as "x%0Ay" or "%1B[2K", a file name) must not end that line early, move the cursor
// or carry bytes that are not UTF-8. Control characters are shown as \n, \r, \t or \xNN.
std::string one_line(std::string_view text) {
    std::string valid = repair_utf8(text);
    if (std::none_of(valid.begin(), valid.end(), is_ascii_control)) return valid;
    std::string out;
    for (char c : valid) {
        auto u = static_cast<unsigned char>(c);
        if (!is_ascii_control(c)) {
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\t') {
            out += "\\t";
        } else {
            out += "\\x";
            out += "0123456789abcdef"[u >> 4];
            out += "0123456789abcdef"[u & 15];
        }
    }
    return out;
}

}  // namespace

void DiagnosticSink::report(SourceLoc loc, Severity severity, std::string code, std::string message, std::string hint) {
    m_diags.push_back(
        Diagnostic{std::move(loc), severity, std::move(code), one_line(message), one_line(hint)});
}

void DiagnosticSink::error(SourceLoc loc, std::string code, std::string message, std::string hint) {
    report(std::move(loc), Severity::error, std::move(code), std::move(message), std::move(hint));
}

void DiagnosticSink::warning(SourceLoc loc, std::string code, std::string message, std::string hint) {
    report(std::move(loc), Severity::warning, std::move(code), std::move(message), std::move(hint));
}

void DiagnosticSink::note(SourceLoc loc, std::string code, std::string message, std::string hint) {
    report(std::move(loc), Severity::note, std::move(code), std::move(message), std::move(hint));
}

void DiagnosticSink::append(const std::vector<Diagnostic>& more) {
    m_diags.insert(m_diags.end(), more.begin(), more.end());
}

std::size_t DiagnosticSink::count(Severity s) const {
    return static_cast<std::size_t>(
        std::count_if(m_diags.begin(), m_diags.end(), [s](const Diagnostic& d) { return d.severity == s; }));
}

void sort_diagnostics(std::vector<Diagnostic>& diags) {
    std::sort(diags.begin(), diags.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.loc, a.code, a.message, a.severity) < std::tie(b.loc, b.code, b.message, b.severity);
    });
    diags.erase(std::unique(diags.begin(), diags.end()), diags.end());
}

std::string prefixed_path(std::string_view prefix, std::string_view path) {
    if (prefix.empty() || path.starts_with('/')) return std::string(path);
    if (path.starts_with("../")) return (std::filesystem::path(prefix) / path).lexically_normal().generic_string();
    std::string out;
    out.reserve(prefix.size() + 1 + path.size());
    out.append(prefix);
    if (!prefix.ends_with('/')) out.push_back('/');
    out.append(path);
    return out;
}

std::string format_diagnostic(const Diagnostic& d, std::string_view prefix) {
    SourceLoc loc = d.loc;
    loc.path = prefixed_path(prefix, loc.path);
    std::string out = to_string(loc);
    out += ": ";
    out += to_string(d.severity);
    out += ": ";
    out += d.message;
    out += " [";
    out += d.code;
    out += ']';
    return out;
}

}  // namespace convgraph
