// Suppress: inline suppression comments in notes.
//   <!-- convgraph-disable CODE… -->  …  <!-- convgraph-enable CODE… -->
//   <!-- convgraph-disable-next-line CODE… -->
//   <!-- convgraph-disable-line CODE… -->   (on the line itself)
//   <!-- convgraph-disable-file CODE… -->
// Without codes, a comment applies to every check; a bare enable ends every disable, and
// "enable CODE" inside a disable of every check re-enables that one. Comments in fenced code
// blocks and code spans are text, not directives.
#pragma once

#include "convgraph/diagnostics.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace convgraph {

class Suppressions {
public:
    // Scans a note's text for suppression comments.
    static Suppressions scan(std::string_view text);

    // True when a diagnostic with `code` at `line` (0 = whole file) is suppressed.
    bool suppressed(int line, std::string_view code) const;
    bool empty() const { return m_ranges.empty(); }
    // The ranges as bytes: equal for equal suppressions (for digests of what a note contributes).
    std::string fingerprint() const;

private:
    struct Range {
        std::string code;  // "" = every code
        int first;
        int last;  // inclusive; INT_MAX for "to the end"
        std::vector<std::string> except = {};  // codes an "enable CODE" took out of a disable of every code
    };
    std::vector<Range> m_ranges;
};

}  // namespace convgraph
