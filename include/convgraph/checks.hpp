// Checks: diagnostics about a note's structure and links (beyond what parsing reports).
#pragma once

#include "convgraph/diagnostics.hpp"
#include "convgraph/document.hpp"

#include <functional>
#include <string>
#include <vector>

namespace convgraph {

// Within one note: duplicate section numbers among sibling headings, in-page anchors that
// match no heading.
void check_document(const Document& doc, DiagnosticSink& diags);

// How a link destination is classified.
struct LinkTarget {
    enum class Kind { external, in_page, relative, outside_corpus } kind = Kind::external;
    std::string path;      // for relative: the target's path relative to the corpus root
    std::string fragment;  // percent-decoded, without '#'
};

// Classifies a destination written in the note at `from_path` (relative to the corpus root).
LinkTarget classify_link(std::string_view from_path, std::string_view destination);

// Looks up a note by corpus-relative path; nullptr when the corpus has no such note.
using DocumentLookup = std::function<const Document*(const std::string& path)>;
// Looks up whether a non-note file exists at a corpus-relative path.
using FileExists = std::function<bool(const std::string& path)>;

// Relative links between notes: missing target, missing anchor in the target, link that leaves
// the corpus. Returns the note-to-note links that resolve, as (target path, link) pairs.
std::vector<std::pair<std::string, const Link*>> check_links(const Document& doc, const DocumentLookup& lookup,
                                                             const FileExists& file_exists, DiagnosticSink& diags);

}  // namespace convgraph
