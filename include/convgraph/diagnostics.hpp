// Diagnostics: problems found in notes, as values collected in a sink and rendered by the CLI.
#pragma once

#include "convgraph/source_loc.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace convgraph {

enum class Severity { note, warning, error };

std::string_view to_string(Severity s);
std::optional<Severity> severity_from_string(std::string_view s);

// One problem in one place. `code` is stable (kebab-case, e.g. "broken-link") and part of
// the interface: tests, suppressions and configuration refer to it.
struct Diagnostic {
    SourceLoc loc;
    Severity severity = Severity::error;
    std::string code;
    std::string message;
    std::string hint;  // how to fix it, when there is something specific to say ("did you mean …")

    auto operator<=>(const Diagnostic&) const = default;
    bool operator==(const Diagnostic&) const = default;
};

// Collects diagnostics of one unit of work (a note, a build). Not thread-safe: each worker
// thread owns its sink and the results are merged in a fixed order.
class DiagnosticSink {
public:
    void report(SourceLoc loc, Severity severity, std::string code, std::string message, std::string hint = {});
    void error(SourceLoc loc, std::string code, std::string message, std::string hint = {});
    void warning(SourceLoc loc, std::string code, std::string message, std::string hint = {});
    void note(SourceLoc loc, std::string code, std::string message, std::string hint = {});
    void append(const std::vector<Diagnostic>& more);

    const std::vector<Diagnostic>& all() const { return m_diags; }
    std::vector<Diagnostic> take() { return std::move(m_diags); }
    std::size_t count(Severity s) const;

private:
    std::vector<Diagnostic> m_diags;
};

// Sorts by path, line, column, then code and message; removes exact duplicates.
void sort_diagnostics(std::vector<Diagnostic>& diags);

// A diagnostic's path as the user sees it: `prefix` (the corpus root as typed) and a '/' in front
// of the corpus-relative `path`. A path that climbs out of the root ("../convgraph.json", a
// configuration beside the notes' directory) is resolved lexically ("notes/../c.json" →
// "c.json"); an absolute path is kept as it is.
std::string prefixed_path(std::string_view prefix, std::string_view path);

// "prefix/path:line:col: severity: message [code]", the path as prefixed_path gives it.
std::string format_diagnostic(const Diagnostic& d, std::string_view prefix = {});

}  // namespace convgraph
